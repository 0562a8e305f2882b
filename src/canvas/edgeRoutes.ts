import { createContext } from 'react';
import type { Diagram } from '../model/schema';
import { SERVICE_SIZE, type Box, type Point } from './geometry';
import { edgeLanes } from './messageLayer/lanes';
import { CardIndex, overlaps, routeEdge, type Card, type Route } from './routing';

type Sizes = ReadonlyMap<string, { width: number; height: number } | undefined>;

/** Every edge's route by id (edges with nothing in their way have `STRAIGHT`). */
export type Routes = ReadonlyMap<string, Route>;

/** The canvas's current routes, for the message layer (which draws messages on the same paths). */
export const RoutesContext = createContext<Routes | null>(null);

/** What routing one edge needs: its ends (cards and handle points) and its lane. */
interface EdgeEnds {
  id: string;
  from: string;
  to: string;
  source: Point;
  target: Point;
  lane: number;
}

interface Cached {
  ends: EdgeEnds;
  route: Route;
  /** Every region the routing looked at: a card moved outside it can't change the route. */
  seen: Box;
}

/** The cards of a diagram (services at their measured size, notes) and where each edge starts and ends. */
export function routeInputs(
  services: Diagram['services'],
  notes: Diagram['notes'],
  edges: Diagram['edges'],
  measured: Sizes,
): { cards: Card[]; ends: EdgeEnds[] } {
  const boxes = new Map<string, Card>();
  for (const s of services)
    boxes.set(s.id, { id: s.id, ...s.position, ...(measured.get(s.id) ?? SERVICE_SIZE) });
  const cards = [...boxes.values()];
  for (const n of notes) cards.push({ id: n.id, ...n.position, width: n.width, height: n.height });
  const lanes = edgeLanes(edges);
  const ends: EdgeEnds[] = [];
  for (const e of edges) {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (!a || !b) continue;
    ends.push({
      id: e.id,
      from: e.from,
      to: e.to,
      source: { x: a.x + a.width, y: a.y + a.height / 2 },
      target: { x: b.x, y: b.y + b.height / 2 },
      lane: lanes.get(e.id) ?? 0,
    });
  }
  return { cards, ends };
}

/**
 * A router that remembers its last answers: called with the diagram's cards and edges, it routes
 * again only the edges whose ends moved or near which a card moved, appeared or went, and hands
 * back the same route object for an edge whose route didn't change (so its drawing isn't redone).
 */
export function createEdgeRouter(): (
  cards: readonly Card[],
  ends: readonly EdgeEnds[],
) => Map<string, Route> {
  let known = new Map<string, Card>();
  let cache = new Map<string, Cached>();
  return (cards, ends) => {
    const moved: Box[] = [];
    const next = new Map(cards.map((c) => [c.id, c]));
    for (const c of cards) {
      const old = known.get(c.id);
      if (old && sameBox(old, c)) continue;
      moved.push(c);
      if (old) moved.push(old);
    }
    for (const [id, old] of known) if (!next.has(id)) moved.push(old);
    known = next;
    let index: CardIndex | null = null;
    const routes = new Map<string, Route>();
    const fresh = new Map<string, Cached>();
    for (const e of ends) {
      const hit = cache.get(e.id);
      let entry = hit;
      if (!hit || !sameEnds(hit.ends, e) || moved.some((b) => overlaps(b, hit.seen))) {
        index ??= new CardIndex(cards);
        const seen = { x: 0, y: 0, width: -1, height: -1 };
        const route = routeEdge(e.source, e.target, e.lane, index, [e.from, e.to], seen);
        entry = { ends: e, route: hit && sameRoute(hit.route, route) ? hit.route : route, seen };
      }
      fresh.set(e.id, entry!);
      routes.set(e.id, entry!.route);
    }
    cache = fresh;
    return routes;
  };
}

/** The routes of a diagram's edges, from scratch (pictures; the canvas keeps a router). */
export function routeDiagram(
  services: Diagram['services'],
  notes: Diagram['notes'],
  edges: Diagram['edges'],
  measured: Sizes,
): Map<string, Route> {
  const { cards, ends } = routeInputs(services, notes, edges, measured);
  return createEdgeRouter()(cards, ends);
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function sameEnds(a: EdgeEnds, b: EdgeEnds): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.lane === b.lane &&
    a.source.x === b.source.x &&
    a.source.y === b.source.y &&
    a.target.x === b.target.x &&
    a.target.y === b.target.y
  );
}

function sameRoute(a: Route, b: Route): boolean {
  return a.length === b.length && a.every((p, i) => p.x === b[i]!.x && p.y === b[i]!.y);
}
