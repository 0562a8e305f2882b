import { create } from 'zustand';
import type { Diagram } from '../model/schema';
import type { AppStore } from '../store';
import { keepOwnPanels, restoreOwnPanels, showScenePanels } from './panels';
import type { PresentedScene } from './scenes';

/**
 * The presentation in progress (not an edit: nothing here is undone, saved or shared). The store's
 * diagram shows the current scene meanwhile; the person's own diagram and its undo history wait in
 * `saved` and come back when the presentation ends, and so do the person's own panels (each scene
 * opens its own).
 */
export interface PresentationState {
  active: boolean;
  scenes: PresentedScene[];
  index: number;
  /** The screen is blacked out (B or .): the room looks at the presenter. */
  black: boolean;
  /** The service or edge being discussed (S, or a click on it): the rest of the diagram dims. */
  spotlight: string | null;
  /** Counts scene shows, so showing the same scene again restarts its run and camera. */
  shown: number;
  /** Wall-clock ms when the presentation started (the presenter's timer). */
  startedAt: number;
  saved: { diagram: Diagram; history: ReturnType<AppStore['getState']>['history'] } | null;
}

const IDLE: PresentationState = {
  active: false,
  scenes: [],
  index: 0,
  black: false,
  spotlight: null,
  shown: 0,
  startedAt: 0,
  saved: null,
};

/** The presentation's state (one per window). */
export const usePresentation = create<PresentationState>(() => IDLE);

/** Starts presenting `scenes` from scene `index`, keeping the open diagram and its history aside. */
export function startPresenting(app: AppStore, scenes: PresentedScene[], index = 0, now = Date.now()) {
  if (scenes.length === 0) return;
  const st = app.getState();
  const cur = usePresentation.getState();
  // Presenting again while presenting keeps the diagram kept aside the first time.
  const saved = cur.saved ?? { diagram: st.diagram, history: st.history };
  keepOwnPanels(app);
  usePresentation.setState({ ...IDLE, active: true, scenes, saved, startedAt: now });
  goToScene(app, index);
}

/** Shows scene `index` (clamped to the deck): its diagram on the canvas, its run from the start. */
export function goToScene(app: AppStore, index: number) {
  const p = usePresentation.getState();
  if (!p.active) return;
  const i = Math.max(0, Math.min(p.scenes.length - 1, index));
  const scene = p.scenes[i]!;
  app.setState({ diagram: scene.diagram, selection: [], selectedMessage: null });
  showScenePanels(app, scene.panels);
  usePresentation.setState({ index: i, black: false, spotlight: null, shown: p.shown + 1 });
}

/** Next scene; on the last one, nothing (a clicker pressed once too often must not leave the show). */
export function nextScene(app: AppStore) {
  const p = usePresentation.getState();
  if (p.index < p.scenes.length - 1) goToScene(app, p.index + 1);
}

/** Previous scene; on the first, nothing. */
export function previousScene(app: AppStore) {
  const p = usePresentation.getState();
  if (p.index > 0) goToScene(app, p.index - 1);
}

/** Blacks the screen out, or brings it back. */
export function toggleBlack() {
  usePresentation.setState((p) => ({ black: !p.black }));
}

/**
 * Spotlights `id` (a service or an edge of the scene), or turns the spotlight off (null, or the
 * element already spotlit: a second click on it).
 */
export function spotlight(id: string | null) {
  usePresentation.setState((p) => ({ spotlight: id === p.spotlight ? null : id }));
}

/** Ends the presentation: the person's own diagram and undo history come back as they were. */
export function stopPresenting(app: AppStore) {
  const { saved, active } = usePresentation.getState();
  if (!active) return;
  usePresentation.setState(IDLE);
  if (saved) app.setState({ diagram: saved.diagram, history: saved.history, selection: [] });
  restoreOwnPanels(app);
}
