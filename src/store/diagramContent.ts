import type { Diagram } from '../model/schema';
import type { AppState } from './types';

/** Whether two diagrams differ in nothing but their viewport (moving the camera is not an edit). */
export function sameButViewport(a: Diagram, b: Diagram): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Diagram)[]);
  for (const key of keys) if (key !== 'viewport' && a[key] !== b[key]) return false;
  return true;
}

/** A selector of the diagram that hands back the object it gave last while only the viewport moved. */
export function contentSelector() {
  let last: Diagram | null = null;
  return (s: AppState) => (last && sameButViewport(last, s.diagram) ? last : (last = s.diagram));
}
