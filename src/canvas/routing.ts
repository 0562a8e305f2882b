import { curveBetween, pointAt, type Box, type Curve, type Point } from './geometry';

/**
 * Edge routing: an edge whose curve would cross a card it doesn't connect bends round it, through
 * a level channel above or below the cards in its way. A route is the waypoints between the edge's
 * ends (none: the plain curve), in flow coordinates; the drawn path, the labels, the messages and
 * exported pictures all build their curves from the same waypoints with `routeCurves`.
 */
export type Route = readonly Point[];

/** The route of an edge with nothing in its way: the plain curve. */
export const STRAIGHT: Route = Object.freeze([]) as Route;

/** A card an edge may have to go round. */
export interface Card extends Box {
  id: string;
}

/** How far a detour keeps from the cards it goes round. */
const GAP = 18;
/** How close a path may pass a card before it counts as crossing it. */
const TOUCH = 3;
/** Points per curve segment tested against the cards (a polyline within a pixel of the curve). */
const SAMPLES = 16;
/** How many times a detour may grow to take in a card it then ran into. */
const TRIES = 6;
/** Lanes (parallel edges) are this far apart, as in `curveBetween`. */
const LANE_STEP = 10;

/** The curves an edge is drawn as: the plain curve, or level-tangent curves through its waypoints. */
export function routeCurves(from: Point, to: Point, lane: number, route: Route): Curve[] {
  if (route.length === 0) return [curveBetween(from, to, lane)];
  const points = [
    { x: from.x, y: from.y + lane * LANE_STEP },
    ...route,
    { x: to.x, y: to.y + lane * LANE_STEP },
  ];
  const out: Curve[] = [];
  for (let i = 0; i + 1 < points.length; i++) out.push(level(points[i]!, points[i + 1]!));
  return out;
}

/** A curve leaving `a` and reaching `b` level (horizontal tangents), so joined curves stay smooth. */
function level(a: Point, b: Point): Curve {
  const d = (b.x - a.x) / 2;
  return { p0: a, p1: { x: a.x + d, y: a.y }, p2: { x: b.x - d, y: b.y }, p3: b };
}

/** SVG path data for a run of joined curves. */
export function curvesPath(curves: readonly Curve[]): string {
  const c0 = curves[0]!;
  let d = `M${c0.p0.x},${c0.p0.y}`;
  for (const c of curves) d += ` C${c.p1.x},${c.p1.y} ${c.p2.x},${c.p2.y} ${c.p3.x},${c.p3.y}`;
  return d;
}

/** About how long a curve is: between its chord and its control polygon. */
export function curveLength(c: Curve): number {
  const chord = Math.hypot(c.p3.x - c.p0.x, c.p3.y - c.p0.y);
  const polygon =
    Math.hypot(c.p1.x - c.p0.x, c.p1.y - c.p0.y) +
    Math.hypot(c.p2.x - c.p1.x, c.p2.y - c.p1.y) +
    Math.hypot(c.p3.x - c.p2.x, c.p3.y - c.p2.y);
  return (chord + polygon) / 2;
}

/** The point at `t` (0..1) along joined curves, `t` shared out by each curve's length. */
export function pointAlong(curves: readonly Curve[], t: number): Point {
  if (curves.length === 1) return pointAt(curves[0]!, t);
  const lengths = curves.map(curveLength);
  let rest = t * lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < curves.length; i++) {
    const l = lengths[i]!;
    if (rest <= l || i === curves.length - 1) return pointAt(curves[i]!, l > 0 ? Math.min(1, rest / l) : 0);
    rest -= l;
  }
  return curves[curves.length - 1]!.p3;
}

/**
 * The route for one edge from `from` to `to` (its ends' handle points) among `cards`, leaving out
 * the cards it connects (`ends`): none when its plain curve crosses no card; else the shortest
 * detour above or below the cards in its way that crosses none. An edge that runs backwards (its
 * target left of its source) or finds no clear detour keeps the plain curve. `seen` grows by every
 * region looked at, so a cache knows which moved cards could change the answer.
 */
export function routeEdge(
  from: Point,
  to: Point,
  lane: number,
  cards: CardIndex,
  ends: readonly string[],
  seen?: Box,
): Route {
  const hits = crossed(routeCurves(from, to, lane, STRAIGHT), cards, ends, seen);
  if (hits.length === 0 || to.x - from.x < 4 * GAP) return STRAIGHT;
  let best: Route = STRAIGHT;
  let bestLength = Infinity;
  for (const side of [-1, 1] as const) {
    const blocking = [...hits];
    for (let i = 0; i < TRIES; i++) {
      const route = channel(from, to, lane, blocking, side);
      if (!route) break;
      const curves = routeCurves(from, to, lane, route);
      const more = crossed(curves, cards, ends, seen).filter((c) => !blocking.includes(c));
      if (more.length === 0) {
        const length = curves.reduce((sum, c) => sum + curveLength(c), 0);
        if (length < bestLength) {
          best = route;
          bestLength = length;
        }
        break;
      }
      blocking.push(...more);
    }
  }
  return best;
}

/**
 * Two waypoints: a level run above (`side` -1) or below (+1) every card in `blocking`, from just
 * before the first to just after the last (kept between the edge's ends). Null when there is no
 * room for one.
 */
function channel(from: Point, to: Point, lane: number, blocking: Card[], side: -1 | 1): Route | null {
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const b of blocking) {
    left = Math.min(left, b.x);
    right = Math.max(right, b.x + b.width);
    top = Math.min(top, b.y);
    bottom = Math.max(bottom, b.y + b.height);
  }
  const x0 = Math.max(from.x + GAP, left - GAP);
  const x1 = Math.min(to.x - GAP, right + GAP);
  if (x1 <= x0) return null;
  const y = (side < 0 ? top - GAP : bottom + GAP) + lane * LANE_STEP;
  return [
    { x: x0, y },
    { x: x1, y },
  ];
}

/** The cards (other than `ends`) that `curves` pass through or within TOUCH of. */
function crossed(curves: readonly Curve[], cards: CardIndex, ends: readonly string[], seen?: Box): Card[] {
  const out: Card[] = [];
  for (const c of curves) {
    const region = grow(controlBox(c), TOUCH);
    if (seen) extend(seen, region);
    const near = cards.near(region).filter((card) => !ends.includes(card.id) && !out.includes(card));
    if (near.length === 0) continue;
    const grown = near.map((card) => grow(card, TOUCH));
    let last = c.p0;
    for (let i = 1; i <= SAMPLES && near.length > 0; i++) {
      const p = pointAt(c, i / SAMPLES);
      for (let k = near.length - 1; k >= 0; k--) {
        if (!segmentMeetsBox(last, p, grown[k]!)) continue;
        out.push(near[k]!);
        near.splice(k, 1);
        grown.splice(k, 1);
      }
      last = p;
    }
  }
  return out;
}

/** The box round a curve's control points (the curve stays inside it). */
function controlBox(c: Curve): Box {
  const x = Math.min(c.p0.x, c.p1.x, c.p2.x, c.p3.x);
  const y = Math.min(c.p0.y, c.p1.y, c.p2.y, c.p3.y);
  return {
    x,
    y,
    width: Math.max(c.p0.x, c.p1.x, c.p2.x, c.p3.x) - x,
    height: Math.max(c.p0.y, c.p1.y, c.p2.y, c.p3.y) - y,
  };
}

function grow(b: Box, by: number): Box {
  return { x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by };
}

/** Grows `into` to take in `b` (an empty `into`, width -1, becomes `b`). */
export function extend(into: Box, b: Box): void {
  if (into.width < 0) {
    Object.assign(into, b);
    return;
  }
  const right = Math.max(into.x + into.width, b.x + b.width);
  const bottom = Math.max(into.y + into.height, b.y + b.height);
  into.x = Math.min(into.x, b.x);
  into.y = Math.min(into.y, b.y);
  into.width = right - into.x;
  into.height = bottom - into.y;
}

/** Whether the segment a–c touches box `b` (Liang–Barsky clipping; allocates nothing). */
export function segmentMeetsBox(a: Point, c: Point, b: Box): boolean {
  const right = b.x + b.width;
  const bottom = b.y + b.height;
  // Most segments are nowhere near: their boxes don't even meet.
  if (Math.max(a.x, c.x) < b.x || Math.min(a.x, c.x) > right) return false;
  if (Math.max(a.y, c.y) < b.y || Math.min(a.y, c.y) > bottom) return false;
  const span = { t0: 0, t1: 1 };
  const dx = c.x - a.x;
  const dy = c.y - a.y;
  return (
    clip(-dx, a.x - b.x, span) &&
    clip(dx, right - a.x, span) &&
    clip(-dy, a.y - b.y, span) &&
    clip(dy, bottom - a.y, span)
  );
}

/** One side of Liang–Barsky: narrows the segment's parameter span to the inside of that side. */
function clip(p: number, q: number, span: { t0: number; t1: number }): boolean {
  if (p === 0) return q >= 0;
  const r = q / p;
  if (p < 0) span.t0 = Math.max(span.t0, r);
  else span.t1 = Math.min(span.t1, r);
  return span.t0 <= span.t1;
}

/** Cards bucketed by a uniform grid, for "which cards are near this box" without a scan of all. */
export class CardIndex {
  private readonly cells = new Map<number, Card[]>();
  constructor(
    cards: readonly Card[],
    private readonly size = 200,
  ) {
    for (const c of cards)
      this.forCells(c, (key) => {
        const list = this.cells.get(key);
        if (list) list.push(c);
        else this.cells.set(key, [c]);
      });
  }

  /** The cards whose boxes overlap `region`. */
  near(region: Box): Card[] {
    const out = new Set<Card>();
    this.forCells(region, (key) => {
      for (const c of this.cells.get(key) ?? []) if (overlaps(c, region)) out.add(c);
    });
    return [...out];
  }

  private forCells(b: Box, visit: (key: number) => void): void {
    const x0 = Math.floor(b.x / this.size);
    const x1 = Math.floor((b.x + b.width) / this.size);
    const y0 = Math.floor(b.y / this.size);
    const y1 = Math.floor((b.y + b.height) / this.size);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) visit(x * 1_000_003 + y);
  }
}

/** Whether two boxes overlap (touching counts). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}
