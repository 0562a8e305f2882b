import { edgeLabel } from '../canvas/edgeLabels';
import type { Diagram } from '../model/schema';

/** What stays lit while an element is spotlit: it and what it touches; the rest of the diagram dims. */
export interface Spotlit {
  services: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/**
 * The elements lit by a spotlight on `id`: a service with its edges and the services at their other
 * ends (what it talks to is part of what is being discussed), or an edge with its two services.
 * Null when `id` is no element of `d` (a scene without it, a service deleted meanwhile).
 */
export function spotlitElements(d: Diagram, id: string): Spotlit | null {
  const edge = d.edges.find((e) => e.id === id);
  if (edge) return { services: new Set([edge.from, edge.to]), edges: new Set([edge.id]) };
  if (!d.services.some((s) => s.id === id)) return null;
  const touching = d.edges.filter((e) => e.from === id || e.to === id);
  return {
    services: new Set([id, ...touching.flatMap((e) => [e.from, e.to])]),
    edges: new Set(touching.map((e) => e.id)),
  };
}

/**
 * The service a keyboard's spotlight key moves to after `current`: the services in reading order
 * (left to right, then top to bottom), and after the last one none (null), so pressing on clears it.
 */
export function nextSpotlight(d: Diagram, current: string | null): string | null {
  const order = [...d.services].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.findIndex((s) => s.id === current);
  // An edge, or an element that is gone, starts the round again from the first service.
  if (current !== null && at < 0) return order[0]!.id;
  return order[at + 1]?.id ?? null;
}

/** How the spotlit element is named to the presenter and to a screen reader. */
export function spotlightName(d: Diagram, id: string): string | null {
  const service = d.services.find((s) => s.id === id);
  if (service) return service.name;
  const edge = d.edges.find((e) => e.id === id);
  if (!edge) return null;
  const name = (sid: string) => d.services.find((s) => s.id === sid)?.name ?? sid;
  return `${name(edge.from)} → ${name(edge.to)} (${edgeLabel(edge)})`;
}
