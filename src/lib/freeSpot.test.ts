import { describe, expect, it } from 'vitest';
import type { Box } from './box';
import { freeSpot } from './freeSpot';

const SIZE = { width: 172, height: 64 };
const apart = (a: Box, b: Box) =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free, snapped to the grid', () => {
    expect(freeSpot({ size: SIZE, want: { x: 103, y: 48 }, occupied: [] })).toEqual({ x: 100, y: 40 });
  });

  it('never puts three boxes asked for at the same spot on top of each other', () => {
    const occupied: Box[] = [];
    for (let i = 0; i < 3; i++) {
      const at = freeSpot({ size: SIZE, want: { x: 400, y: 300 }, occupied });
      occupied.push({ ...at, ...SIZE });
    }
    for (let i = 0; i < occupied.length; i++)
      for (let j = i + 1; j < occupied.length; j++) expect(apart(occupied[i]!, occupied[j]!)).toBe(true);
  });

  it('keeps the gap round an occupied box and takes the nearest free spot', () => {
    const occupied = [{ x: 0, y: 0, ...SIZE }];
    const at = freeSpot({ size: SIZE, want: { x: 0, y: 0 }, occupied, gap: 20 });
    // Straight below is the nearest way out (64 + 20 down, rounded up to the grid).
    expect(at).toEqual({ x: 0, y: 100 });
  });

  it('prefers a spot inside the view to a nearer one outside it', () => {
    const occupied = [{ x: 0, y: 0, ...SIZE }];
    const view = { x: -10, y: -10, width: 400, height: 90 };
    const at = freeSpot({ size: SIZE, want: { x: 0, y: 0 }, occupied, view, gap: 20 });
    expect(at.x).toBeGreaterThanOrEqual(192);
    expect(at.y + SIZE.height).toBeLessThanOrEqual(80);
  });

  it('finds room on a crowded canvas and in a full view', () => {
    const occupied: Box[] = [];
    for (let r = 0; r < 20; r++)
      for (let c = 0; c < 20; c++) occupied.push({ x: c * 200, y: r * 100, ...SIZE });
    const view = { x: 0, y: 0, width: 1000, height: 600 };
    const at = freeSpot({ size: SIZE, want: { x: 400, y: 300 }, occupied, view });
    for (const o of occupied) expect(apart({ ...at, ...SIZE }, o)).toBe(true);
  });
});
