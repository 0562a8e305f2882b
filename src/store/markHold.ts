/**
 * While a person pans the view or drags a card of a large diagram, the run's state waits before
 * reaching the store (app/run.ts), so the marks on cards and edges (colours, badges, counts, load),
 * the inspector and the charts hold still and catch up when the movement stops. Repainting
 * hundreds of changing cards inside a moving layer is what cost such a diagram its frames (issue
 * 17); the messages keep moving on their own canvas, so the run still visibly plays.
 *
 * Meanwhile the playback asks the engine for no run state at all (PlaybackOptions.detailHeld, set
 * in app/run.ts): the page would not show it, and reading it cost the page's thread 5–40 ms ten
 * times a second on a 300-service run. The first refresh after a hold carries the full detail.
 *
 * Plain module state, not store state: it changes on every pointer move, and a store update per move
 * would run every subscriber. A hold lapses by itself `HOLD_MS` after the last move, so a gesture
 * whose end is never reported cannot freeze the marks.
 */

/** How long after the last move the marks stay held. */
export const HOLD_MS = 250;

let heldUntil = 0;

/** Holds the run's marks from `nowMs` (a `performance.now()` time) for HOLD_MS. */
export function holdRunMarks(nowMs: number): void {
  heldUntil = nowMs + HOLD_MS;
}

/** How many more milliseconds the marks are held at `nowMs`; 0 when they are not. */
export function runMarksHeldFor(nowMs: number): number {
  return Math.max(0, heldUntil - nowMs);
}

/** Ends any hold at once (a test, or a run that must show its state now). */
export function releaseRunMarks(): void {
  heldUntil = 0;
}
