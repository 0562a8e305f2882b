import { describe, expect, it } from 'vitest';
import { edgeCurve, type Box } from './geometry';
import { placeLabels, type LabelRequest } from './labelPlacement';

const card = (x: number, y: number): Box => ({ x, y, width: 172, height: 64 });
const apart = (a: Box, b: Box) =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
const label = (id: string, from: Box, to: Box, width = 120, height = 22): LabelRequest => ({
  id,
  path: [edgeCurve(from, to)],
  width,
  height,
});

function expectClear(cards: Box[], places: Map<string, { box: Box }>) {
  const boxes = [...places.values()].map((p) => p.box);
  for (const b of boxes) for (const c of cards) expect(apart(b, c), JSON.stringify({ b, c })).toBe(true);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) expect(apart(a, b), JSON.stringify({ a, b })).toBe(true);
}

describe('placeLabels', () => {
  it('puts a label that fits just above the middle of its edge', () => {
    const a = card(0, 0);
    const b = card(400, 0);
    const place = placeLabels([a, b], [label('e', a, b)]).get('e')!;
    expect(place.t).toBe(0.5);
    expect(place.box.y + place.box.height).toBeLessThanOrEqual(32);
    expect(place.box.x).toBeGreaterThan(172);
    expect(place.box.x + place.box.width).toBeLessThan(400);
  });

  it('moves a label too wide for the gap between two cards off them, still by its edge', () => {
    const a = card(0, 0);
    const b = card(230, 0);
    const place = placeLabels([a, b], [label('e', a, b, 130)]).get('e')!;
    expectClear([a, b], new Map([['e', place]]));
    // Above or below the cards, not off somewhere else.
    expect(place.box.y + place.box.height <= 0 || place.box.y >= 64).toBe(true);
    expect(Math.abs(place.box.x + place.box.width / 2 - 201)).toBeLessThan(60);
  });

  it('keeps labels of a fan of edges off the cards and off each other', () => {
    const source = card(0, 200);
    const targets = [card(300, 0), card(300, 100), card(300, 200), card(300, 300), card(300, 400)];
    const cards = [source, ...targets];
    const places = placeLabels(
      cards,
      targets.map((t, i) => label(`e${i}`, source, t, 110)),
    );
    expect(places.size).toBe(5);
    const boxes = [...places.values()].map((p) => p.box);
    for (const b of boxes) for (const c of cards) expect(apart(b, c)).toBe(true);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(apart(a, b)).toBe(true);
  });

  it('says where a label sits relative to its edge, so it can follow the edge', () => {
    const a = card(0, 0);
    const b = card(400, 120);
    const request = label('e', a, b);
    const place = placeLabels([a, b], [request]).get('e')!;
    expect(place.box.x + place.box.width / 2).toBeCloseTo(place.dx + pointX(request, place.t));
  });

  it('places 450 labels among 300 cards quickly', () => {
    const cards: Box[] = [];
    for (let i = 0; i < 300; i++) cards.push(card((i % 20) * 260, Math.floor(i / 20) * 140));
    const labels: LabelRequest[] = [];
    for (let i = 0; i < 450; i++) {
      const from = cards[i % 300]!;
      const to = cards[(i * 7 + 1) % 300]!;
      labels.push(label(`e${i}`, from, to, 90 + (i % 5) * 20));
    }
    const started = performance.now();
    const places = placeLabels(cards, labels);
    // Generous: a busy machine and a cold JIT; warm, it takes tens of milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(places.size).toBe(450);
  });
});

function pointX(r: LabelRequest, t: number): number {
  const u = 1 - t;
  const c = r.path[0]!;
  return u * u * u * c.p0.x + 3 * u * u * t * c.p1.x + 3 * u * t * t * c.p2.x + t * t * t * c.p3.x;
}
