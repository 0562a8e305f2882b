import type { Diagram } from '../model/schema';
import { seriesToJson, type Playback, type RunSeriesJson } from '../playback';
import type { AppStore } from '../store';

/**
 * What the app exposes on `window.__microsim` for the e2e specs, benchmarks and the screenshot
 * script: one typed shape, imported (as a type) wherever it is read, never re-declared.
 */
export interface MicrosimTestHook {
  /** The store, read to assert what actions did (specs act through clicks and keys). */
  store: AppStore;
  /** Drawing a diagram of this name throws (the crash boundary's spec); null: nothing throws. */
  failDrawing(name: string | null): void;
  /** The run's controller, once the editor or the embed has mounted. */
  playback?: Playback;
  /** Fits the diagram into view as the first view does. */
  fitView?(): void;
  /**
   * The store's `series` (the run's time series) as plain JSON (arrays, NaN as null), which
   * `page.evaluate` can return; null when the run has sent none yet.
   */
  series(): RunSeriesJson | null;
  /** Replaces the diagram without an undo step, as a link load does (benchmarks load big diagrams). */
  loadDiagram?(diagram: Diagram): void;
}

declare global {
  interface Window {
    /** The test hook (see MicrosimTestHook). */
    __microsim?: MicrosimTestHook;
  }
}

/** The store's series as plain JSON, for `MicrosimTestHook.series`. */
export function seriesForHook(store: AppStore): RunSeriesJson | null {
  const s = store.getState().series;
  return s === null ? null : seriesToJson(s);
}

/** Sets (or adds to) the test hook. */
export function exposeTestHook(parts: Partial<MicrosimTestHook>): void {
  window.__microsim = { ...window.__microsim, ...parts } as MicrosimTestHook;
}
