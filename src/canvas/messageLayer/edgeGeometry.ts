import type { Box } from '../geometry';
import { edgeCurve } from '../geometry';
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

/**
 * The loaded diagram's edges as curves in flow coordinates (eight numbers each, p0..p3), rebuilt
 * only for edges whose end boxes moved, and how much of each is on screen.
 */
export class EdgeGeometry {
  from: string[] = [];
  to: string[] = [];
  edgeIndex = new Map<string, number>();
  curves = new Float64Array(0);
  /** 1 where both ends exist (the curve is valid). */
  curveOk = new Uint8Array(0);
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

  /** Brings the curves up to date with the diagram's edges and the nodes' current boxes. */
  prepare(diagram: EdgeEnds, boxOf: NodeBoxLookup): void {
    if (diagram !== this.diagram) {
      this.diagram = diagram;
      const n = diagram.edges.length;
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
      if (
        this.curveOk[i] &&
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
    const c = this.curves;
    const z = view.zoom;
    for (let e = 0; e < n; e++) {
      const k = e * 8;
      if (!this.curveOk[e]) {
        this.room[e] = -1;
        continue;
      }
      // The curve stays inside the box of its four control points.
      const x0 = Math.min(c[k]!, c[k + 2]!, c[k + 4]!, c[k + 6]!) * z + view.x;
      const x1 = Math.max(c[k]!, c[k + 2]!, c[k + 4]!, c[k + 6]!) * z + view.x;
      const y0 = Math.min(c[k + 1]!, c[k + 3]!, c[k + 5]!, c[k + 7]!) * z + view.y;
      const y1 = Math.max(c[k + 1]!, c[k + 3]!, c[k + 5]!, c[k + 7]!) * z + view.y;
      const m = 4 * r;
      if (x1 < -m || y1 < -m || x0 > width + m || y0 > height + m) {
        this.room[e] = -1;
        continue;
      }
      // The chord plus a share of the bow: close to the curve's length, and cheap.
      const chord = Math.hypot(c[k + 6]! - c[k]!, c[k + 7]! - c[k + 1]!);
      const bow = Math.hypot(c[k + 2]! - c[k]!, c[k + 3]! - c[k + 1]!);
      this.room[e] = Math.max(2, Math.min(BUNDLE_THRESHOLD, ((chord + bow * 0.3) * z) / (4 * r)));
    }
    return this.room;
  }

  /** Puts the point at `t` along edge `e` (flow coordinates) into `out`. */
  point(e: number, t: number, out: { x: number; y: number }): void {
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const d = 3 * u * t * t;
    const f = t * t * t;
    const k = e * 8;
    const c = this.curves;
    out.x = a * c[k]! + b * c[k + 2]! + d * c[k + 4]! + f * c[k + 6]!;
    out.y = a * c[k + 1]! + b * c[k + 3]! + d * c[k + 5]! + f * c[k + 7]!;
  }
}
