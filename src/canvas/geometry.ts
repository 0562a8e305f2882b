/**
 * Edge geometry shared by the edge components (SVG) and the message layer (<canvas>), so a message
 * drawn at t = 0.5 sits exactly on the drawn edge. Edges leave a service on its right side and enter
 * the next one on its left, as a cubic Bézier curve.
 */
import { SERVICE_SIZE, type Box, type Point } from '../lib/box';

export { SERVICE_SIZE, type Box, type Point };

export interface Curve {
  p0: Point;
  p1: Point;
  p2: Point;
  p3: Point;
}

/**
 * The curve from `source`'s right-middle to `target`'s left-middle; `lane` offsets parallel edges
 * between the same pair of services so they don't overlap.
 */
export function edgeCurve(source: Box, target: Box, lane = 0): Curve {
  return curveBetween(
    { x: source.x + source.width, y: source.y + source.height / 2 },
    { x: target.x, y: target.y + target.height / 2 },
    lane,
  );
}

/** The curve between two handle points (what React Flow hands an edge component). */
export function curveBetween(from: Point, to: Point, lane = 0): Curve {
  const p0 = { x: from.x, y: from.y + lane * 10 };
  const p3 = { x: to.x, y: to.y + lane * 10 };
  const dx = Math.max(40, Math.abs(p3.x - p0.x) * 0.5);
  const bow = lane * 18;
  return {
    p0,
    p1: { x: p0.x + dx, y: p0.y + bow },
    p2: { x: p3.x - dx, y: p3.y + bow },
    p3,
  };
}

/** The point at parameter `t` (0..1) on a curve. */
export function pointAt(c: Curve, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return {
    x: a * c.p0.x + b * c.p1.x + d * c.p2.x + e * c.p3.x,
    y: a * c.p0.y + b * c.p1.y + d * c.p2.y + e * c.p3.y,
  };
}

/** The tangent direction (not normalised) at `t`. */
export function tangentAt(c: Curve, t: number): Point {
  const u = 1 - t;
  return {
    x: 3 * u * u * (c.p1.x - c.p0.x) + 6 * u * t * (c.p2.x - c.p1.x) + 3 * t * t * (c.p3.x - c.p2.x),
    y: 3 * u * u * (c.p1.y - c.p0.y) + 6 * u * t * (c.p2.y - c.p1.y) + 3 * t * t * (c.p3.y - c.p2.y),
  };
}

/** SVG path data for a curve. */
export function curvePath(c: Curve): string {
  return `M${c.p0.x},${c.p0.y} C${c.p1.x},${c.p1.y} ${c.p2.x},${c.p2.y} ${c.p3.x},${c.p3.y}`;
}
