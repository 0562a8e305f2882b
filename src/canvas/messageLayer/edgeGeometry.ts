import type { Box } from '../geometry';
import { edgeCurve } from '../geometry';
import { curveLength, routeCurves, type Route } from '../routing';
import { BUNDLE_THRESHOLD } from '../../playback';
import { edgeLanes } from './lanes';

/** Fills `out` with the box of node `id` in flow coordinates; false when there is no such node. */
export type NodeBoxLookup = (id: string, out: Box) => boolean;

/** The flow's pan and zoom: screen = flow × zoom + (x, y). */
export interface ViewTransform {
  x: number;
  y: number;
  zoom: number;
}

/** The part of a diagram edge geometry reads: each edge's id and ends. */
export interface EdgeEnds {
  edges: ReadonlyArray<{ id: string; from: string; to: string }>;
}

/** Every edge's waypoints round the cards in its way, by edge id (see routing.ts). */
export type EdgeRoutes = ReadonlyMap<string, Route>;

/**
 * The loaded diagram's edges as curves in flow coordinates (eight numbers each, p0..p3), rebuilt
 * only for edges whose end boxes or routes changed, and how much of each is on screen. A routed
 * edge is several curves (`paths`), walked by length as the canvas's edge and labels are.
 */
export class EdgeGeometry {
  ids: string[] = [];
  from: string[] = [];
  to: string[] = [];
  edgeIndex = new Map<string, number>();
  curves = new Float64Array(0);
  /** 1 where both ends exist (the curve is valid). */
  curveOk = new Uint8Array(0);
  /** A routed edge's curves (eight numbers each) then each curve's end as a share of the length. */
  private paths: (Float64Array | null)[] = [];
  private routes: EdgeRoutes | null = null;
  private routeKey: (Route | undefined)[] = [];
  private diagram: EdgeEnds | null = null;
  private lanes = new Float64Array(0);
  /** The boxes each cached curve was built from. */
  private curveKey = new Float64Array(0);
  private room = new Float64Array(0);
  private readonly sb: Box = { x: 0, y: 0, width: 0, height: 0 };
  private readonly tb: Box = { x: 0, y: 0, width: 0, height: 0 };

  get count(): number {
    return this.from.length;
  }

  /** Takes the canvas's routes (the edges whose route changed are rebuilt on the next prepare). */
  setRoutes(routes: EdgeRoutes | null): void {
    this.routes = routes;
  }

  /** Brings the curves up to date with the diagram's edges and the nodes' current boxes. */
  prepare(diagram: EdgeEnds, boxOf: NodeBoxLookup): void {
    if (diagram !== this.diagram) {
      this.diagram = diagram;
      const n = diagram.edges.length;
      this.ids = diagram.edges.map((e) => e.id);
      this.paths = new Array<Float64Array | null>(n).fill(null);
      this.routeKey = new Array<Route | undefined>(n).fill(undefined);
      this.from = diagram.edges.map((e) => e.from);
      this.to = diagram.edges.map((e) => e.to);
      const lanes = edgeLanes(diagram.edges);
      this.lanes = Float64Array.from(diagram.edges, (e) => lanes.get(e.id) ?? 0);
      this.edgeIndex = new Map(diagram.edges.map((e, i) => [e.id, i]));
      this.curves = new Float64Array(n * 8);
      this.curveOk = new Uint8Array(n);
      this.curveKey = new Float64Array(n * 8).fill(NaN);
    }
    const { sb, tb, curveKey: key } = this;
    for (let i = 0; i < this.from.length; i++) {
      if (!boxOf(this.from[i]!, sb) || !boxOf(this.to[i]!, tb)) {
        this.curveOk[i] = 0;
        continue;
      }
      const k = i * 8;
      const route = this.routes?.get(this.ids[i]!);
      if (
        this.curveOk[i] &&
        this.routeKey[i] === route &&
        key[k] === sb.x &&
        key[k + 1] === sb.y &&
        key[k + 2] === sb.width &&
        key[k + 3] === sb.height &&
        key[k + 4] === tb.x &&
        key[k + 5] === tb.y &&
        key[k + 6] === tb.width &&
        key[k + 7] === tb.height
      )
        continue;
      key.set([sb.x, sb.y, sb.width, sb.height, tb.x, tb.y, tb.width, tb.height], k);
      this.routeKey[i] = route;
      this.paths[i] = route?.length ? routedPath(sb, tb, this.lanes[i]!, route) : null;
      const c = edgeCurve(sb, tb, this.lanes[i]!);
      this.curves.set([c.p0.x, c.p0.y, c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y], k);
      this.curveOk[i] = 1;
    }
  }

  /**
   * How many messages each edge can show one by one in this view: about one per four mark radii
   * of its length on screen (they must not overlap to be read); -1 for an edge out of sight.
   */
  capacity(view: ViewTransform, width: number, height: number, r: number): Float64Array {
    const n = this.from.length;
    if (this.room.length < n) this.room = new Float64Array(n);
    const z = view.zoom;
    for (let e = 0; e < n; e++) {
      if (!this.curveOk[e]) {
        this.room[e] = -1;
        continue;
      }
      const path = this.paths[e];
      const segments = path ? path.length / 9 : 1;
      const c = path ?? this.curves;
      let x0 = Infinity;
      let x1 = -Infinity;
      let y0 = Infinity;
      let y1 = -Infinity;
      let length = 0;
      for (let s = 0; s < segments; s++) {
        const k = path ? s * 8 : e * 8;
        // The curve stays inside the box of its four control points.
        x0 = Math.min(x0, c[k]!, c[k + 2]!, c[k + 4]!, c[k + 6]!);
        x1 = Math.max(x1, c[k]!, c[k + 2]!, c[k + 4]!, c[k + 6]!);
        y0 = Math.min(y0, c[k + 1]!, c[k + 3]!, c[k + 5]!, c[k + 7]!);
        y1 = Math.max(y1, c[k + 1]!, c[k + 3]!, c[k + 5]!, c[k + 7]!);
        // The chord plus a share of the bow: close to the curve's length, and cheap.
        const chord = Math.hypot(c[k + 6]! - c[k]!, c[k + 7]! - c[k + 1]!);
        const bow = Math.hypot(c[k + 2]! - c[k]!, c[k + 3]! - c[k + 1]!);
        length += chord + bow * 0.3;
      }
      const m = 4 * r;
      if (
        x1 * z + view.x < -m ||
        y1 * z + view.y < -m ||
        x0 * z + view.x > width + m ||
        y0 * z + view.y > height + m
      ) {
        this.room[e] = -1;
        continue;
      }
      this.room[e] = Math.max(2, Math.min(BUNDLE_THRESHOLD, (length * z) / (4 * r)));
    }
    return this.room;
  }

  /** Puts the point at `t` along edge `e` (flow coordinates) into `out`. */
  point(e: number, t: number, out: { x: number; y: number }): void {
    const path = this.paths[e];
    if (!path) {
      bezier(this.curves, e * 8, t, out);
      return;
    }
    // A routed edge: find the curve `t` falls on by the shares of length, then the point on it.
    const segments = path.length / 9;
    const ends = segments * 8;
    let s = 0;
    while (s < segments - 1 && t > path[ends + s]!) s++;
    const start = s === 0 ? 0 : path[ends + s - 1]!;
    const share = path[ends + s]! - start;
    bezier(path, s * 8, share > 0 ? Math.min(1, Math.max(0, (t - start) / share)) : 0, out);
  }
}

/** The point at `t` on the cubic curve whose control points are the eight numbers of `c` from `k`. */
function bezier(c: Float64Array, k: number, t: number, out: { x: number; y: number }): void {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const f = t * t * t;
  out.x = a * c[k]! + b * c[k + 2]! + d * c[k + 4]! + f * c[k + 6]!;
  out.y = a * c[k + 1]! + b * c[k + 3]! + d * c[k + 5]! + f * c[k + 7]!;
}

/** A routed edge's curves between two anchor boxes, packed as `EdgeGeometry.paths` holds them. */
function routedPath(source: Box, target: Box, lane: number, route: Route): Float64Array {
  const curves = routeCurves(
    { x: source.x + source.width, y: source.y + source.height / 2 },
    { x: target.x, y: target.y + target.height / 2 },
    lane,
    route,
  );
  const n = curves.length;
  const out = new Float64Array(n * 9);
  const lengths = curves.map(curveLength);
  const total = lengths.reduce((a, b) => a + b, 0) || 1;
  let sum = 0;
  curves.forEach((c, i) => {
    out.set([c.p0.x, c.p0.y, c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y], i * 8);
    sum += lengths[i]!;
    out[n * 8 + i] = sum / total;
  });
  return out;
}
