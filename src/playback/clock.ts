/** Wall-clock time in milliseconds (performance.now in the app, a fake in tests). */
export interface Clock {
  now(): number;
}

/** Calls back once per display frame (requestAnimationFrame in the app, a fake in tests). */
export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

/** The browser's (or Node's) monotonic clock. */
export const systemClock: Clock = { now: () => performance.now() };

/** requestAnimationFrame where there is one, else a ~60 Hz timer (Node, workers). */
export const animationFrameScheduler: FrameScheduler =
  typeof requestAnimationFrame === 'function'
    ? { request: (cb) => requestAnimationFrame(() => cb()), cancel: (h) => cancelAnimationFrame(h) }
    : {
        request: (cb) => setTimeout(cb, 16) as unknown as number,
        cancel: (h) => clearTimeout(h as unknown as ReturnType<typeof setTimeout>),
      };

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
