import type { StateCreator } from 'zustand';
import * as edits from '../model/edits';
import type { AppState } from './types';

export interface SelectionSlice {
  /** Ids of the selected services, edges and notes. */
  selection: string[];
  clipboard: edits.Fragment | null;
  pasteCount: number;
  select: (ids: string[]) => void;
  selectAll: () => void;
  deleteSelection: () => void;
  copySelection: () => void;
  paste: () => void;
  duplicateSelection: () => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selection: [],
  clipboard: null,
  pasteCount: 0,
  select: (ids) => {
    const cur = get().selection;
    if (cur.length === ids.length && cur.every((id, i) => id === ids[i])) return;
    set({ selection: ids });
  },
  selectAll: () => {
    const d = get().diagram;
    set({ selection: [...d.services, ...d.notes, ...d.edges].map((x) => x.id) });
  },
  deleteSelection: () => {
    const ids = get().selection;
    if (!ids.length) return;
    get().edit(ids.length === 1 ? 'Delete' : `Delete ${ids.length} items`, (d) =>
      edits.deleteElements(d, ids),
    );
    set({ selection: [] });
  },
  copySelection: () => {
    const f = edits.extractFragment(get().diagram, new Set(get().selection));
    if (f.services.length || f.notes.length) set({ clipboard: f, pasteCount: 0 });
  },
  paste: () => {
    const f = get().clipboard;
    if (!f) return;
    const n = get().pasteCount + 1;
    let ids: string[] = [];
    get().edit('Paste', (d) => {
      const r = edits.pasteFragment(d, f, { x: 40 * n, y: 40 * n });
      ids = r.ids;
      return r.diagram;
    });
    set({ selection: ids, pasteCount: n });
  },
  duplicateSelection: () => {
    const f = edits.extractFragment(get().diagram, new Set(get().selection));
    if (!f.services.length && !f.notes.length) return;
    let ids: string[] = [];
    get().edit('Duplicate', (d) => {
      const r = edits.pasteFragment(d, f, { x: 40, y: 40 });
      ids = r.ids;
      return r.diagram;
    });
    set({ selection: ids });
  },
});
