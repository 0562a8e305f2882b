import type { Call } from './messages';

/** Below this many entries a lane is never compacted (compaction would cost more than it frees). */
const COMPACT_MIN = 64;

/**
 * Pending timeouts of one call policy. Every attempt under a policy waits the same time, so its
 * deadlines come in send order: a FIFO per policy replaces one heap entry per attempt with at most
 * one heap entry per policy. An attempt that settles clears its own slot (it knows where it is), so
 * skipping settled entries never touches their calls. The lane is compacted (on push, its one place)
 * when settled entries, skipped ones included, outnumber live ones: so one long-pending call at the
 * front can't make it grow without bound.
 */
export class TimeoutLane {
  /** Pending attempts in deadline order; a settled one leaves `undefined` behind. */
  private calls: (Call | undefined)[] = [];
  private head0 = 0;
  /** Entries still pending. */
  live = 0;
  /** Time of the heap event currently scheduled for this lane, or -1. */
  armedAt = -1;

  /** Number of entries, settled ones included. */
  get length(): number {
    return this.calls.length - this.head0;
  }

  /** Arms a pending attempt (its deadline is the latest so far). */
  push(call: Call): void {
    const n = this.calls.length;
    if (n >= COMPACT_MIN && n >= 2 * this.live) this.compact();
    call.laneSlot = this.calls.length;
    this.calls.push(call);
    this.live++;
  }

  /** The pending attempt of `call` was settled (reply, timeout, abandonment). */
  settle(call: Call): void {
    if (call.laneSlot >= 0) {
      this.calls[call.laneSlot] = undefined;
      call.laneSlot = -1;
    }
    this.live--;
  }

  /** Skips settled entries at the front; returns the first pending attempt, if any. */
  head(): Call | undefined {
    const calls = this.calls;
    let h = this.head0;
    while (h < calls.length && calls[h] === undefined) h++;
    this.head0 = h;
    return calls[h];
  }

  /** Removes the front entry (the caller has just read it with `head`); it is about to be settled. */
  shift(): void {
    const c = this.calls[this.head0]!;
    c.laneSlot = -1;
    this.calls[this.head0++] = undefined;
  }

  /** Calls `fn` for each pending entry, front first (for invariant checks). */
  forEachLive(fn: (call: Call) => void): void {
    for (let i = this.head0; i < this.calls.length; i++) {
      const c = this.calls[i];
      if (c !== undefined) fn(c);
    }
  }

  private compact(): void {
    const calls: Call[] = [];
    for (let i = this.head0; i < this.calls.length; i++) {
      const c = this.calls[i];
      if (c !== undefined) {
        c.laneSlot = calls.length;
        calls.push(c);
      }
    }
    this.calls = calls;
    this.head0 = 0;
  }
}
