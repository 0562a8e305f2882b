import { describe, expect, it } from 'vitest';
import { firstViewport, fitViewport, READABLE_ZOOM, START_VIEWPORT } from './firstView';
import type { Box } from './geometry';

const card = (x: number, y: number): Box => ({ x, y, width: 170, height: 64 });
/** Five cards in a row and one below the last, like a small diagram. */
const ROW = [0, 240, 480, 720, 960].map((x) => card(x, 0)).concat([card(960, 300)]);

const onScreen = (b: Box, v: { x: number; y: number; zoom: number }) => ({
  x: b.x * v.zoom + v.x,
  y: b.y * v.zoom + v.y,
  width: b.width * v.zoom,
  height: b.height * v.zoom,
});
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('firstViewport', () => {
  it('shows an empty diagram at the starting view', () => {
    expect(firstViewport([], { width: 1000, height: 600 }, [])).toEqual(START_VIEWPORT);
  });

  it('fits the whole diagram inside the margins', () => {
    const v = firstViewport(ROW, { width: 1000, height: 600 }, []);
    for (const b of ROW.map((n) => onScreen(n, v))) {
      expect(b.x).toBeGreaterThanOrEqual(19.9);
      expect(b.x + b.width).toBeLessThanOrEqual(980.1);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height).toBeLessThanOrEqual(600);
    }
  });

  it('keeps every card clear of a minimap in the corner, as large as it can', () => {
    const canvas = { width: 1000, height: 500 };
    const minimap = { x: 820, y: 380, width: 168, height: 110 };
    const plain = firstViewport(ROW, canvas, []);
    expect(ROW.some((n) => overlaps(onScreen(n, plain), minimap))).toBe(true);
    const v = firstViewport(ROW, canvas, [minimap]);
    for (const n of ROW) expect(overlaps(onScreen(n, v), minimap)).toBe(false);
    expect(v.zoom).toBeLessThanOrEqual(plain.zoom);
    expect(v.zoom).toBeGreaterThan(plain.zoom * 0.6);
  });

  it('on a phone, starts at the left at a readable zoom instead of shrinking everything', () => {
    const canvas = { width: 390, height: 600 };
    const v = firstViewport(ROW, canvas, []);
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const first = onScreen(ROW[0]!, v);
    expect(first.x).toBeGreaterThanOrEqual(0);
    expect(first.x + first.width).toBeLessThanOrEqual(canvas.width);
    // The rest is there to pan to.
    expect(onScreen(ROW[4]!, v).x).toBeGreaterThan(canvas.width);
  });

  it('on a phone, a diagram that fits readably is shown whole', () => {
    const small = [card(0, 0), card(0, 120)];
    const v = firstViewport(small, { width: 390, height: 600 }, []);
    expect(v.zoom).toBeGreaterThanOrEqual(1);
  });
});

describe('fitViewport (the Fit command)', () => {
  it('keeps every card clear of the minimap, like the first view', () => {
    const canvas = { width: 1000, height: 500 };
    const minimap = { x: 820, y: 380, width: 168, height: 110 };
    const v = fitViewport(ROW, canvas, [minimap]);
    for (const n of ROW) expect(overlaps(onScreen(n, v), minimap)).toBe(false);
    expect(v).toEqual(firstViewport(ROW, canvas, [minimap]));
  });

  it('on a phone, shows the whole diagram (the first view shows its left)', () => {
    const canvas = { width: 390, height: 600 };
    const v = fitViewport(ROW, canvas, []);
    for (const b of ROW.map((n) => onScreen(n, v))) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(canvas.width);
    }
  });
});
