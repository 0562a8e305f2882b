import { create } from 'zustand';

/** The services and edges one request went through, as the Trace view found them. */
export interface TracePath {
  correlationId: string;
  services: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** How an element is drawn against the path: lit (on it), dimmed (off it), or as usual (no path). */
export type PathMark = 'on' | 'off' | null;

interface TracePathState {
  path: TracePath | null;
  /** The Trace view sets the request it shows, and clears it (null) when it shows none. */
  setPath: (path: TracePath | null) => void;
}

/**
 * The request path lit on the canvas (issue 13). Kept apart from the app store: a view of what the
 * Trace view shows, never an edit, never saved.
 */
export const useTracePath = create<TracePathState>((set) => ({
  path: null,
  setPath: (path) => set({ path }),
}));

/** Whether service `id` is on the lit path (null: no path is lit). */
export function useServicePathMark(id: string): PathMark {
  return useTracePath((s) => (s.path ? (s.path.services.has(id) ? 'on' : 'off') : null));
}

/** Whether edge `id` is on the lit path (null: no path is lit). */
export function useEdgePathMark(id: string): PathMark {
  return useTracePath((s) => (s.path ? (s.path.edges.has(id) ? 'on' : 'off') : null));
}

/** The class an element gets for its mark: `is-path-on`, `is-path-off`, or none. */
export function pathClass(mark: PathMark): string {
  return mark ? ` is-path-${mark}` : '';
}
