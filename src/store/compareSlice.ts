import type { StateCreator } from 'zustand';
import type { Diagram } from '../model/schema';
import type { RunSeries } from '../runtime/seriesShape';
import { emptyHistory, recordEdit, type History } from './history';
import type { AppState } from './types';

/** One of the two designs of a comparison, with its own undo history. */
export interface Variant {
  diagram: Diagram;
  history: History;
}

/**
 * A comparison in progress (issue 12). The canvas, the inspector and undo always work on the store's
 * `diagram`: the variant on screen is swapped into it, and the other waits in `aside` with its own
 * history, so every edit of either is an ordinary, undoable edit.
 */
export interface ComparisonState {
  /** The variant not on the canvas: B while A is shown, A while B is. */
  aside: Variant;
  showing: 'a' | 'b';
}

export interface CompareSlice {
  comparison: ComparisonState | null;
  /** The comparison's whole runs of A and B over time (the Metrics panel overlays them); null until run. */
  comparedSeries: { a: RunSeries | null; b: RunSeries | null } | null;
  /** Keeps the latest comparison's series (or forgets them: null). */
  setComparedSeries: (series: CompareSlice['comparedSeries']) => void;
  /**
   * Starts comparing the diagram (A) with a variant of it (B), shown for editing. `change` makes the
   * variant differ at once (an edge's kind), recorded as B's first, undoable edit named `label`.
   * `name` names B (default: A's, said to be the variant).
   */
  startComparison: (change?: (d: Diagram) => Diagram, label?: string, name?: string) => void;
  /**
   * Restores a shared comparison: the diagram on the canvas is A and `b` its variant, shown. Not an
   * edit (like any link load): B starts with an empty history.
   */
  openComparison: (b: Diagram) => void;
  /** Puts A or B on the canvas (a gesture in progress is ended first). */
  showVariant: (which: 'a' | 'b') => void;
  /** Ends the comparison with A back on the canvas; returns B as it was, for keeping it. */
  endComparison: () => Diagram | null;
}

/** The name B starts with: A's, said to be the variant. */
export const variantName = (name: string) => `${name} (variant B)`.slice(0, 200);

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  comparison: null,
  comparedSeries: null,
  setComparedSeries: (series) => set({ comparedSeries: series }),
  startComparison: (change, label = 'Change the variant', name) => {
    const st = get();
    st.endGesture();
    if (st.comparison) {
      // Already comparing: a change starts from B (brought to the canvas), it never replaces it.
      if (st.comparison.showing === 'a') get().showVariant('b');
      if (change) get().edit(label, change);
      return;
    }
    const a: Variant = { diagram: st.diagram, history: st.history };
    const copy: Diagram = { ...st.diagram, name: name ?? variantName(st.diagram.name) };
    const b = change ? change(copy) : copy;
    set({
      diagram: b,
      history: change && b !== copy ? recordEdit(emptyHistory(), copy, label) : emptyHistory(),
      comparison: { aside: a, showing: 'b' },
      comparedSeries: null,
      kindPicker: null,
    });
  },
  openComparison: (b) => {
    const st = get();
    set({
      diagram: b,
      history: emptyHistory(),
      comparison: { aside: { diagram: st.diagram, history: st.history }, showing: 'b' },
      comparedSeries: null,
      selection: [],
      kindPicker: null,
    });
  },
  showVariant: (which) => {
    const st = get();
    if (!st.comparison || st.comparison.showing === which) return;
    st.endGesture();
    const { aside } = get().comparison!;
    set({
      diagram: aside.diagram,
      history: aside.history,
      comparison: { aside: { diagram: get().diagram, history: get().history }, showing: which },
      kindPicker: null,
      renaming: null,
    });
  },
  endComparison: () => {
    const st = get();
    if (!st.comparison) return null;
    st.endGesture();
    if (get().comparison!.showing === 'b') get().showVariant('a');
    const b = get().comparison!.aside.diagram;
    set({ comparison: null, comparedSeries: null });
    return b;
  },
});

/** A and B of the comparison in progress, whichever is on the canvas; null when not comparing. */
export function comparedDiagrams(
  s: Pick<AppState, 'diagram' | 'comparison'>,
): { a: Diagram; b: Diagram } | null {
  const c = s.comparison;
  if (!c) return null;
  return c.showing === 'a' ? { a: s.diagram, b: c.aside.diagram } : { a: c.aside.diagram, b: s.diagram };
}
