import type { Diagram, Edge, Note, Service } from '../model/schema';
import type { KindEdgeType } from './edges/KindEdge';
import { SERVICE_SIZE } from './geometry';
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
  const flowEdges = new WeakMap<Edge, { selected: boolean; lane: number; edge: KindEdgeType }>();

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
        measured: size ?? undefined,
        initialWidth: SERVICE_SIZE.width,
        initialHeight: SERVICE_SIZE.height,
      };
      serviceNodes.set(s, { selected, size, node });
      out.push(node);
    }
    return out;
  };

  const edges = (diagramEdges: readonly Edge[], selection: ReadonlySet<string>): KindEdgeType[] => {
    const lanes = edgeLanes(diagramEdges);
    return diagramEdges.map((e) => {
      const selected = selection.has(e.id);
      const lane = lanes.get(e.id) ?? 0;
      const hit = flowEdges.get(e);
      if (hit && hit.selected === selected && hit.lane === lane) return hit.edge;
      const edge: KindEdgeType = {
        id: e.id,
        source: e.from,
        target: e.to,
        type: 'kind',
        data: { edge: e, lane },
        selected,
        ariaLabel: `${e.kind} edge ${e.message || ''}`,
      };
      flowEdges.set(e, { selected, lane, edge });
      return edge;
    });
  };

  return { nodes, edges };
}
