import type { Box, Curve } from '../geometry';
import { curveLength } from '../routing';

/**
 * Below this dash period on screen (device pixels) a dashed edge is drawn solid at its dashes' share
 * of ink: the dashes can no longer be told apart, and dashing is the slowest thing a software-drawn
 * canvas does (1,500 dashed edges of a zoomed-out 1,000-service diagram took about 100 ms).
 */
export const SMALLEST_DASH_PX = 3;

/** An edge's curves flattened into a polyline, with the distance along it at each point. */
export interface Polyline {
  /** x0, y0, x1, y1, … in flow coordinates. */
  points: Float64Array;
  /** The distance along the polyline at each point, from its start. */
  lengths: Float64Array;
}

/** How long (flow units) each straight piece of a flattened curve is, about: within a pixel of the curve up to zoom 2. */
const PIECE = 8;

/** Flattens joined cubic curves into a polyline of pieces about PIECE long. */
export function flatten(curves: readonly Curve[]): Polyline {
  const counts = curves.map((c) => Math.min(200, Math.max(2, Math.ceil(curveLength(c) / PIECE))));
  const total = counts.reduce((sum, n) => sum + n, 0) + 1;
  const points = new Float64Array(total * 2);
  const lengths = new Float64Array(total);
  points[0] = curves[0]!.p0.x;
  points[1] = curves[0]!.p0.y;
  let at = 1;
  curves.forEach((c, i) => {
    const n = counts[i]!;
    for (let k = 1; k <= n; k++, at++) {
      const t = k / n;
      const u = 1 - t;
      const [a, b, d, e] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
      const x = a * c.p0.x + b * c.p1.x + d * c.p2.x + e * c.p3.x;
      const y = a * c.p0.y + b * c.p1.y + d * c.p2.y + e * c.p3.y;
      points[2 * at] = x;
      points[2 * at + 1] = y;
      lengths[at] = lengths[at - 1]! + Math.hypot(x - points[2 * at - 2]!, y - points[2 * at - 1]!);
    }
  });
  return { points, lengths };
}

/**
 * Strokes only the stretches of `line` whose pieces meet `seen`, each begun at its own distance
 * along the line (`lineDashOffset`), so the dashes fall where a stroke of the whole line puts them.
 * A canvas dashes a whole path even where it is out of sight: a long dashed edge crossing the view
 * cost as much as if all of it were in view.
 */
export function strokeInSight(ctx: CanvasRenderingContext2D, line: Polyline, seen: Box): void {
  const { points, lengths } = line;
  const [left, top, right, bottom] = [seen.x, seen.y, seen.x + seen.width, seen.y + seen.height];
  let open = false;
  for (let i = 0; i + 1 < lengths.length; i++) {
    const [x0, y0, x1, y1] = [points[2 * i]!, points[2 * i + 1]!, points[2 * i + 2]!, points[2 * i + 3]!];
    const inSight =
      Math.max(x0, x1) >= left &&
      Math.min(x0, x1) <= right &&
      Math.max(y0, y1) >= top &&
      Math.min(y0, y1) <= bottom;
    if (inSight && !open) {
      ctx.lineDashOffset = lengths[i]!;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      open = true;
    }
    if (inSight) ctx.lineTo(x1, y1);
    else if (open) {
      ctx.stroke();
      open = false;
    }
  }
  if (open) ctx.stroke();
  ctx.lineDashOffset = 0;
}

/**
 * The share of a dashed line's length that is ink, counting the round caps that lengthen each dash
 * by the line's width: what a solid line is drawn at when its dashes are too small to see.
 */
export function inkShare(dash: readonly number[], width: number): number {
  let ink = 0;
  let period = 0;
  dash.forEach((length, i) => {
    period += length;
    if (i % 2 === 0) ink += length + width;
  });
  return period > 0 ? Math.min(1, ink / period) : 1;
}
