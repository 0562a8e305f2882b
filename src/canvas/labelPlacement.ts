import type { Box, Curve } from './geometry';
import { pointAlong } from './routing';

/** An edge label to place: its edge's path (its curves, routed round cards) and the size of the box it needs. */
export interface LabelRequest {
  id: string;
  path: readonly Curve[];
  width: number;
  height: number;
}

/**
 * Where a label goes: `box` in flow coordinates, and the same place relative to its edge (the
 * box's bottom-centre is `(dx, dy)` from the curve's point at `t`), so a label follows its edge
 * while a service is dragged, until the next placement.
 */
export interface LabelPlace {
  t: number;
  dx: number;
  dy: number;
  box: Box;
}

/** The clearance between a label and a card or another label. */
const CLEARANCE = 3;
/** Between a label and its own line. */
const ABOVE_LINE = 4;
/** Positions along the edge, best first: the middle, then stepping out towards the ends. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
/** How far above or below the line a label may move, in steps of its own height. */
const MAX_LIFT = 5;

interface Candidate {
  t: number;
  /** Steps of lift: 0 just above the line, 1.. higher; -1.. below the line. */
  lift: number;
  cost: number;
}

/** Every candidate spot, cheapest first: near the middle, just above the line, beats the rest. */
const CANDIDATES: readonly Candidate[] = ALONG.flatMap((t) => {
  const out: Candidate[] = [];
  for (let lift = -MAX_LIFT; lift <= MAX_LIFT; lift++) {
    const away = lift >= 0 ? lift : -lift - 0.5;
    out.push({ t, lift, cost: Math.abs(t - 0.5) * 6 + away });
  }
  return out;
}).sort((a, b) => a.cost - b.cost);

/**
 * Places edge labels so none overlaps a card or another label: each label takes the cheapest free
 * spot along its edge (the middle, just above the line, first), labels on short edges choosing
 * first since they have the fewest spots. Where no spot is free, the one overlapping least.
 * Pure; O(labels × candidates × nearby boxes) with a grid index.
 */
export function placeLabels(cards: readonly Box[], labels: readonly LabelRequest[]): Map<string, LabelPlace> {
  const index = new BoxGrid(160);
  for (const c of cards) index.add(c);
  const order = [...labels].sort((a, b) => span(a.path) - span(b.path) || (a.id < b.id ? -1 : 1));
  const out = new Map<string, LabelPlace>();
  for (const label of order) {
    let best: LabelPlace | null = null;
    let bestOverlap = Infinity;
    for (const c of CANDIDATES) {
      const place = placeAt(label, c);
      const overlap = index.overlap(place.box, CLEARANCE);
      if (overlap === 0) {
        best = place;
        break;
      }
      if (overlap < bestOverlap) {
        best = place;
        bestOverlap = overlap;
      }
    }
    out.set(label.id, best!);
    index.add(best!.box);
  }
  return out;
}

/** The place a candidate stands for: the label's bottom-centre lifted off the curve's point. */
function placeAt(label: LabelRequest, c: Candidate): LabelPlace {
  const p = pointAlong(label.path, c.t);
  const step = label.height + CLEARANCE;
  // Lift 0 sits just above the line and goes up from there; lift -1 just below, going down.
  const dy = c.lift >= 0 ? -ABOVE_LINE - c.lift * step : ABOVE_LINE + label.height + (-c.lift - 1) * step;
  return {
    t: c.t,
    dx: 0,
    dy,
    box: { x: p.x - label.width / 2, y: p.y + dy - label.height, width: label.width, height: label.height },
  };
}

/** How long an edge is, end to end (short ones place their labels first). */
function span(path: readonly Curve[]): number {
  const from = path[0]!.p0;
  const to = path[path.length - 1]!.p3;
  return Math.hypot(to.x - from.x, to.y - from.y);
}

/** Boxes bucketed by a uniform grid, for "what overlaps this box" without a scan of all of them. */
class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly boxes: Box[] = [];
  /** The query each box was last counted in, so a box in two cells counts once. */
  private readonly seen: number[] = [];
  private query = 0;
  constructor(private readonly size: number) {}

  add(b: Box): void {
    const i = this.boxes.push(b) - 1;
    this.seen.push(0);
    this.forCells(b, 0, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    });
  }

  /** The total area of the boxes overlapping `b` grown by `margin`. */
  overlap(b: Box, margin: number): number {
    let area = 0;
    const query = ++this.query;
    const left = b.x - margin;
    const right = b.x + b.width + margin;
    const top = b.y - margin;
    const bottom = b.y + b.height + margin;
    this.forCells(b, margin, (key) => {
      const list = this.cells.get(key);
      if (!list) return;
      for (const i of list) {
        if (this.seen[i] === query) continue;
        this.seen[i] = query;
        const o = this.boxes[i]!;
        const w = Math.min(right, o.x + o.width) - Math.max(left, o.x);
        const h = Math.min(bottom, o.y + o.height) - Math.max(top, o.y);
        if (w > 0 && h > 0) area += w * h;
      }
    });
    return area;
  }

  private forCells(b: Box, margin: number, visit: (key: number) => void): void {
    const x0 = Math.floor((b.x - margin) / this.size);
    const x1 = Math.floor((b.x + b.width + margin) / this.size);
    const y0 = Math.floor((b.y - margin) / this.size);
    const y1 = Math.floor((b.y + b.height + margin) / this.size);
    // Cells keyed by one number: a string per lookup would dominate the pass.
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) visit(x * 1_000_003 + y);
  }
}
