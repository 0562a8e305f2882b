import type { Clock, FrameScheduler } from '../clock';

/** A clock and frame scheduler that move only when told: `advance(ms)` runs a frame every `frameMs`. */
export class FakeClock implements Clock, FrameScheduler {
  private t = 0;
  private nextHandle = 1;
  private callbacks = new Map<number, () => void>();

  constructor(private readonly frameMs = 16) {}

  now(): number {
    return this.t;
  }

  request(callback: () => void): number {
    const h = this.nextHandle++;
    this.callbacks.set(h, callback);
    return h;
  }

  cancel(handle: number): void {
    this.callbacks.delete(handle);
  }

  /** Frame callbacks waiting to run. */
  get pending(): number {
    return this.callbacks.size;
  }

  /** Moves time on by `ms`, running the pending frame callbacks after each frame's worth. */
  advance(ms: number): void {
    let left = ms;
    while (left > 0) {
      const d = Math.min(this.frameMs, left);
      this.t += d;
      left -= d;
      this.runFrame();
    }
  }

  /** Runs the frame callbacks now, without moving time. */
  runFrame(): void {
    const due = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const cb of due) cb();
  }
}
