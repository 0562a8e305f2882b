import type { NodeChange } from '@xyflow/react';
import type { Position } from '../model/schema';

type Size = { width: number; height: number };

/** What a batch of React Flow node changes asks of the diagram, sorted by what the store does with it. */
export interface NodeChangeIntent {
  /** Positions of a drag in progress: drawn at once, stored when the drag ends. */
  dragged: Map<string, Position>;
  /** Positions that land now: a drag's last move, or an arrow-key nudge. */
  moves: Map<string, Position>;
  /** Notes being resized by their handles. */
  noteSizes: Map<string, Size>;
  /** Cards' measured sizes (not part of the diagram: layout and label placement read them). */
  measured: Map<string, Size>;
  /** The selection after the changes, or null when they did not touch it. */
  selection: string[] | null;
}

/** How to read the changes: which ids are notes, whether a drag gesture is on, the selection now. */
export interface NodeChangeContext {
  isNote(id: string): boolean;
  dragging: boolean;
  selection: readonly string[];
}

/** Sorts React Flow's node changes into what the canvas and the store do with them (pure). */
export function readNodeChanges(
  changes: readonly NodeChange[],
  context: NodeChangeContext,
): NodeChangeIntent {
  const intent: NodeChangeIntent = {
    dragged: new Map(),
    moves: new Map(),
    noteSizes: new Map(),
    measured: new Map(),
    selection: null,
  };
  const selection = new Set(context.selection);
  for (const c of changes) {
    if (c.type === 'position' && c.position) {
      (c.dragging && context.dragging ? intent.dragged : intent.moves).set(c.id, c.position);
    } else if (c.type === 'dimensions' && c.dimensions) {
      if (!context.isNote(c.id)) intent.measured.set(c.id, c.dimensions);
      else if (c.resizing) intent.noteSizes.set(c.id, c.dimensions);
    } else if (c.type === 'select') {
      if (c.selected) selection.add(c.id);
      else selection.delete(c.id);
      intent.selection = [...selection];
    }
  }
  return intent;
}
