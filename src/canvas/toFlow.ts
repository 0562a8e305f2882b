import { Position, type NodeHandle } from '@xyflow/react';
import type { Diagram, Edge, Note, Service } from '../model/schema';
import type { EdgeLabelSpot, KindEdgeType } from './edges/KindEdge';
import type { LabelPlace } from './labelPlacement';
import { SERVICE_SIZE } from './geometry';
import type { Route } from './routing';
import { edgeLanes } from './messageLayer/lanes';
import type { NoteNodeType } from './nodes/NoteNode';
import type { ServiceNodeType } from './nodes/ServiceNode';

export type FlowNode = ServiceNodeType | NoteNodeType;

type Size = { width: number; height: number } | undefined;

/**
 * Turns the diagram into React Flow nodes and edges. Unchanged services keep the same node object
 * (cached on the service object, which the store replaces only when it changes), so React Flow
 * re-renders only what moved or changed.
 */
export function createFlowMapper() {
  const serviceNodes = new WeakMap<Service, { selected: boolean; size: Size; node: ServiceNodeType }>();
  const noteNodes = new WeakMap<Note, { selected: boolean; node: NoteNodeType }>();
  // Cards whose first node object React Flow has been given: see `firstHandles`.
  const handed = new Set<string>();
  const flowEdges = new WeakMap<
    Edge,
    {
      selected: boolean;
      lane: number;
      label: EdgeLabelSpot | undefined;
      route: Route | undefined;
      edge: KindEdgeType;
    }
  >();

  const nodes = (
    d: Diagram,
    selection: ReadonlySet<string>,
    measured: ReadonlyMap<string, Size>,
  ): FlowNode[] => {
    const out: FlowNode[] = [];
    for (const n of d.notes) {
      const selected = selection.has(n.id);
      const hit = noteNodes.get(n);
      if (hit && hit.selected === selected) {
        out.push(hit.node);
        continue;
      }
      const node: NoteNodeType = {
        id: n.id,
        type: 'note',
        position: n.position,
        data: { note: n },
        selected,
        width: n.width,
        height: n.height,
        measured: { width: n.width, height: n.height },
        zIndex: -1,
      };
      noteNodes.set(n, { selected, node });
      out.push(node);
    }
    for (const s of d.services) {
      const selected = selection.has(s.id);
      const size = measured.get(s.id);
      const hit = serviceNodes.get(s);
      if (hit && hit.selected === selected && hit.size === size) {
        out.push(hit.node);
        continue;
      }
      const node: ServiceNodeType = {
        id: s.id,
        type: 'service',
        position: s.position,
        data: { service: s },
        selected,
        measured: size ?? SERVICE_SIZE,
        ...(handed.has(s.id) ? {} : { handles: firstHandles(size ?? SERVICE_SIZE) }),
      };
      handed.add(s.id);
      serviceNodes.set(s, { selected, size, node });
      out.push(node);
    }
    return out;
  };

  const edges = (
    diagramEdges: readonly Edge[],
    selection: ReadonlySet<string>,
    places: ReadonlyMap<string, LabelPlace>,
    routes?: ReadonlyMap<string, Route>,
  ): KindEdgeType[] => {
    const lanes = edgeLanes(diagramEdges);
    return diagramEdges.map((e) => {
      const selected = selection.has(e.id);
      const lane = lanes.get(e.id) ?? 0;
      const hit = flowEdges.get(e);
      // A new placement is a new map: an edge whose label stayed put keeps its object (no re-render).
      const label = sameSpot(hit?.label, places.get(e.id)) ? hit?.label : spotOf(places.get(e.id));
      // A route that didn't change is the same object (the router keeps it).
      const route = routes?.get(e.id);
      if (hit && hit.selected === selected && hit.lane === lane && hit.label === label && hit.route === route)
        return hit.edge;
      const edge: KindEdgeType = {
        id: e.id,
        source: e.from,
        target: e.to,
        type: 'kind',
        data: { edge: e, lane, label, route },
        selected,
        ariaLabel: `${e.kind} edge ${e.message || ''}`,
      };
      flowEdges.set(e, { selected, lane, label, route, edge });
      return edge;
    });
  };

  return { nodes, edges };
}

/**
 * Where a card's two handles are, as React Flow measures them (relative to the card: the handle CSS
 * in styles.css, inside the card's border, which Chromium draws 1 px wide at device pixel ratios 1
 * and 2). Given with a card's first node object, with its size, so React Flow can draw the card's
 * edges in the first frame: without them it draws no edge until it has measured every card, and
 * that second pass (sizes into the store, routes and label places again, every edge drawn) delayed
 * the reference link's first frame. Later node objects leave them out, so React Flow keeps what it
 * measured. e2e/firstFrame.spec.ts fails if these drift from what it measures.
 */
function firstHandles(size: { width: number; height: number }): NodeHandle[] {
  const side = 12;
  const border = 1;
  const y = size.height / 2 - side / 2;
  return [
    { type: 'target', position: Position.Left, x: border - side / 2, y, width: side, height: side },
    {
      type: 'source',
      position: Position.Right,
      x: size.width - border - side / 2,
      y,
      width: side,
      height: side,
    },
  ];
}

function spotOf(p: LabelPlace | undefined): EdgeLabelSpot | undefined {
  return p && { t: p.t, dx: p.dx, dy: p.dy, width: p.box.width };
}

function sameSpot(a: EdgeLabelSpot | undefined, b: LabelPlace | undefined): boolean {
  if (!a || !b) return a === undefined && b === undefined;
  return a.t === b.t && a.dx === b.dx && a.dy === b.dy && a.width === b.box.width;
}
