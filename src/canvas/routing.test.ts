import { describe, expect, it } from 'vitest';
import { createEdgeRouter, routeInputs } from './edgeRoutes';
import { curveBetween, pointAt, type Box, type Curve, type Point } from './geometry';
import {
  CardIndex,
  curvesPath,
  pointAlong,
  routeCurves,
  routeEdge,
  segmentMeetsBox,
  STRAIGHT,
  type Card,
} from './routing';

const card = (id: string, x: number, y: number): Card => ({ id, x, y, width: 172, height: 64 });
const right = (b: Box): Point => ({ x: b.x + b.width, y: b.y + b.height / 2 });
const left = (b: Box): Point => ({ x: b.x, y: b.y + b.height / 2 });

/** Whether the drawn path passes through `box` (sampled finely). */
function crosses(curves: Curve[], box: Box): boolean {
  for (const c of curves) {
    let last = c.p0;
    for (let i = 1; i <= 200; i++) {
      const p = pointAt(c, i / 200);
      if (segmentMeetsBox(last, p, box)) return true;
      last = p;
    }
  }
  return false;
}

/** Three cards in a row: an edge from the first to the last runs straight through the middle one. */
const a = card('a', 0, 0);
const b = card('b', 300, 0);
const c = card('c', 600, 0);

describe('routeEdge', () => {
  it('bends an edge whose plain curve crosses a third card round it', () => {
    const index = new CardIndex([a, b, c]);
    expect(crosses(routeCurves(right(a), left(c), 0, STRAIGHT), b)).toBe(true);
    const route = routeEdge(right(a), left(c), 0, index, ['a', 'c']);
    expect(route.length).toBeGreaterThan(0);
    const curves = routeCurves(right(a), left(c), 0, route);
    expect(crosses(curves, b)).toBe(false);
    // It still starts and ends where the edge does.
    expect(curves[0]!.p0).toEqual(right(a));
    expect(curves.at(-1)!.p3).toEqual(left(c));
  });

  it('goes round a column of cards and a card the first detour ran into', () => {
    const cards = [a, card('b1', 300, 0), card('b2', 300, -90), card('b3', 300, 90), card('d', 450, 200), c];
    const index = new CardIndex(cards);
    const route = routeEdge(right(a), left(c), 0, index, ['a', 'c']);
    const curves = routeCurves(right(a), left(c), 0, route);
    for (const x of cards.slice(1, -1)) expect(crosses(curves, x), x.id).toBe(false);
  });

  it('leaves an edge with nothing in its way exactly as the plain curve', () => {
    const off = card('b', 300, 200);
    const index = new CardIndex([a, off, c]);
    const route = routeEdge(right(a), left(c), 0, index, ['a', 'c']);
    expect(route).toBe(STRAIGHT);
    expect(routeCurves(right(a), left(c), 0, route)).toEqual([curveBetween(right(a), left(c), 0)]);
    expect(routeCurves(right(a), left(c), 1, route)).toEqual([curveBetween(right(a), left(c), 1)]);
  });

  it('never routes round the cards the edge connects', () => {
    const index = new CardIndex([a, c]);
    expect(routeEdge(right(a), left(c), 0, index, ['a', 'c'])).toBe(STRAIGHT);
  });
});

describe('pointAlong and curvesPath', () => {
  it('walks joined curves end to end, and draws them as one path', () => {
    const curves = routeCurves({ x: 0, y: 0 }, { x: 300, y: 0 }, 0, [
      { x: 100, y: -50 },
      { x: 200, y: -50 },
    ]);
    expect(pointAlong(curves, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(curves, 1)).toEqual({ x: 300, y: 0 });
    expect(pointAlong(curves, 0.5).y).toBeCloseTo(-50);
    expect(curvesPath(curves)).toBe(
      'M0,0 C50,0 50,-50 100,-50 C150,-50 150,-50 200,-50 C250,-50 250,0 300,0',
    );
  });
});

describe('createEdgeRouter', () => {
  const services = [a, b, c].map((x) => ({ id: x.id, position: { x: x.x, y: x.y } }));
  const edges = [
    { id: 'ac', from: 'a', to: 'c' },
    { id: 'ab', from: 'a', to: 'b' },
  ];
  const sizes = new Map(services.map((s) => [s.id, { width: 172, height: 64 }]));
  const inputs = (svc: typeof services) => routeInputs(svc as never, [], edges as never, sizes);

  it('routes again only when a card near an edge moves, and keeps unchanged routes as they were', () => {
    const route = createEdgeRouter();
    const first = route(inputs(services).cards, inputs(services).ends);
    expect(first.get('ac')!.length).toBeGreaterThan(0);
    expect(first.get('ab')).toBe(STRAIGHT);
    // A far card appears: nothing changes, same objects.
    const far = [...services, { id: 'far', position: { x: 0, y: 2000 } }];
    const again = route(inputs(far).cards, inputs(far).ends);
    expect(again.get('ac')).toBe(first.get('ac'));
    // The card in the way moves off the line: the edge goes straight again.
    const moved = services.map((s) => (s.id === 'b' ? { ...s, position: { x: 300, y: 400 } } : s));
    const after = route(inputs(moved).cards, inputs(moved).ends);
    expect(after.get('ac')).toBe(STRAIGHT);
  });
});

describe('routing a large diagram', () => {
  it('routes 450 edges among 300 cards quickly, and again only near a moved card', () => {
    const cards: Card[] = [];
    for (let i = 0; i < 300; i++) cards.push(card(`s${i}`, (i % 20) * 260, Math.floor(i / 20) * 140));
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const ends = Array.from({ length: 450 }, (_, i) => {
      const a = cards[Math.floor(next() * 300)]!;
      const b = cards[Math.floor(next() * 300)]!;
      return { id: `e${i}`, from: a.id, to: b.id, source: right(a), target: left(b), lane: 0 };
    });
    const route = createEdgeRouter();
    const started = performance.now();
    const first = route(cards, ends);
    // Generous: a busy machine and a cold JIT.
    expect(performance.now() - started).toBeLessThan(2000);
    const routed = [...first.values()].filter((r) => r.length > 0).length;
    expect(routed).toBeGreaterThan(0);
    // One card moves: most routes are the same objects as before.
    const moved = cards.map((c) => (c.id === 's150' ? { ...c, y: c.y + 30 } : c));
    const again = route(moved, ends);
    const same = ends.filter((e) => again.get(e.id) === first.get(e.id)).length;
    expect(same).toBeGreaterThan(400);
  });
});
