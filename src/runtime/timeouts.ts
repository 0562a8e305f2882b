import type { Call } from './entities';

/** Below this many entries a lane is never compacted (compaction would cost more than it frees). */
const COMPACT_MIN = 64;

/**
 * Pending timeouts of one call policy. Every attempt under a policy waits the same time, so its
 * deadlines come in send order: a FIFO per policy replaces one heap entry per attempt with at most
 * one heap entry per policy. Settled attempts are skipped lazily from the front, and the lane is
 * compacted when settled entries outnumber live ones, so one long-pending call at the front can't
 * make it grow without bound.
 */
export class TimeoutLane {
  private calls: (Call | undefined)[] = [];
  /** The attempt token each entry was armed for (a retry re-arms the same call with a new token). */
  private tokens: number[] = [];
  private head0 = 0;
  /** Entries whose attempt is still pending (the caller keeps this in step via `settled`). */
  live = 0;
  /** Time of the heap event currently scheduled for this lane, or -1. */
  armedAt = -1;

  /** Number of entries, settled ones included. */
  get length(): number {
    return this.calls.length - this.head0;
  }

  /** Arms a pending attempt (its deadline is the latest so far). */
  push(call: Call): void {
    this.calls.push(call);
    this.tokens.push(call.token);
    this.live++;
    const n = this.calls.length - this.head0;
    if (n > COMPACT_MIN && n > 2 * this.live) this.compact();
  }

  /** An attempt of this lane was settled (reply, timeout, abandonment). */
  settled(): void {
    this.live--;
  }

  /** Drops settled attempts from the front; returns the first live one, if any. */
  head(): Call | undefined {
    const calls = this.calls;
    for (;;) {
      const c = calls[this.head0];
      if (c === undefined) {
        if (this.head0 > 0) this.reset();
        return undefined;
      }
      if (c.pending && c.token === this.tokens[this.head0]) return c;
      calls[this.head0++] = undefined;
      if (this.head0 > 1024 && this.head0 * 2 > calls.length) this.compact();
    }
  }

  /** Removes the front entry (the caller has just read it with `head`). */
  shift(): void {
    this.calls[this.head0++] = undefined;
  }

  /** Calls `fn` for each live entry, front first (for invariant checks). */
  forEachLive(fn: (call: Call) => void): void {
    for (let i = this.head0; i < this.calls.length; i++) {
      const c = this.calls[i];
      if (c !== undefined && c.pending && c.token === this.tokens[i]) fn(c);
    }
  }

  private reset(): void {
    this.calls = [];
    this.tokens = [];
    this.head0 = 0;
  }

  private compact(): void {
    const calls: Call[] = [];
    const tokens: number[] = [];
    for (let i = this.head0; i < this.calls.length; i++) {
      const c = this.calls[i];
      if (c !== undefined && c.pending && c.token === this.tokens[i]) {
        calls.push(c);
        tokens.push(this.tokens[i]!);
      }
    }
    this.calls = calls;
    this.tokens = tokens;
    this.head0 = 0;
  }
}
