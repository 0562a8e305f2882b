import dagre from '@dagrejs/dagre';
import type { Diagram, Position } from '../model/schema';
import { labelSize } from './edgeLabels';
import { SERVICE_SIZE } from './geometry';

/**
 * Lays the services out left to right along their edges (dagre's layered layout); notes keep their
 * place. Returns new positions by id, snapped to the grid.
 */
export function tidyLayout(
  d: Diagram,
  measured: ReadonlyMap<string, { width: number; height: number }>,
): Map<string, Position> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  // Edge labels are laid out as boxes of their own (dagre puts each in the middle of its edge), so
  // ranks are spread enough for a label to sit between two cards rather than over one.
  g.setGraph({ rankdir: 'LR', nodesep: 60, ranksep: 60, edgesep: 30, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  // dagre keys plain objects by node and edge name: it gets indexes, never the ids a person typed
  // (a service called "constructor" or "__proto__" would break it).
  const node = new Map(d.services.map((s, i) => [s.id, `n${i}`]));
  for (const s of d.services) {
    const size = measured.get(s.id) ?? SERVICE_SIZE;
    g.setNode(node.get(s.id)!, { width: size.width, height: size.height });
  }
  d.edges.forEach((e, i) => {
    const from = node.get(e.from);
    const to = node.get(e.to);
    if (from === undefined || to === undefined || from === to) return;
    const label = labelSize(e);
    g.setEdge(from, to, { width: label.width + 24, height: label.height + 8, labelpos: 'c' }, `e${i}`);
  });
  dagre.layout(g);
  const out = new Map<string, Position>();
  if (d.services.length === 0) return out;
  // Keep the diagram roughly where it was, so tidying doesn't throw the camera off.
  const minX = Math.min(...d.services.map((s) => s.position.x));
  const minY = Math.min(...d.services.map((s) => s.position.y));
  for (const s of d.services) {
    const n = g.node(node.get(s.id)!);
    const size = measured.get(s.id) ?? SERVICE_SIZE;
    out.set(s.id, {
      x: Math.round((minX + n.x - size.width / 2) / 20) * 20,
      y: Math.round((minY + n.y - size.height / 2) / 20) * 20,
    });
  }
  return out;
}
