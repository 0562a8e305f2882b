import type { StateCreator } from 'zustand';
import * as deck from '../model/deck';
import type { Camera, Scene, SceneDiagram, ScenePanels } from '../model/schema';
import type { AppState } from './types';

/** The deck of scenes (issue 15): every change is an undoable edit of the diagram. */
export interface DeckSlice {
  /**
   * Adds a scene (the diagram as it is now, or `state`) at the end of the deck; returns its id, or
   * null when the deck is full.
   */
  addScene: (options?: {
    state?: SceneDiagram;
    title?: string;
    camera?: Camera;
    panels?: ScenePanels;
    narration?: string;
    notes?: string;
  }) => string | null;
  /**
   * Puts the diagram as it is now, `camera` (absent: the whole diagram) and `panels` (absent: none)
   * in a scene, texts kept.
   */
  updateSceneFromView: (id: string, camera?: Camera, panels?: ScenePanels) => void;
  /** Changes a scene's title, narration or notes; typing in one field is one undo step. */
  updateScene: (id: string, patch: Partial<Pick<Scene, 'title' | 'narration' | 'notes'>>) => void;
  /** Moves a scene to position `to` in the deck. */
  moveScene: (id: string, to: number) => void;
  /** Copies a scene right after itself; returns the copy's id. */
  duplicateScene: (id: string) => string | null;
  /** Takes a scene out of the deck. */
  deleteScene: (id: string) => void;
  /** Adds scenes (a deck file's) after the deck's, as one undo step; returns how many (0: they don't fit). */
  appendScenes: (scenes: readonly Scene[], label?: string) => number;
}

export const createDeckSlice: StateCreator<AppState, [], [], DeckSlice> = (_set, get) => ({
  addScene: (options = {}) => {
    let id: string | null = null;
    get().edit('Add scene', (d) => {
      const r = deck.addScene(d, options);
      id = r.id;
      return r.diagram;
    });
    return id;
  },
  updateScene: (id, patch) =>
    get().edit(
      patch.title !== undefined ? 'Rename scene' : 'Edit scene',
      (d) => deck.updateScene(d, id, patch),
      `scene:${id}:${Object.keys(patch).join()}`,
    ),
  updateSceneFromView: (id, camera, panels) =>
    get().edit('Update scene', (d) => deck.updateSceneFromState(d, id, { camera, panels })),
  moveScene: (id, to) => get().edit('Move scene', (d) => deck.moveScene(d, id, to)),
  duplicateScene: (id) => {
    let copy: string | null = null;
    get().edit('Duplicate scene', (d) => {
      const r = deck.duplicateScene(d, id);
      copy = r.id;
      return r.diagram;
    });
    return copy;
  },
  deleteScene: (id) => get().edit('Delete scene', (d) => deck.deleteScene(d, id)),
  appendScenes: (scenes, label = 'Import deck') => {
    let added = 0;
    get().edit(label, (d) => {
      const r = deck.appendScenes(d, scenes);
      added = r.added;
      return r.diagram;
    });
    return added;
  },
});
