import type { Call } from './entities';
import { Fifo } from './fifo';

/**
 * Pending timeouts of one call policy. Every attempt under a policy waits the same time, so its
 * deadlines come in send order: a FIFO per policy replaces one heap entry per attempt with at most
 * one heap entry per policy, and settled attempts are skipped lazily from the front.
 */
export class TimeoutLane {
  readonly calls = new Fifo<Call>();
  readonly tokens = new Fifo<number>();
  /** Time of the heap event currently scheduled for this lane, or -1. */
  armedAt = -1;

  /** Drops settled attempts from the front; returns the first live one, if any. */
  head(): Call | undefined {
    for (;;) {
      const c = this.calls.peek();
      if (c === undefined) return undefined;
      if (c.pending && c.token === this.tokens.peek()) return c;
      this.calls.shift();
      this.tokens.shift();
    }
  }
}
