/**
 * Lanes for parallel edges: the first edge from A to B gets lane 0, the next 1, then -1, 2, -2…
 * so `edgeCurve(…, lane)` fans them apart. Shared by the edge components and the message layer so
 * a message rides exactly on its drawn edge.
 */
export function edgeLanes(
  edges: ReadonlyArray<{ id: string; from: string; to: string }>,
): Map<string, number> {
  const seen = new Map<string, number>();
  const lanes = new Map<string, number>();
  for (const e of edges) {
    const key = `${e.from}\u0000${e.to}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    lanes.set(e.id, laneForIndex(n));
  }
  return lanes;
}

/** The n-th parallel edge's lane: 0, 1, -1, 2, -2, … */
export function laneForIndex(n: number): number {
  return n === 0 ? 0 : n % 2 === 1 ? (n + 1) / 2 : -n / 2;
}
