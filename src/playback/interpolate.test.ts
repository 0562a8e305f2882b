import { describe, expect, it } from 'vitest';
import { MessageColumns } from './columns';
import { Bundler, BUNDLE_THRESHOLD, messageFraction } from './interpolate';
import type { InFlightDiff } from './protocol';

function diffOf(
  msgs: Array<{
    slot: number;
    edge: number;
    sentAt: number;
    arrivesAt: number;
    fromT?: number;
    toT?: number;
    look?: number;
    corr?: string;
  }>,
): InFlightDiff {
  return {
    full: true,
    removed: new Int32Array(0),
    slots: Int32Array.from(msgs.map((m) => m.slot)),
    times: Float64Array.from(msgs.flatMap((m) => [m.sentAt, m.arrivesAt, m.fromT ?? 0, m.toT ?? 1])),
    meta: Int32Array.from(msgs.flatMap((m) => [m.edge, m.look ?? 0, 0])),
    ids: msgs.map((m) => `m${m.slot}`),
    correlations: msgs.map((m) => m.corr ?? `c${m.slot}`),
    types: msgs.map(() => 'T'),
  };
}

describe('messageFraction', () => {
  it('maps travel time linearly onto the stretch of edge', () => {
    expect(messageFraction(100, 200, 0, 1, 150)).toBeCloseTo(0.5);
    expect(messageFraction(100, 200, 1, 0, 125)).toBeCloseTo(0.75);
    expect(messageFraction(0, 100, 0, 0.5, 50)).toBeCloseTo(0.25);
    expect(messageFraction(0, 100, 0.5, 1, 50)).toBeCloseTo(0.75);
  });

  it('clamps before departure and after arrival', () => {
    expect(messageFraction(100, 200, 0, 1, 50)).toBe(0);
    expect(messageFraction(100, 200, 0, 1, 500)).toBe(1);
    expect(messageFraction(100, 200, 1, 0, 500)).toBe(0);
  });

  it('treats an instant hop as arrived once sent', () => {
    expect(messageFraction(100, 100, 0, 1, 100)).toBe(1);
    expect(messageFraction(100, 100, 0, 1, 99)).toBe(0);
  });
});

describe('Bundler', () => {
  /** 40 messages spread evenly along each of `edges` edges, at t = 50. */
  function spread(edges: number) {
    const cols = new MessageColumns();
    const msgs = [];
    for (let e = 0; e < edges; e++)
      for (let i = 0; i < 40; i++)
        msgs.push({ slot: e * 40 + i, edge: e, sentAt: i * 2.5 - 50, arrivesAt: i * 2.5 + 50 });
    cols.apply(diffOf(msgs));
    return cols;
  }

  it('bundles each edge by its own capacity, and leaves out edges out of sight', () => {
    const p = new Bundler().run(spread(3), 50, 3, null, [40, 4, -1]);
    const perEdge = [0, 0, 0];
    let total = 0;
    for (let i = 0; i < p.n; i++) {
      perEdge[p.edge[i]!]!++;
      total += p.count[i]!;
    }
    expect(perEdge).toEqual([40, 4, 0]);
    expect(total).toBe(80);
  });

  it('bundles harder when the particles would pass the budget, still counting every message', () => {
    const loose = new Bundler().run(spread(10), 50, 10, null, 12).n;
    const tight = new Bundler().run(spread(10), 50, 10, null, 12, 40);
    let total = 0;
    for (let i = 0; i < tight.n; i++) total += tight.count[i]!;
    expect(loose).toBe(120);
    expect(tight.n).toBeLessThanOrEqual(40);
    expect(total).toBe(400);
  });

  it('draws each message on a quiet edge as its own particle', () => {
    const cols = new MessageColumns();
    cols.apply(diffOf([0, 1, 2].map((slot) => ({ slot, edge: 0, sentAt: slot * 10, arrivesAt: 100 }))));
    const p = new Bundler().run(cols, 50, 1);
    expect(p.n).toBe(3);
    expect([...p.count.subarray(0, 3)]).toEqual([1, 1, 1]);
    expect(p.pos[0]).toBeCloseTo(0.5);
  });

  it('bundles a busy edge into particles sized by count, losing no message', () => {
    const cols = new MessageColumns();
    const msgs = Array.from({ length: 100 }, (_, slot) => ({
      slot,
      edge: slot < 90 ? 0 : 1,
      sentAt: 0,
      arrivesAt: 100,
    }));
    cols.apply(diffOf(msgs));
    const p = new Bundler().run(cols, 50, 2);
    let total = 0;
    let onBusy = 0;
    for (let i = 0; i < p.n; i++) {
      total += p.count[i]!;
      if (p.edge[i] === 0) onBusy++;
    }
    expect(total).toBe(100);
    // All 90 sit at the same spot of edge 0, so they are one bundle; edge 1 (10 ≤ threshold) is not bundled.
    expect(onBusy).toBe(1);
    expect(p.n).toBe(11);
    expect(BUNDLE_THRESHOLD).toBeLessThan(90);
  });

  it('keeps separate looks and stretches in separate bundles', () => {
    const cols = new MessageColumns();
    const msgs = Array.from({ length: 40 }, (_, slot) => ({
      slot,
      edge: 0,
      sentAt: slot < 20 ? 0 : -1000,
      arrivesAt: 100,
      look: slot % 2,
    }));
    cols.apply(diffOf(msgs));
    const p = new Bundler().run(cols, 50, 1);
    expect(p.n).toBe(4);
    const sizes = [...p.count.subarray(0, p.n)].sort();
    expect(sizes).toEqual([10, 10, 10, 10]);
  });

  it('never bundles the highlighted correlation', () => {
    const cols = new MessageColumns();
    const msgs = Array.from({ length: 30 }, (_, slot) => ({
      slot,
      edge: 0,
      sentAt: 0,
      arrivesAt: 100,
      corr: slot === 7 ? 'hot' : 'x',
    }));
    cols.apply(diffOf(msgs));
    const p = new Bundler().run(cols, 50, 1, 'hot');
    const hl = [...p.highlighted.subarray(0, p.n)].filter((h) => h === 1).length;
    expect(hl).toBe(1);
    expect(p.n).toBe(2);
  });

  it('skips messages on edges the diagram no longer has', () => {
    const cols = new MessageColumns();
    cols.apply(
      diffOf([
        { slot: 0, edge: -1, sentAt: 0, arrivesAt: 10 },
        { slot: 1, edge: 5, sentAt: 0, arrivesAt: 10 },
      ]),
    );
    expect(new Bundler().run(cols, 5, 2).n).toBe(0);
  });
});
