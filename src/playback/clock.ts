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
