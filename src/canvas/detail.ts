import { createContext, useContext } from 'react';

/**
 * Below this zoom a card's small text is under ~5 px tall: unreadable. The canvas then draws an
 * overview instead (no edge labels, subtitles, icons, load bars or sparklines), which keeps
 * a zoomed-out view of hundreds of services smooth; run state still shows in colour.
 */
export const OVERVIEW_ZOOM = 0.45;

/**
 * From this many cards and notes on, a diagram is large: React Flow draws only what is in view, and
 * the run's marks hold still while the view moves (store/markHold.ts).
 */
export const LARGE_DIAGRAM_NODES = 150;

/**
 * From this many cards and notes on, the view is drawn on a canvas while it pans or zooms
 * (motionDrawing/): a 100-service pan measured 54.7 fps, and 47 zoomed in to 80 %, with its cards
 * in the DOM on this GPU-less machine.
 */
export const DRAWN_MOTION_NODES = 60;

/** Whether the canvas shows the zoomed-out overview (see OVERVIEW_ZOOM). */
export const OverviewContext = createContext(false);

/** Whether cards and edges draw their overview (zoomed-out) form. */
export function useOverview(): boolean {
  return useContext(OverviewContext);
}
