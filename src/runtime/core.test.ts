import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './heap';
import { Histogram } from './histogram';
import { Rng } from './rng';
import { TraceLog } from './trace';

describe('EventQueue', () => {
  it('pops in (time, sequence) order: equal times in the order scheduled, late ones last', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 300 }),
        (items) => {
          const q = new EventQueue();
          items.forEach(([t, late], i) => q.push(t, 0, null, i, late));
          const out: [number, boolean, number][] = [];
          while (q.pop()) out.push([q.topTime, items[q.topArg]![1], q.topArg]);
          const expected = items
            .map(([t, late], i) => [t, late, i] as [number, boolean, number])
            .sort((a, b) => a[0] - b[0] || Number(a[1]) - Number(b[1]) || a[2] - b[2]);
          expect(out).toEqual(expected);
        },
      ),
    );
  });
});

describe('Rng', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('gives uniform numbers in [0, 1) and exponentials with the right mean', () => {
    const r = new Rng(1);
    let sum = 0;
    let expSum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      expSum += r.exponential(10);
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(expSum / n).toBeGreaterThan(9.9);
    expect(expSum / n).toBeLessThan(10.1);
  });
});

describe('Histogram', () => {
  it('keeps the mean exact and percentiles within a few percent', () => {
    const h = new Histogram();
    for (let i = 1; i <= 10_000; i++) h.add(i / 10);
    expect(h.summary().mean).toBeCloseTo(500.05, 6);
    expect(Math.abs(h.quantile(0.5) - 500) / 500).toBeLessThan(0.03);
    expect(Math.abs(h.quantile(0.99) - 990) / 990).toBeLessThan(0.03);
    expect(h.quantile(1)).toBe(1000);
  });
  it('counts zeros', () => {
    const h = new Histogram();
    h.add(0);
    h.add(0);
    h.add(8);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.summary().mean).toBe(2.667);
  });
});

describe('TraceLog', () => {
  it('hashes every field and keeps the most recent records', () => {
    const a = new TraceLog(['s'], ['e'], 3, null);
    const b = new TraceLog(['s'], ['e'], 3, null);
    for (let i = 0; i < 5; i++) {
      a.add(0, i, i, 0, 0, -1, NaN);
      b.add(0, i, i, 0, 0, -1, NaN);
    }
    expect(a.hash()).toBe(b.hash());
    b.add(0, 5, 5, 0, 0, -1, 1);
    a.add(0, 5, 5, 0, 0, -1, 2);
    expect(a.hash()).not.toBe(b.hash());
    expect(a.recent(10).map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(a.recent(1)[0]).toEqual({ seq: 5, t: 5, type: 'sent', msg: 'm5', service: 's', edge: 'e', n: 2 });
  });
});
