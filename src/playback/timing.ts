import type { Clock, FrameScheduler } from './clock';
import type { EngineHost } from './host';

/* How the playback paces the engine against the wall clock (see Playback). */

export interface PlaybackOptions {
  host: EngineHost;
  clock?: Clock;
  scheduler?: FrameScheduler;
  /** Wall ms between panel refreshes while playing. */
  uiIntervalMs?: number;
  /**
   * True while the page would not show the run's state yet (the marks held while a large diagram's
   * view moves, store/markHold.ts): the engine is then asked for none, and for all of it after.
   */
  detailHeld?: () => boolean;
}

/** If the engine trails the clock by more than this much wall time, time waits for the engine. */
export const LAG_WALL_MS = 250;
/** How far past the engine's time the canvas may draw (wall ms), hiding one round trip. */
export const LEAD_WALL_MS = 50;
/**
 * The most simulated time (in wall ms) one advance may cover: a message living longer than this is
 * in flight at some reply, so the canvas draws it. Longer strides keep up with a heavier run.
 */
export const STRIDE_WALL_MS = 100;
/** One panel refresh in this many carries the run's full detail (the others: what the canvas shows). */
export const FULL_DETAIL_EVERY = 4;
