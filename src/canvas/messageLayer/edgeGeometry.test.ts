import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry';
import { pointAlong, routeCurves, STRAIGHT } from '../routing';
import { EdgeGeometry } from './edgeGeometry';

const boxes: Record<string, Box> = {
  a: { x: 0, y: 0, width: 172, height: 64 },
  c: { x: 600, y: 0, width: 172, height: 64 },
};
const boxOf = (id: string, out: Box) => {
  const b = boxes[id];
  if (!b) return false;
  Object.assign(out, b);
  return true;
};
const diagram = { edges: [{ id: 'ac', from: 'a', to: 'c' }] };
const from = { x: 172, y: 32 };
const to = { x: 600, y: 32 };

describe('EdgeGeometry', () => {
  it('puts messages on a routed edge exactly where the canvas draws it', () => {
    const route = [
      { x: 280, y: -40 },
      { x: 490, y: -40 },
    ];
    const geo = new EdgeGeometry();
    geo.setRoutes(new Map([['ac', route]]));
    geo.prepare(diagram, boxOf);
    const drawn = routeCurves(from, to, 0, route);
    const at = { x: 0, y: 0 };
    for (const t of [0, 0.1, 0.3, 0.5, 0.7, 0.95, 1]) {
      geo.point(0, t, at);
      const want = pointAlong(drawn, t);
      expect(at.x).toBeCloseTo(want.x, 6);
      expect(at.y).toBeCloseTo(want.y, 6);
    }
  });

  it('rebuilds an edge when its route changes, and takes the plain curve without one', () => {
    const geo = new EdgeGeometry();
    geo.setRoutes(
      new Map([
        [
          'ac',
          [
            { x: 280, y: -40 },
            { x: 490, y: -40 },
          ],
        ],
      ]),
    );
    geo.prepare(diagram, boxOf);
    const at = { x: 0, y: 0 };
    geo.point(0, 0.5, at);
    expect(at.y).toBeCloseTo(-40);
    geo.setRoutes(new Map([['ac', STRAIGHT]]));
    geo.prepare(diagram, boxOf);
    geo.point(0, 0.5, at);
    expect(at).toEqual(pointAlong(routeCurves(from, to, 0, STRAIGHT), 0.5));
  });
});
