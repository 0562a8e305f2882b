import { describe, expect, it } from 'vitest';
import { flatten, inkShare, strokeInSight } from './edgeStrokes';

const curve = { p0: { x: 0, y: 0 }, p1: { x: 50, y: 0 }, p2: { x: 50, y: 100 }, p3: { x: 100, y: 100 } };
const straight = { p0: { x: 0, y: 0 }, p1: { x: 100, y: 0 }, p2: { x: 200, y: 0 }, p3: { x: 300, y: 0 } };

/** Records what a canvas is asked to stroke: each run's dash offset and points. */
function recorder() {
  const runs: { offset: number; points: number[][] }[] = [];
  let current: { offset: number; points: number[][] } | null = null;
  const ctx = {
    lineDashOffset: 0,
    beginPath() {
      current = { offset: ctx.lineDashOffset, points: [] };
    },
    moveTo(x: number, y: number) {
      current!.points.push([x, y]);
    },
    lineTo(x: number, y: number) {
      current!.points.push([x, y]);
    },
    stroke() {
      runs.push(current!);
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, runs };
}

describe('flatten', () => {
  it('starts and ends where the curves do, and measures the distance along the way', () => {
    const line = flatten([curve, { p0: curve.p3, p1: curve.p3, p2: curve.p3, p3: { x: 200, y: 100 } }]);
    const n = line.lengths.length;
    expect([line.points[0], line.points[1]]).toEqual([0, 0]);
    expect([line.points[2 * n - 2], line.points[2 * n - 1]]).toEqual([200, 100]);
    for (let i = 1; i < n; i++) expect(line.lengths[i]).toBeGreaterThan(line.lengths[i - 1]!);
    // The S curve is longer than its chord (141) and shorter than its control polygon (200); then 100 more.
    expect(line.lengths[n - 1]).toBeGreaterThan(241);
    expect(line.lengths[n - 1]).toBeLessThan(300);
  });

  it('keeps every point within a pixel of the curve', () => {
    const line = flatten([straight]);
    for (let i = 0; i < line.lengths.length; i++)
      expect(Math.abs(line.points[2 * i + 1]!)).toBeLessThan(1e-9);
    expect(line.lengths[line.lengths.length - 1]).toBeCloseTo(300, 6);
  });
});

describe('strokeInSight', () => {
  it('strokes only the stretch in sight, its dashes begun at its distance along the line', () => {
    const { ctx, runs } = recorder();
    strokeInSight(ctx, flatten([straight]), { x: 100, y: -10, width: 50, height: 20 });
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run!.points[0]![0]).toBeLessThanOrEqual(100);
    expect(run!.points.at(-1)![0]).toBeGreaterThanOrEqual(150);
    expect(run!.points.at(-1)![0]).toBeLessThan(170);
    expect(run!.offset).toBeCloseTo(run!.points[0]![0]!, 6);
    expect(ctx.lineDashOffset).toBe(0);
  });

  it('strokes a line that leaves and comes back in two runs, and nothing when none of it is in sight', () => {
    const { ctx, runs } = recorder();
    const there = { p0: { x: 0, y: 0 }, p1: { x: 100, y: 0 }, p2: { x: 100, y: 0 }, p3: { x: 200, y: 0 } };
    const back = { p0: { x: 200, y: 0 }, p1: { x: 200, y: 50 }, p2: { x: 0, y: 50 }, p3: { x: 0, y: 50 } };
    strokeInSight(ctx, flatten([there, back]), { x: -5, y: -5, width: 20, height: 60 });
    expect(runs).toHaveLength(2);
    expect(runs[1]!.offset).toBeGreaterThan(200);
    strokeInSight(ctx, flatten([straight]), { x: 0, y: 500, width: 10, height: 10 });
    expect(runs).toHaveLength(2);
  });
});

describe('inkShare', () => {
  it('counts each dash lengthened by its round caps, and is whole for a solid line', () => {
    expect(inkShare([8, 5], 2)).toBeCloseTo(10 / 13);
    expect(inkShare([12, 4, 2, 4], 2.5)).toBeCloseTo(19 / 22);
    expect(inkShare([1, 1], 4)).toBe(1);
    expect(inkShare([], 2)).toBe(1);
  });
});
