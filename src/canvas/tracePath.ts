import { create } from 'zustand';

/** Services and edges lit on the canvas (the rest dims). */
export interface LitElements {
  services: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** The services and edges one request went through, as the Trace view found them. */
export interface TracePath extends LitElements {
  correlationId: string;
}

/** How an element is drawn against the path: lit (on it), dimmed (off it), or as usual (no path). */
export type PathMark = 'on' | 'off' | null;

interface TracePathState {
  path: TracePath | null;
  /** A presentation's spotlight: while set, it is what is lit (over the path). */
  spotlight: LitElements | null;
  /** The Trace view sets the request it shows, and clears it (null) when it shows none. */
  setPath: (path: TracePath | null) => void;
  setSpotlight: (spotlight: LitElements | null) => void;
}

/**
 * What is lit on the canvas: the request path the Trace view shows (issue 13), or a presenter's
 * spotlight (issue 15). Kept apart from the app store: a view, never an edit, never saved.
 */
export const useTracePath = create<TracePathState>((set) => ({
  path: null,
  spotlight: null,
  setPath: (path) => set({ path }),
  setSpotlight: (spotlight) => set({ spotlight }),
}));

function litNow(s: TracePathState): LitElements | null {
  return s.spotlight ?? s.path;
}

/** What is lit on the canvas right now (null: nothing, everything is drawn as usual). */
export function litElementsNow(): LitElements | null {
  return litNow(useTracePath.getState());
}

/** Whether service `id` is lit (null: nothing is lit, everything is drawn as usual). */
export function useServicePathMark(id: string): PathMark {
  return useTracePath((s) => {
    const lit = litNow(s);
    return lit ? (lit.services.has(id) ? 'on' : 'off') : null;
  });
}

/** Whether edge `id` is lit (null: nothing is lit). */
export function useEdgePathMark(id: string): PathMark {
  return useTracePath((s) => {
    const lit = litNow(s);
    return lit ? (lit.edges.has(id) ? 'on' : 'off') : null;
  });
}

/** The class an element gets for its mark: `is-path-on`, `is-path-off`, or none. */
export function pathClass(mark: PathMark): string {
  return mark ? ` is-path-${mark}` : '';
}
