import { playback } from '../app/run';
import { autosaveGuard } from '../app/persistenceLoader';
import { useAppStore } from '../store';
import { startPresenting, stopPresenting, usePresentation } from './presentation';
import { diagramOfScene } from '../model/deck';
import type { Diagram } from '../model/schema';
import { currentPanels } from './panels';
import { currentDiagramScene, type PresentedScene } from './scenes';

/** Whether this window made the page full screen (so leaving it ends the presentation). */
let ownFullscreen = false;
/** The autosave's pause as it was before presenting (a link may have paused it already). */
let autosaveWasPaused = false;

/**
 * Starts presenting in this window: full screen (asked within the person's click or key press, as
 * browsers require), the autosave paused (the scenes are not the person's edits), the first scene.
 */
export function beginPresenting(scenes: PresentedScene[] = defaultScenes(), index = 0) {
  if (scenes.length === 0) return;
  if (!usePresentation.getState().active) {
    autosaveWasPaused = autosaveGuard.paused;
    autosaveGuard.paused = true;
  }
  startPresenting(useAppStore, scenes, index);
  requestFullscreen();
}

/** What Present shows: the diagram's deck of scenes, or the open diagram as one scene when it has none. */
export function defaultScenes(): PresentedScene[] {
  const d = useAppStore.getState().diagram;
  return d.scenes.length ? deckScenes(d) : [currentDiagramScene(d, currentPanels(useAppStore) ?? null)];
}

/** The deck of `d`, each scene resolved to the diagram it presents. */
export function deckScenes(d: Diagram): PresentedScene[] {
  return d.scenes.map((s) => ({
    title: s.title,
    narration: s.narration,
    notes: s.notes,
    diagram: diagramOfScene(d, s),
    camera: s.camera ?? null,
    panels: s.panels ?? null,
  }));
}

/** Ends the presentation: out of full screen, the person's diagram back, the autosave on again. */
export function leavePresenting() {
  if (!usePresentation.getState().active) return;
  playback().pause();
  stopPresenting(useAppStore);
  autosaveGuard.paused = autosaveWasPaused;
  if (ownFullscreen && document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  ownFullscreen = false;
}

function requestFullscreen() {
  const root = document.documentElement;
  if (document.fullscreenElement || !root.requestFullscreen) return;
  // Refused outside a gesture, in a frame without permission, or by a headless browser: the
  // presentation then fills the window, which is what a person gets from F11 too.
  root
    .requestFullscreen()
    .then(() => {
      ownFullscreen = true;
    })
    .catch(() => {});
}

/** Leaving full screen the browser's way (its own Esc, F11) ends the presentation too. */
export function watchFullscreen(): () => void {
  const onChange = () => {
    if (!document.fullscreenElement && ownFullscreen) {
      ownFullscreen = false;
      leavePresenting();
    }
  };
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
}
