import type { Box, Point } from './box';

/** How far apart a new card keeps from the cards already there, in flow pixels. */
export const FREE_GAP = 20;

export interface FreeSpotRequest {
  /** Width and height of the box to place. */
  size: { width: number; height: number };
  /** Where its top-left corner would ideally go. */
  want: Point;
  /** What is already on the canvas. */
  occupied: readonly Box[];
  /** The part of the canvas on screen: a spot inside it wins over a nearer one outside. */
  view?: Box;
  /** The snap grid (default 20). */
  grid?: number;
  /** The clearance kept round every occupied box (default FREE_GAP). */
  gap?: number;
}

/** How many grid steps the search goes out from the wanted spot before giving up on nearness. */
const MAX_RINGS = 80;

/**
 * The grid spot nearest `want` where a box of `size` overlaps nothing in `occupied` (keeping `gap`
 * clear round each), preferring spots wholly inside `view`. Pure; never returns an occupied spot.
 */
export function freeSpot(req: FreeSpotRequest): Point {
  const grid = req.grid ?? 20;
  const gap = req.gap ?? FREE_GAP;
  const start = { x: snapTo(req.want.x, grid), y: snapTo(req.want.y, grid) };
  const fits = (p: Point) => !req.occupied.some((o) => overlaps(p, req.size, o, gap));
  const inView = (p: Point) => !req.view || contains(req.view, p, req.size);
  let best: Point | null = null;
  let bestDistance = Infinity;
  let fallback: Point | null = null;
  let fallbackDistance = Infinity;
  // Square rings round the start; a ring's nearest point is `ring` steps away, so once a found spot
  // is nearer than that, no further ring can beat it.
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    if (ring * grid > bestDistance) break;
    for (const p of ringPoints(start, ring, grid)) {
      // Of two spots as near, the one to the right or below: the way a diagram reads.
      const lean = (p.x < start.x ? 0.5 : 0) + (p.y < start.y ? 0.5 : 0);
      const distance = Math.hypot(p.x - req.want.x, p.y - req.want.y) + lean;
      if (distance >= bestDistance || !fits(p)) continue;
      if (inView(p)) {
        best = p;
        bestDistance = distance;
      } else if (distance < fallbackDistance) {
        fallback = p;
        fallbackDistance = distance;
      }
    }
  }
  return best ?? fallback ?? below(req.occupied, start, grid, gap);
}

/** The points of the square ring `ring` grid steps round `c` (just `c` for ring 0). */
function ringPoints(c: Point, ring: number, grid: number): Point[] {
  if (ring === 0) return [c];
  const out: Point[] = [];
  for (let i = -ring; i <= ring; i++) {
    out.push({ x: c.x + i * grid, y: c.y - ring * grid }, { x: c.x + i * grid, y: c.y + ring * grid });
    if (i > -ring && i < ring)
      out.push({ x: c.x - ring * grid, y: c.y + i * grid }, { x: c.x + ring * grid, y: c.y + i * grid });
  }
  return out;
}

function overlaps(p: Point, size: { width: number; height: number }, o: Box, gap: number): boolean {
  return (
    p.x < o.x + o.width + gap &&
    p.x + size.width + gap > o.x &&
    p.y < o.y + o.height + gap &&
    p.y + size.height + gap > o.y
  );
}

function contains(view: Box, p: Point, size: { width: number; height: number }): boolean {
  return (
    p.x >= view.x &&
    p.y >= view.y &&
    p.x + size.width <= view.x + view.width &&
    p.y + size.height <= view.y + view.height
  );
}

/** A crowded canvas's last resort: under everything, in the wanted column. */
function below(occupied: readonly Box[], start: Point, grid: number, gap: number): Point {
  const bottom = Math.max(start.y - gap - grid, ...occupied.map((o) => o.y + o.height));
  return { x: start.x, y: snapTo(bottom + gap + grid, grid) };
}

function snapTo(v: number, grid: number): number {
  return Math.round(v / grid) * grid;
}
