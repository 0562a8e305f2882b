import type { StateCreator } from 'zustand';
import { emptyDiagram } from '../model/defaults';
import * as edits from '../model/edits';
import type { Breakpoint, Diagram, EdgeKind, Position, ServiceKind, Viewport } from '../model/schema';
import type { DocumentStart } from '../storage';
import { emptyHistory, recordEdit, redo, undo, type History } from './history';
import type { AppState } from './types';

export interface DiagramSlice {
  diagram: Diagram;
  history: History;
  /** Node sizes measured by React Flow, by service id (view state: not part of the diagram, not undoable). */
  measured: ReadonlyMap<string, { width: number; height: number }>;
  /** A gesture (a drag) in progress: the diagram before it, recorded as one undo step when it ends. */
  gestureStart: { before: Diagram; label: string } | null;
  /** Counts whole-diagram replacements (new, example, link, file), so the view can fit the new one. */
  loads: number;
  /** How the latest replacement starts its document in Recent diagrams (read by autosave). */
  loadedAs: DocumentStart;
  /** Applies an undoable edit. Edits that don't change the diagram leave no undo step. */
  edit: (label: string, recipe: (d: Diagram) => Diagram, coalesceKey?: string) => void;
  /**
   * Replaces the whole diagram: undoable for "New diagram", not for link loads and restores. `start`
   * says where it came from (default: the person's own).
   */
  replaceDiagram: (d: Diagram, opts: { undoable: boolean; label?: string; start?: DocumentStart }) => void;
  /** A change that comes from the run, not the person (live faults written into the script): not undoable. */
  amendFromRun: (recipe: (d: Diagram) => Diagram) => void;
  undo: () => void;
  redo: () => void;
  beginGesture: (label: string) => void;
  endGesture: () => void;
  /** Moves elements during a gesture without recording each frame. */
  moveLive: (positions: ReadonlyMap<string, Position>) => void;
  /** Sizes notes during a resize gesture (the gesture's end makes the undo step). */
  resizeNotesLive: (sizes: ReadonlyMap<string, { width: number; height: number }>) => void;
  setMeasured: (sizes: ReadonlyMap<string, { width: number; height: number }>) => void;
  setViewport: (v: Viewport) => void;
  addService: (kind: ServiceKind, position: Position) => string;
  addNote: (position: Position, text?: string) => string;
  connect: (from: string, to: string, kind: EdgeKind) => string | null;
  changeEdgeKind: (edgeId: string, kind: EdgeKind) => void;
  /** Adds a breakpoint (undoable); a breakpoint with an id already taken replaces nothing and is not added. */
  addBreakpoint: (b: Breakpoint) => void;
  /** Changes a breakpoint (undoable): on/off, kind, target, value. */
  updateBreakpoint: (id: string, patch: Partial<Omit<Breakpoint, 'id'>>) => void;
  /** Removes a breakpoint (undoable). */
  removeBreakpoint: (id: string) => void;
}

export const createDiagramSlice: StateCreator<AppState, [], [], DiagramSlice> = (set, get) => ({
  diagram: emptyDiagram(),
  history: emptyHistory(),
  measured: new Map(),
  gestureStart: null,
  loads: 0,
  loadedAs: { origin: 'own' },
  edit: (label, recipe, coalesceKey) => {
    const before = get().diagram;
    const after = recipe(before);
    if (after === before) return;
    set({ diagram: after, history: recordEdit(get().history, before, label, coalesceKey) });
  },
  replaceDiagram: (d, { undoable, label = 'Replace diagram', start = { origin: 'own' } }) => {
    const before = get().diagram;
    set({
      diagram: d,
      history: undoable ? recordEdit(get().history, before, label) : emptyHistory(),
      selection: [],
      gestureStart: null,
      loads: get().loads + 1,
      loadedAs: start,
      // A comparison is of the diagram that was open; openDiagram (app/persistence) keeps its variant first.
      comparison: null,
    });
  },
  addBreakpoint: (b) =>
    get().edit('Add breakpoint', (d) =>
      d.breakpoints.some((x) => x.id === b.id) ? d : { ...d, breakpoints: [...d.breakpoints, b] },
    ),
  updateBreakpoint: (id, patch) =>
    get().edit(
      patch.enabled === undefined
        ? 'Edit breakpoint'
        : patch.enabled
          ? 'Turn breakpoint on'
          : 'Turn breakpoint off',
      (d) => {
        const i = d.breakpoints.findIndex((b) => b.id === id);
        if (i < 0) return d;
        const next = { ...d.breakpoints[i]!, ...patch };
        return { ...d, breakpoints: d.breakpoints.map((b, j) => (j === i ? next : b)) };
      },
      // Typing a value is one step; each toggle is its own.
      patch.enabled === undefined ? `breakpoint:${id}:${Object.keys(patch).join()}` : undefined,
    ),
  removeBreakpoint: (id) =>
    get().edit('Remove breakpoint', (d) =>
      d.breakpoints.some((b) => b.id === id)
        ? { ...d, breakpoints: d.breakpoints.filter((b) => b.id !== id) }
        : d,
    ),
  amendFromRun: (recipe) => {
    const before = get().diagram;
    const after = recipe(before);
    if (after !== before) set({ diagram: after });
  },
  undo: () => {
    const r = undo(get().history, get().diagram);
    if (r)
      set({ diagram: r.diagram, history: r.history, selection: keepExisting(get().selection, r.diagram) });
  },
  redo: () => {
    const r = redo(get().history, get().diagram);
    if (r)
      set({ diagram: r.diagram, history: r.history, selection: keepExisting(get().selection, r.diagram) });
  },
  beginGesture: (label) => {
    if (!get().gestureStart) set({ gestureStart: { before: get().diagram, label } });
  },
  endGesture: () => {
    const g = get().gestureStart;
    if (!g) return;
    const changed = g.before !== get().diagram;
    set({
      gestureStart: null,
      history: changed ? recordEdit(get().history, g.before, g.label) : get().history,
    });
  },
  moveLive: (positions) => set({ diagram: edits.moveElements(get().diagram, positions) }),
  resizeNotesLive: (sizes) => set({ diagram: edits.resizeNotes(get().diagram, sizes) }),
  setMeasured: (sizes) => set({ measured: new Map([...get().measured, ...sizes]) }),
  // The viewport travels with the diagram (autosave, links) but moving the camera is not an edit.
  setViewport: (v) => {
    const was = get().diagram.viewport;
    if (was && was.x === v.x && was.y === v.y && was.zoom === v.zoom) return;
    set({ diagram: { ...get().diagram, viewport: v } });
  },
  addService: (kind, position) => {
    let id = '';
    get().edit(`Add ${kind}`, (d) => {
      const r = edits.addService(d, kind, position);
      id = r.service.id;
      return r.diagram;
    });
    set({ selection: [id] });
    return id;
  },
  addNote: (position, text) => {
    let id = '';
    get().edit('Add note', (d) => {
      const r = edits.addNote(d, position, text);
      id = r.note.id;
      return r.diagram;
    });
    set({ selection: [id] });
    return id;
  },
  connect: (from, to, kind) => {
    let id: string | null = null;
    get().edit(`Connect (${kind})`, (d) => {
      const r = edits.connect(d, kind, from, to);
      id = r?.edge.id ?? null;
      return r?.diagram ?? d;
    });
    if (id) set({ selection: [id] });
    return id;
  },
  changeEdgeKind: (edgeId, kind) => get().edit(`Make ${kind}`, (d) => edits.changeEdgeKind(d, edgeId, kind)),
});

function keepExisting(selection: string[], d: Diagram): string[] {
  const ids = new Set([...d.services, ...d.edges, ...d.notes].map((x) => x.id));
  return selection.filter((id) => ids.has(id));
}
