import type { LitElements } from '../tracePath';

/** How opaque marks off the lit path are: as faint as the dimmed edges they ride (tracePath.css). */
export const DIMMED_ALPHA = 0.25;

/** Whether an effect at an edge (or, without one, a service) is on the lit path; all are when none is. */
export function isLit(
  lit: LitElements | null,
  edgeId: string | undefined,
  serviceId: string | undefined,
): boolean {
  if (!lit) return true;
  if (edgeId !== undefined) return lit.edges.has(edgeId);
  return serviceId === undefined || lit.services.has(serviceId);
}
