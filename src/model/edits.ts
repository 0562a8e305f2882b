import { allIds, makeEdge, makeNote, makeService, SERVICE_KIND_INFO, uniqueId, uniqueName } from './defaults';
import { removeElements } from './graph';
import { generatedNames, renameService } from './names';
import type { Diagram, Edge, EdgeKind, Note, Position, Service, ServiceKind } from './schema';

/** Pure edits of a diagram; the store wraps each in an undoable action. */

/** Adds a service of `kind` at `position` with a unique name ("Service 2"); returns it too. */
export function addService(
  d: Diagram,
  kind: ServiceKind,
  position: Position,
): { diagram: Diagram; service: Service } {
  const id = uniqueId(kind === 'service' ? 'svc' : kind, allIds(d));
  const name = uniqueName(
    SERVICE_KIND_INFO[kind].baseName,
    d.services.map((s) => s.name),
  );
  const service = makeService(kind, id, name, snap(position));
  return { diagram: { ...d, services: [...d.services, service] }, service };
}

/** Sensible names for a new edge of `kind` between two services. */
export function defaultEdgeFields(d: Diagram, kind: EdgeKind, from: Service, to: Service): Partial<Edge> {
  switch (kind) {
    case 'sync':
    case 'queue':
    case 'topic':
      return generatedNames(kind, from, to);
    case 'saga': {
      const saga = d.edges.find((e) => e.kind === 'saga' && (e.from === from.id || e.to === from.id));
      const name = saga?.kind === 'saga' ? saga.saga : 'order-saga';
      const steps = d.edges
        .filter((e) => e.kind === 'saga' && e.saga === name)
        .map((e) => (e.kind === 'saga' ? e.step : 0));
      const step = Math.max(0, ...steps) + 1;
      return { ...generatedNames(kind, from, to), saga: name, step };
    }
  }
}

/** Connects two services with a new edge of `kind`; null when either end is missing. */
export function connect(
  d: Diagram,
  kind: EdgeKind,
  from: string,
  to: string,
): { diagram: Diagram; edge: Edge } | null {
  const source = d.services.find((s) => s.id === from);
  const target = d.services.find((s) => s.id === to);
  if (!source || !target) return null;
  const edge = makeEdge(kind, uniqueId('e', allIds(d)), from, to, defaultEdgeFields(d, kind, source, target));
  return { diagram: { ...d, edges: [...d.edges, edge] }, edge };
}

/** Changes an edge's kind, keeping what the kinds share (ends, message, latency, triggers). */
export function changeEdgeKind(d: Diagram, edgeId: string, kind: EdgeKind): Diagram {
  const old = d.edges.find((e) => e.id === edgeId);
  const source = d.services.find((s) => s.id === old?.from);
  const target = d.services.find((s) => s.id === old?.to);
  if (!old || !source || !target || old.kind === kind) return d;
  const others = { ...d, edges: d.edges.filter((e) => e.id !== edgeId) };
  const fields = defaultEdgeFields(others, kind, source, target);
  const edge = makeEdge(kind, old.id, old.from, old.to, {
    ...fields,
    latencyMs: old.latencyMs,
    triggers: old.triggers,
  });
  return { ...d, edges: d.edges.map((e) => (e.id === edgeId ? edge : e)) };
}

/** Adds a sticky note. */
export function addNote(d: Diagram, position: Position, text = 'Note'): { diagram: Diagram; note: Note } {
  const note = makeNote(uniqueId('note', allIds(d)), text, snap(position));
  return { diagram: { ...d, notes: [...d.notes, note] }, note };
}

/** Deletes services, edges and notes by id, with every edge and fault that touched them. */
export function deleteElements(d: Diagram, ids: Iterable<string>): Diagram {
  return removeElements(d, new Set(ids));
}

/** A copied piece of a diagram: services, notes and the edges among them. */
export interface Fragment {
  services: Service[];
  edges: Edge[];
  notes: Note[];
}

/** The selected services and notes, with the edges whose both ends are selected. */
export function extractFragment(d: Diagram, ids: ReadonlySet<string>): Fragment {
  const services = d.services.filter((s) => ids.has(s.id));
  const inside = new Set(services.map((s) => s.id));
  return {
    services,
    notes: d.notes.filter((n) => ids.has(n.id)),
    edges: d.edges.filter((e) => inside.has(e.from) && inside.has(e.to)),
  };
}

/** Pastes a fragment with fresh ids and unique names, offset by `offset`; returns the new ids. */
export function pasteFragment(
  d: Diagram,
  f: Fragment,
  offset: Position,
): { diagram: Diagram; ids: string[] } {
  const taken = new Set(allIds(d));
  const names = new Set(d.services.map((s) => s.name));
  const idMap = new Map<string, string>();
  const fresh = (old: string, prefix: string) => {
    const id = uniqueId(prefix, taken);
    taken.add(id);
    idMap.set(old, id);
    return id;
  };
  const move = (p: Position) => ({ x: p.x + offset.x, y: p.y + offset.y });
  const services = f.services.map((s) => {
    const name = uniqueName(s.name.replace(/ \d+$/, ''), names);
    names.add(name);
    return { ...s, id: fresh(s.id, s.kind === 'service' ? 'svc' : s.kind), name, position: move(s.position) };
  });
  const notes = f.notes.map((n) => ({ ...n, id: fresh(n.id, 'note'), position: move(n.position) }));
  const edges = f.edges
    .filter((e) => idMap.has(e.from) && idMap.has(e.to))
    .map((e) => ({ ...e, id: fresh(e.id, 'e'), from: idMap.get(e.from)!, to: idMap.get(e.to)! }));
  return {
    diagram: {
      ...d,
      services: [...d.services, ...services],
      notes: [...d.notes, ...notes],
      edges: [...d.edges, ...edges],
    },
    ids: [...services, ...notes, ...edges].map((x) => x.id),
  };
}

/** Replaces the service with `id` by `next` (same id). */
export function replaceService(d: Diagram, next: Service): Diagram {
  const old = d.services.find((s) => s.id === next.id);
  // A new name takes the edge names generated from the old one along (see renameService).
  const renamed = old && old.name !== next.name ? renameService(d, next.id, next.name) : d;
  return { ...renamed, services: renamed.services.map((s) => (s.id === next.id ? next : s)) };
}

/** Replaces the edge with `next.id`. */
export function replaceEdge(d: Diagram, next: Edge): Diagram {
  return { ...d, edges: d.edges.map((e) => (e.id === next.id ? next : e)) };
}

/** Replaces the note with `next.id`. */
export function replaceNote(d: Diagram, next: Note): Diagram {
  return { ...d, notes: d.notes.map((n) => (n.id === next.id ? next : n)) };
}

/** Moves services and notes to new positions. */
export function moveElements(d: Diagram, positions: ReadonlyMap<string, Position>): Diagram {
  if (positions.size === 0) return d;
  const at = <T extends { id: string; position: Position }>(x: T): T => {
    const p = positions.get(x.id);
    return p && (p.x !== x.position.x || p.y !== x.position.y) ? { ...x, position: p } : x;
  };
  return { ...d, services: d.services.map(at), notes: d.notes.map(at) };
}

/** Sizes notes (whole pixels), as a note's resize handles do; other ids are ignored. */
export function resizeNotes(
  d: Diagram,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
): Diagram {
  if (sizes.size === 0) return d;
  const sized = (n: Diagram['notes'][number]) => {
    const s = sizes.get(n.id);
    return s ? { ...n, width: Math.round(s.width), height: Math.round(s.height) } : n;
  };
  return { ...d, notes: d.notes.map(sized) };
}

const GRID = 20;
/** Rounds a position to the canvas grid. */
export function snap(p: Position): Position {
  return { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID };
}
