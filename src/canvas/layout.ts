import dagre from '@dagrejs/dagre';
import type { Diagram, Position } from '../model/schema';
import { SERVICE_SIZE } from './geometry';

/**
 * Lays the services out left to right along their edges (dagre's layered layout); notes keep their
 * place. Returns new positions by id, snapped to the grid.
 */
export function tidyLayout(
  d: Diagram,
  measured: Record<string, { width: number; height: number }>,
): Map<string, Position> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 110, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of d.services) {
    const size = measured[s.id] ?? SERVICE_SIZE;
    g.setNode(s.id, { width: size.width, height: size.height });
  }
  for (const e of d.edges) if (e.from !== e.to) g.setEdge(e.from, e.to, {}, e.id);
  dagre.layout(g);
  const out = new Map<string, Position>();
  if (d.services.length === 0) return out;
  // Keep the diagram roughly where it was, so tidying doesn't throw the camera off.
  const minX = Math.min(...d.services.map((s) => s.position.x));
  const minY = Math.min(...d.services.map((s) => s.position.y));
  for (const s of d.services) {
    const n = g.node(s.id);
    const size = measured[s.id] ?? SERVICE_SIZE;
    out.set(s.id, {
      x: Math.round((minX + n.x - size.width / 2) / 20) * 20,
      y: Math.round((minY + n.y - size.height / 2) / 20) * 20,
    });
  }
  return out;
}
