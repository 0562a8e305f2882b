import type { Diagram } from '../model/schema';

/** One undoable step: the diagram as it was before the edit, and what the edit was. */
export interface HistoryEntry {
  label: string;
  before: Diagram;
  /** Consecutive edits with the same key (typing in one field) merge into one undo step. */
  coalesceKey?: string;
}

export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const HISTORY_LIMIT = 200;

export const emptyHistory = (): History => ({ past: [], future: [] });

/** The history after an edit that replaced `before`; a new edit clears the redo stack. */
export function recordEdit(h: History, before: Diagram, label: string, coalesceKey?: string): History {
  const last = h.past[h.past.length - 1];
  if (coalesceKey && last?.coalesceKey === coalesceKey && h.future.length === 0) return h;
  const past = [...h.past, { label, before, coalesceKey }];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, future: [] };
}

/** Steps back: returns the diagram to show and the new history, or null when there is nothing to undo. */
export function undo(h: History, current: Diagram): { diagram: Diagram; history: History } | null {
  const entry = h.past[h.past.length - 1];
  if (!entry) return null;
  return {
    diagram: entry.before,
    history: { past: h.past.slice(0, -1), future: [...h.future, { label: entry.label, before: current }] },
  };
}

/** Steps forward again after an undo. */
export function redo(h: History, current: Diagram): { diagram: Diagram; history: History } | null {
  const entry = h.future[h.future.length - 1];
  if (!entry) return null;
  return {
    diagram: entry.before,
    history: { past: [...h.past, { label: entry.label, before: current }], future: h.future.slice(0, -1) },
  };
}
