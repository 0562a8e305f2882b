import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagram, type DiagramInput } from '../model/schema';
import { Immutable, reachableObjects } from './snapshot';
import {
  createEngine,
  MAX_SERIES_BUCKETS,
  seriesBuffers,
  seriesToJson,
  type Engine,
  type EngineCheckpoint,
  type Metrics,
  type RunSeries,
} from './index';
import { diagramArb, parse } from './testing/randomDiagrams';
import { mmcDiagram } from './testing/queueingDiagrams';
import { checkoutExample } from '../scenarios/checkout';

const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

/** Every count of the series next to the whole-run figure of the same name in the report. */
function countPairs(s: RunSeries, m: Metrics): [string, number, number][] {
  const out: [string, number, number][] = [];
  const pair = (name: string, a: Float64Array | undefined, total: number) => {
    if (a === undefined) throw new Error(`${name}: missing in the series`);
    out.push([name, sum(a), total]);
  };
  for (const [id, c] of Object.entries(m.clients))
    for (const k of ['sent', 'succeeded', 'failed', 'timedOut'] as const)
      pair(`clients.${id}.${k}`, s.clients[id]?.[k], c[k]);
  for (const [id, v] of Object.entries(m.services))
    for (const k of ['received', 'handled', 'failed'] as const)
      pair(`services.${id}.${k}`, s.services[id]?.[k], v[k]);
  for (const [id, v] of Object.entries(m.channels))
    for (const k of ['published', 'delivered', 'redelivered', 'deadLettered', 'dropped'] as const)
      pair(`channels.${id}.${k}`, s.channels[id]?.[k], v[k]);
  for (const [id, v] of Object.entries(m.sagas))
    for (const k of ['started', 'completed', 'compensated', 'stuck'] as const)
      pair(`sagas.${id}.${k}`, s.sagas[id]?.[k], v[k]);
  for (const [id, v] of Object.entries(m.edges)) {
    for (const k of ['sent', 'failed', 'retried', 'timedOut'] as const)
      pair(`edges.${id}.${k}`, s.edges[id]?.[k], v[k]);
    pair(`edges.${id}.circuitOpened`, s.edges[id]?.circuitOpened, v.circuitOpened);
    pair(`edges.${id}.shortCircuited`, s.edges[id]?.shortCircuited, v.shortCircuited ?? 0);
  }
  pair(
    'duplicates',
    Float64Array.from(Object.values(s.edges), (e) => sum(e.duplicates)),
    m.duplicates,
  );
  return out;
}

function expectCountsAddUp(e: Engine): void {
  const s = e.series()!;
  for (const [name, got, total] of countPairs(s, e.metrics()))
    expect({ name, got }).toEqual({ name, got: total });
}

/** Every array of the series is aligned with `t`. */
function expectAligned(s: RunSeries): void {
  const n = s.t.length;
  for (const group of [s.clients, s.services, s.channels, s.sagas, s.edges])
    for (const leaves of Object.values(group))
      for (const a of Object.values(leaves as Record<string, Float64Array>)) expect(a.length).toBe(n);
}

/** Poisson arrivals into one exponential server, no network cost: M/M/1. */
const mm1 = (lambdaPerSec: number, meanServiceMs: number, untilMs: number, seed = 7) =>
  mmcDiagram(lambdaPerSec, meanServiceMs, 1, untilMs, seed);

describe('run series', () => {
  it('reads into one buffer, so the worker sends the page one transfer, and the values survive it', () => {
    const engine = createEngine(checkoutExample, { seriesBucketMs: 1000 });
    engine.advanceTo(12_500);
    const series = engine.series()!;
    const buffers = seriesBuffers(series);
    expect(buffers).toHaveLength(1);
    const expected = seriesToJson(series);
    const moved = structuredClone(series, { transfer: buffers });
    expect(buffers[0]!.byteLength).toBe(0); // transferred, not copied
    expect(seriesToJson(moved)).toEqual(expected);
    expect(Object.keys(expected.clients).length).toBeGreaterThan(0);
    expect(expected.t.length).toBe(13);
  });

  it('per-bucket counts add up exactly to the whole-run totals, on random diagrams, at every checkpoint', () => {
    let compared = 0;
    fc.assert(
      fc.property(diagramArb, fc.constantFrom(1, 7, 50, 250, 1000, 5000), (input, bucketMs) => {
        const d = parse(input);
        const engine = createEngine(d, { seriesBucketMs: bucketMs });
        for (const t of [333, 1000, 2_000.5, 3_000]) {
          engine.advanceTo(t);
          const s = engine.series()!;
          expect(s.t.length).toBeLessThanOrEqual(MAX_SERIES_BUCKETS);
          expect(s.endMs).toBe(engine.now);
          expectAligned(s);
          expectCountsAddUp(engine);
          compared++;
        }
        // Series are observation only: the run is the same without them.
        const plain = createEngine(d);
        plain.advanceTo(3_000);
        expect(engine.traceHash()).toBe(plain.traceHash());
      }),
      { numRuns: 40, seed: 11 },
    );
    expect(compared).toBe(160);
  });

  it('a run stepped event by event gives the series of a straight run (a seek replays)', () => {
    const d = parse(fc.sample(diagramArb, { numRuns: 1, seed: 5 })[0]!);
    const straight = createEngine(d, { seriesBucketMs: 100 });
    straight.advanceTo(1_500);
    const stepped = createEngine(d, { seriesBucketMs: 100 });
    while ((stepped.nextEventTime() ?? Infinity) <= 1_500) stepped.step();
    stepped.advanceTo(1_000);
    stepped.advanceTo(1_500);
    expect(stepped.series()).toEqual(straight.series());
  });

  it('memory is bounded: a 10-minute and a 10-hour run keep at most the cap of buckets', () => {
    for (const untilMs of [600_000, 36_000_000]) {
      const engine = createEngine(mm1(2, 5, untilMs), { seriesBucketMs: 1000 });
      engine.advanceTo(untilMs);
      const s = engine.series()!;
      expect(s.t.length).toBeLessThanOrEqual(MAX_SERIES_BUCKETS);
      // Widths double from the asked 1 s: the smallest power-of-two multiple that fits the run.
      const doublings = Math.ceil(Math.log2(untilMs / 1000 / MAX_SERIES_BUCKETS));
      expect(s.bucketMs).toBe(1000 * 2 ** Math.max(0, doublings));
      expect(s.t[s.t.length - 1]! + s.bucketMs).toBeGreaterThanOrEqual(untilMs);
      expectCountsAddUp(engine);
    }
  });

  it('checkpoints share the closed buckets, and a restored run goes on with the same series, across a downsample', () => {
    const d = checkoutExample;
    const straight = createEngine(d, { seriesBucketMs: 10 });
    straight.advanceTo(9_000);
    const run = createEngine(d, { seriesBucketMs: 10 });
    run.advanceTo(2_000);
    const early = run.checkpoint!();
    run.advanceTo(3_000);
    const later = run.checkpoint!();
    // History that only grows is shared, not copied: the later copy holds the earlier one's 200 buckets.
    const history = (c: EngineCheckpoint) => [...reachableObjects(c)].filter((o) => o instanceof Immutable);
    const shared = new Set(history(early));
    expect(history(later).filter((o) => shared.has(o)).length).toBeGreaterThanOrEqual(200);
    const size = (c: EngineCheckpoint) => reachableObjects(c).size;
    const sizes: number[] = [];
    // From 2 s to 9 s crosses a downsample (512 buckets of 10 ms become 256 of 20 ms at 5.12 s).
    let from = early;
    for (let i = 0; i < 3; i++) {
      run.restore!(from);
      run.advanceTo(9_000);
      expect(run.series()).toEqual(straight.series());
      from = run.checkpoint!();
      sizes.push(size(from));
    }
    // A restore adds nothing that the run's later copies would carry: a chain of them stays one size.
    expect(new Set(sizes).size).toBe(1);
  });

  it('downsampling is exact: merged buckets equal buckets collected at the wider width from the start', () => {
    const d = mm1(50, 10, 120_000, 3);
    const fine = createEngine(d, { seriesBucketMs: 25 }); // 4 800 buckets asked: downsampled 4 times
    fine.advanceTo(120_000);
    const f = fine.series()!;
    expect(f.bucketMs).toBe(400);
    const wide = createEngine(d, { seriesBucketMs: 400 });
    wide.advanceTo(120_000);
    const w = wide.series()!;
    expect(Array.from(f.t)).toEqual(Array.from(w.t));
    for (const k of ['sent', 'succeeded', 'failed', 'timedOut', 'p50', 'p95', 'p99'] as const)
      expect(Array.from(f.clients.source![k])).toEqual(Array.from(w.clients.source![k]));
    for (const k of ['received', 'handled', 'failed'] as const)
      expect(Array.from(f.services.server![k])).toEqual(Array.from(w.services.server![k]));
    // Gauges average equal halves: the same up to rounding of the float sums.
    for (const k of ['utilization', 'inbox', 'inSystem'] as const)
      f.services.server![k].forEach((x, i) => expect(x).toBeCloseTo(w.services.server![k][i]!, 9));
    f.clients.source!.mean.forEach((x, i) => {
      if (Number.isNaN(x)) expect(w.clients.source!.mean[i]).toBeNaN();
      else expect(x).toBeCloseTo(w.clients.source!.mean[i]!, 9);
    });
  });

  it('a bucket with no sample has NaN percentiles; gauges average over the bucket', () => {
    // One request every 2 s into a fixed 500 ms service: half the time busy, buckets of 1 s.
    const input: DiagramInput = {
      services: [
        { id: 'c', kind: 'client', traffic: { pattern: 'steady', rate: 0.5 } },
        { id: 's', replicas: 1, concurrency: 1, latency: { dist: 'fixed', ms: 500 } },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'c', to: 's', latencyMs: 0, timeoutMs: 10_000, retries: 0 }],
      run: { seed: 1, untilMs: 10_000, serializationMs: { rest: 0, grpc: 0 } },
    };
    const engine = createEngine(Diagram.parse(input), { seriesBucketMs: 1000 });
    engine.advanceTo(10_000);
    const s = engine.series()!;
    expect(Array.from(s.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => x * 1000));
    // Requests leave at 2 s, 4 s…; each is answered 500 ms later, in the same bucket.
    expect(Array.from(s.clients.c!.sent)).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(Array.from(s.clients.c!.succeeded)).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0]);
    expect(s.clients.c!.p50[1]).toBeNaN();
    expect(s.clients.c!.p99[2]).toBeCloseTo(500, -1);
    expect(s.clients.c!.mean[2]).toBe(500);
    expect(s.services.s!.utilization[2]).toBe(0.5);
    expect(s.services.s!.utilization[3]).toBe(0);
    // The last bucket starts at the run's end: no width yet, so its gauges are NaN.
    expect(s.services.s!.utilization[10]).toBeNaN();
  });

  it("a topic's backlog per subscription: a durable one holds copies while its subscriber is down", () => {
    // Checkout: Inventory's subscription is durable, Email's is not; Inventory is down from 5 s to 15 s.
    const d = Diagram.parse({
      ...structuredClone(checkoutExample),
      faults: [{ id: 'f', kind: 'down', target: 'inventory', atMs: 5_000, durationMs: 10_000 }],
    });
    const engine = createEngine(d, { seriesBucketMs: 1000 });
    engine.advanceTo(20_000);
    const orders = engine.series()!.channels.orders!;
    const inventory = Array.from(orders['backlog:inventory']!);
    const email = Array.from(orders['backlog:email']!);
    // The value at each bucket's end: copies pile up while it is down, and are released once it is up.
    expect(Math.max(...inventory.slice(5, 14))).toBeGreaterThan(0);
    expect(inventory.slice(5, 14)).toEqual([...inventory.slice(5, 14)].sort((a, b) => a - b));
    expect(inventory.slice(0, 4).every((x) => x === 0)).toBe(true);
    expect(inventory.slice(16).every((x) => x === 0)).toBe(true);
    expect(email.every((x) => x === 0)).toBe(true);
  });

  it('is null without series, and a series of one empty bucket at time 0', () => {
    const d = mm1(10, 5, 1000);
    expect(createEngine(d).series()).toBeNull();
    const s = createEngine(d, { seriesBucketMs: 100 }).series()!;
    expect(Array.from(s.t)).toEqual([0]);
    expect(Array.from(s.clients.source!.sent)).toEqual([0]);
  });

  it('M/M/1: the windowed mean latency converges to 1/(μ−λ)', () => {
    // λ = 0.5 per ms, μ = 1 per ms: W = 1/(μ−λ) = 2 ms. Means over 10 s windows, after a warm-up.
    const engine = createEngine(mm1(500, 1, 300_000, 5), { seriesBucketMs: 10_000 });
    engine.advanceTo(300_000);
    const c = engine.series()!.clients.source!;
    let weighted = 0;
    let n = 0;
    for (let i = 1; i < c.mean.length; i++) {
      if (c.succeeded[i] === 0) continue;
      weighted += c.mean[i]! * c.succeeded[i]!;
      n += c.succeeded[i]!;
      // Each window alone is within 15 % of theory.
      expect(Math.abs(c.mean[i]! - 2) / 2).toBeLessThan(0.15);
    }
    expect(Math.abs(weighted / n - 2) / 2).toBeLessThan(0.03);
  });
});
