import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../model/parse';
import type { DiagramInput } from '../model/schema';
import { createEngine } from './index';

const latency = fc.oneof(
  fc.record({ dist: fc.constant('fixed' as const), ms: fc.integer({ min: 0, max: 80 }) }),
  fc.record({ dist: fc.constant('exponential' as const), mean: fc.integer({ min: 1, max: 80 }) }),
  fc.record({
    dist: fc.constant('normal' as const),
    mean: fc.integer({ min: 1, max: 60 }),
    sd: fc.integer({ min: 0, max: 20 }),
  }),
  fc.record({
    dist: fc.constant('lognormal' as const),
    median: fc.integer({ min: 1, max: 60 }),
    sigma: fc.double({ min: 0, max: 1.5, noNaN: true }),
  }),
);

const serviceArb = fc.record({
  replicas: fc.integer({ min: 1, max: 3 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  latency,
  errorRate: fc.constantFrom(0, 0, 0.1, 0.3),
  idempotent: fc.boolean(),
});

const edgeArb = fc.record({
  kind: fc.constantFrom('sync', 'sync', 'queue', 'topic', 'saga'),
  from: fc.nat(),
  to: fc.nat(),
  name: fc.constantFrom('a', 'b', 'c'),
  latencyMs: fc.integer({ min: 0, max: 20 }),
  timeoutMs: fc.integer({ min: 20, max: 500 }),
  retries: fc.integer({ min: 0, max: 3 }),
  breaker: fc.boolean(),
  durable: fc.boolean(),
  atMostOnce: fc.boolean(),
  ackLossRate: fc.constantFrom(0, 0.2),
  maxDeliveries: fc.integer({ min: 1, max: 4 }),
  deadLetter: fc.boolean(),
  reply: fc.boolean(),
  trigger: fc.constantFrom<string[]>([], [], ['a'], ['b']),
});

const faultArb = fc.record({
  kind: fc.constantFrom('down', 'slow', 'error', 'cut'),
  target: fc.nat(),
  atMs: fc.integer({ min: 0, max: 2_500 }),
  durationMs: fc.integer({ min: 0, max: 1_500 }),
});

const diagramArb = fc
  .record({
    clients: fc.array(
      fc.record({
        rate: fc.integer({ min: 1, max: 40 }),
        pattern: fc.constantFrom('steady', 'poisson', 'bursts'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    services: fc.array(serviceArb, { minLength: 1, maxLength: 27 }),
    edges: fc.array(edgeArb, { maxLength: 45 }),
    faults: fc.array(faultArb, { maxLength: 6 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ clients, services, edges, faults, seed }): DiagramInput => {
    const ids = [...clients.map((_, i) => `c${i}`), ...services.map((_, i) => `s${i}`)];
    const sagaSteps = new Map<string, number>();
    const builtEdges = edges.map((e, i) => {
      const from = ids[e.from % ids.length]!;
      const to = `s${e.to % services.length}`;
      const common = { id: `e${i}`, from, to, message: e.name, latencyMs: e.latencyMs, triggers: e.trigger };
      switch (e.kind) {
        case 'sync':
          return {
            ...common,
            kind: 'sync' as const,
            timeoutMs: e.timeoutMs,
            retries: e.retries,
            breaker: { enabled: e.breaker, threshold: 2, openMs: 300 },
          };
        case 'queue':
          return {
            ...common,
            kind: 'queue' as const,
            channel: `q${e.to % 3}`,
            durable: e.durable,
            delivery: e.atMostOnce ? ('at-most-once' as const) : ('at-least-once' as const),
            ackLossRate: e.ackLossRate,
            maxDeliveries: e.maxDeliveries,
            deadLetter: e.deadLetter,
            replyChannel: e.reply ? `r${e.to % 2}` : '',
          };
        case 'topic':
          return { ...common, kind: 'topic' as const, topic: `t${e.from % 2}`, durable: e.durable };
        default: {
          const saga = `saga${e.from % 2}`;
          const step = (sagaSteps.get(saga) ?? 0) + 1;
          sagaSteps.set(saga, step);
          return { ...common, kind: 'saga' as const, saga, step };
        }
      }
    });
    return {
      services: [
        ...clients.map((c, i) => ({
          id: `c${i}`,
          kind: 'client' as const,
          traffic: { pattern: c.pattern, rate: c.rate, burstSize: 5, burstEveryMs: 700 },
        })),
        ...services.map((s, i) => ({ id: `s${i}`, ...s })),
      ],
      edges: builtEdges,
      faults: faults
        .map((f, i) => ({
          id: `f${i}`,
          kind: f.kind,
          target:
            f.kind === 'cut'
              ? builtEdges.length
                ? `e${f.target % builtEdges.length}`
                : 'none'
              : ids[f.target % ids.length]!,
          atMs: f.atMs,
          durationMs: f.durationMs,
        }))
        .filter((f) => f.target !== 'none'),
      run: { seed, untilMs: 3_000, hopLimit: 8 },
    };
  });

describe('properties of random diagrams', () => {
  it('conservation and saga accounting hold at every checkpoint', () => {
    fc.assert(
      fc.property(diagramArb, (input) => {
        const parsed = parseDiagram(input);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const engine = createEngine(parsed.diagram);
        for (let t = 250; t <= 3_000; t += 250) {
          engine.advanceTo(t);
          const report = engine.check();
          expect(report.violations).toEqual([]);
          expect(report.conservation && report.sagas).toBe(true);
        }
        // Stepping event by event keeps them too.
        for (let i = 0; i < 50 && engine.step() !== null; i++) expect(engine.check().violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('the same diagram and seed give the same trace hash', () => {
    fc.assert(
      fc.property(diagramArb, (input) => {
        const parsed = parseDiagram(input);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const a = createEngine(parsed.diagram);
        const b = createEngine(parsed.diagram);
        a.advanceTo(3_000);
        // Different stepping, same run.
        for (let t = 0; t <= 3_000; t += 333) b.advanceTo(t);
        b.advanceTo(3_000);
        expect(b.traceHash()).toBe(a.traceHash());
        expect(b.events).toBe(a.events);
      }),
      { numRuns: 80 },
    );
  });
});
