import { uniqueId, uniqueName } from './defaults';
import type { Camera, Diagram, Scene, SceneDiagram, ScenePanels } from './schema';
import { LIMITS } from './schemaConstants';
import { SCENE } from './schemaDefaults';

/**
 * Edits of a diagram's deck of scenes (issue 15), pure: each returns a new diagram, or the same one
 * when nothing changes (so the store records no empty undo step).
 */

/** What of `d` a scene keeps: everything but its version, viewport and deck. */
export function sceneDiagramOf(d: Diagram): SceneDiagram {
  const { version: _version, viewport: _viewport, scenes: _scenes, ...body } = d;
  return body;
}

/** The diagram a scene presents: the deck's diagram with the scene's state in place of its own. */
export function diagramOfScene(host: Diagram, scene: Scene): Diagram {
  return { ...host, ...scene.diagram, scenes: [] };
}

/** Whether the deck is full (the schema holds at most `LIMITS.scenes`). */
export const deckIsFull = (d: Diagram) => d.scenes.length >= LIMITS.scenes;

/**
 * Adds a scene made of `state` (by default `d` as it is now) at the end of the deck (or after
 * `afterIndex`); returns the new diagram and the scene's id (null when the deck is full).
 */
export function addScene(
  d: Diagram,
  options: {
    state?: SceneDiagram;
    title?: string;
    camera?: Camera;
    /** The panels open beside the diagram (absent: none). */
    panels?: ScenePanels;
    narration?: string;
    notes?: string;
    afterIndex?: number;
  } = {},
): { diagram: Diagram; id: string | null } {
  if (deckIsFull(d)) return { diagram: d, id: null };
  const state = options.state ?? sceneDiagramOf(d);
  const id = uniqueId(
    'scene',
    d.scenes.map((s) => s.id),
  );
  const title = uniqueName(
    (options.title ?? state.name).trim() || SCENE.title,
    d.scenes.map((s) => s.title),
  ).slice(0, 80);
  const scene: Scene = {
    id,
    title,
    narration: (options.narration ?? '').slice(0, LIMITS.narrationChars),
    notes: (options.notes ?? '').slice(0, LIMITS.speakerNotesChars),
    diagram: state,
  };
  if (options.camera) scene.camera = options.camera;
  if (options.panels) scene.panels = options.panels;
  const at = Math.min(d.scenes.length, (options.afterIndex ?? d.scenes.length - 1) + 1);
  return { diagram: { ...d, scenes: [...d.scenes.slice(0, at), scene, ...d.scenes.slice(at)] }, id };
}

/** Changes a scene's title, narration or notes (texts cut to what the schema holds). */
export function updateScene(
  d: Diagram,
  id: string,
  patch: Partial<Pick<Scene, 'title' | 'narration' | 'notes'>>,
): Diagram {
  const i = d.scenes.findIndex((s) => s.id === id);
  if (i < 0) return d;
  const was = d.scenes[i]!;
  const next: Scene = {
    ...was,
    ...(patch.title !== undefined && { title: patch.title.slice(0, 80) }),
    ...(patch.narration !== undefined && { narration: patch.narration.slice(0, LIMITS.narrationChars) }),
    ...(patch.notes !== undefined && { notes: patch.notes.slice(0, LIMITS.speakerNotesChars) }),
  };
  if (next.title === was.title && next.narration === was.narration && next.notes === was.notes) return d;
  return { ...d, scenes: d.scenes.map((s, j) => (j === i ? next : s)) };
}

/**
 * Puts `state` (by default `d` as it is now), `camera` and `panels` in place of a scene's diagram,
 * view and panels, keeping its title, narration and notes; a camera left out shows the whole
 * diagram, panels left out show none.
 */
export function updateSceneFromState(
  d: Diagram,
  id: string,
  options: { state?: SceneDiagram; camera?: Camera; panels?: ScenePanels } = {},
): Diagram {
  const i = d.scenes.findIndex((s) => s.id === id);
  if (i < 0) return d;
  const { camera: _camera, panels: _panels, ...was } = d.scenes[i]!;
  const next: Scene = { ...was, diagram: options.state ?? sceneDiagramOf(d) };
  if (options.camera) next.camera = options.camera;
  if (options.panels) next.panels = options.panels;
  // The same view again is no change (and no empty undo step).
  if (JSON.stringify(next) === JSON.stringify(d.scenes[i])) return d;
  return { ...d, scenes: d.scenes.map((s, j) => (j === i ? next : s)) };
}

/** Moves a scene to position `to` (clamped to the deck). */
export function moveScene(d: Diagram, id: string, to: number): Diagram {
  const from = d.scenes.findIndex((s) => s.id === id);
  const target = Math.max(0, Math.min(d.scenes.length - 1, to));
  if (from < 0 || from === target) return d;
  const scenes = d.scenes.filter((s) => s.id !== id);
  scenes.splice(target, 0, d.scenes[from]!);
  return { ...d, scenes };
}

/** Copies a scene right after itself, with " copy" on its title. */
export function duplicateScene(d: Diagram, id: string): { diagram: Diagram; id: string | null } {
  const i = d.scenes.findIndex((s) => s.id === id);
  if (i < 0 || deckIsFull(d)) return { diagram: d, id: null };
  const was = d.scenes[i]!;
  const r = addScene(d, {
    state: was.diagram,
    title: `${was.title} copy`,
    camera: was.camera,
    panels: was.panels,
    afterIndex: i,
  });
  return {
    diagram: updateScene(r.diagram, r.id!, { narration: was.narration, notes: was.notes }),
    id: r.id,
  };
}

/** Takes a scene out of the deck. */
export function deleteScene(d: Diagram, id: string): Diagram {
  return d.scenes.some((s) => s.id === id) ? { ...d, scenes: d.scenes.filter((s) => s.id !== id) } : d;
}

/**
 * Adds `scenes` (each with its own diagram, as a deck file carries them) after the deck's scenes,
 * each given an id the deck does not use yet. Returns the diagram unchanged (and `added` 0) when they
 * would not all fit: a deck is never cut short silently.
 */
export function appendScenes(d: Diagram, scenes: readonly Scene[]): { diagram: Diagram; added: number } {
  if (scenes.length === 0 || d.scenes.length + scenes.length > LIMITS.scenes) return { diagram: d, added: 0 };
  const taken = d.scenes.map((s) => s.id);
  const added = scenes.map((s) => {
    const id = uniqueId('scene', taken);
    taken.push(id);
    return { ...s, id };
  });
  return { diagram: { ...d, scenes: [...d.scenes, ...added] }, added: added.length };
}
