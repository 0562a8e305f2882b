import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_KIND_INFO } from '../model/faultKinds';
import { FAULT_KINDS, type Diagram, type DiagramInput } from '../model/schema';
import { createEngine, type Engine } from './index';
import { diagramArb, faultArb, parse } from './testing/randomDiagrams';
import { makeLiveFault } from '../model/defaults';

/** Which kinds of path the client requests of a finished run went through. */
function pathsUsed(d: Diagram, e: Engine): Set<string> {
  const m = e.metrics();
  const used = new Set<string>();
  for (const edge of d.edges) {
    if (edge.from !== 'c0' || m.edges[edge.id]!.sent === 0) continue;
    used.add(edge.kind);
  }
  if ((m.sagas.chain?.started ?? 0) > 0) used.add('saga');
  return used;
}

const expectClean = (e: Engine) => expect(e.check().violations).toEqual([]);

describe('properties of random diagrams', () => {
  it('conservation and saga accounting hold at every checkpoint, on diagrams that carry traffic', () => {
    let runs = 0;
    let allPaths = 0;
    let events = 0;
    let parallelEnded = 0;
    fc.assert(
      fc.property(diagramArb, (input) => {
        const d = parse(input);
        const engine = createEngine(d);
        for (let t = 250; t <= 3_000; t += 250) {
          engine.advanceTo(t);
          expectClean(engine);
        }
        // Stepping event by event keeps them too.
        for (let i = 0; i < 50 && engine.step() !== null; i++) expectClean(engine);
        runs++;
        events += engine.events;
        if (pathsUsed(d, engine).size === 4) allPaths++;
        const fan = engine.metrics().sagas.fan;
        if (fan && fan.completed + fan.compensated > 0) parallelEnded++;
      }),
      { numRuns: 200 },
    );
    // Parallel reactions (the 'fan' choreography) run to their end in a good share of the runs.
    expect(parallelEnded / runs).toBeGreaterThan(0.2);
    // The generator is worth something only if its runs really exercise the engine.
    // (typically 0.75–0.9 of runs carry client traffic on all four kinds of path, ~2000 events each)
    expect(allPaths / runs).toBeGreaterThan(0.6);
    expect(events / runs).toBeGreaterThan(1_000);
  });

  it('the same diagram and seed give the same trace hash, however the run is stepped', () => {
    fc.assert(
      fc.property(
        diagramArb,
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 20 }),
        (input, gaps) => {
          const d = parse(input);
          const a = createEngine(d);
          const b = createEngine(d);
          a.advanceTo(3_000);
          let t = 0;
          for (const g of gaps) {
            b.advanceTo((t += g));
            for (let i = 0; i < g % 7; i++) b.step();
          }
          b.advanceTo(3_000);
          expect(b.traceHash()).toBe(a.traceHash());
          expect(b.events).toBe(a.events);
        },
      ),
      { numRuns: 80 },
    );
  });

  const actionArb = fc.oneof(
    fc.record({ act: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 300 }) }),
    fc.record({ act: fc.constant('step' as const), n: fc.integer({ min: 1, max: 30 }) }),
    fc.record({
      act: fc.constant('inject' as const),
      kind: fc.constantFrom(...FAULT_KINDS),
      target: fc.nat(),
      durationMs: fc.constantFrom(0, 0, 50, 400),
      inMs: fc.constantFrom(0, 0, 0, 120),
    }),
    fc.record({ act: fc.constant('end' as const), which: fc.nat() }),
  );

  it('live inject / endFault / step interleavings replay identically from the recorded faults', () => {
    fc.assert(
      fc.property(diagramArb, fc.array(actionArb, { minLength: 1, maxLength: 25 }), (input, actions) => {
        const d = parse(input);
        const live = createEngine(d);
        const liveIds: string[] = [];
        for (const a of actions) {
          if (a.act === 'advance') live.advanceTo(live.now + a.ms);
          else if (a.act === 'step') for (let i = 0; i < a.n; i++) live.step();
          else if (a.act === 'inject') {
            const onEdge = FAULT_KIND_INFO[a.kind].target === 'edge';
            if (onEdge && d.edges.length === 0) continue;
            const target = onEdge
              ? d.edges[a.target % d.edges.length]!.id
              : d.services[a.target % d.services.length]!.id;
            const id = `live${liveIds.length}`;
            liveIds.push(id);
            live.inject({
              ...makeLiveFault({ id, kind: a.kind, target, durationMs: a.durationMs, factor: 4 }),
              atMs: live.now + a.inMs,
            });
          } else if (liveIds.length) live.endFault(liveIds[a.which % liveIds.length]!);
          expectClean(live);
        }
        live.advanceTo(3_000);
        const replay = createEngine(parse({ ...input, faults: live.faults() }));
        replay.advanceTo(3_000);
        expect(replay.traceHash()).toBe(live.traceHash());
        expect(replay.events).toBe(live.events);
        expectClean(replay);
      }),
      { numRuns: 120 },
    );
  });

  it('breakers on a cycle under a tight hop limit never wedge and keep every account', () => {
    const ringArb = fc.record({
      size: fc.integer({ min: 2, max: 5 }),
      threshold: fc.integer({ min: 1, max: 3 }),
      openMs: fc.integer({ min: 10, max: 300 }),
      hopLimit: fc.integer({ min: 2, max: 6 }),
      errorRate: fc.constantFrom(0.1, 0.3, 0.6),
      retries: fc.integer({ min: 0, max: 2 }),
      back: fc.constantFrom('topic', 'queue', 'sync'),
      seed: fc.integer({ min: 0, max: 1000 }),
      faults: fc.array(faultArb, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(ringArb, (r) => {
        const ids = Array.from({ length: r.size }, (_, i) => `s${i}`);
        const input: DiagramInput = {
          services: [
            { id: 'c', kind: 'client', traffic: { pattern: 'poisson', rate: 40 } },
            ...ids.map((id) => ({
              id,
              concurrency: 8,
              errorRate: r.errorRate,
              latency: { dist: 'exponential' as const, mean: 5 },
            })),
          ],
          edges: [
            { id: 'in', kind: 'sync', from: 'c', to: 's0', retries: 0 },
            ...ids.map((id, i) => ({
              id: `b${i}`,
              kind: 'sync' as const,
              from: id,
              to: ids[(i + 1) % r.size]!,
              retries: r.retries,
              timeoutMs: 60,
              breaker: { enabled: true, threshold: r.threshold, openMs: r.openMs },
            })),
            { id: 'back', kind: r.back, from: ids[r.size - 1]!, to: 's0' } as never,
          ],
          faults: r.faults.map((f, i) => ({
            id: `f${i}`,
            kind: f.kind,
            target:
              FAULT_KIND_INFO[f.kind].target === 'edge' ? `b${f.target % r.size}` : ids[f.target % r.size]!,
            atMs: f.atMs,
            durationMs: f.durationMs,
          })),
          run: { seed: r.seed, untilMs: 3_000, hopLimit: r.hopLimit },
        };
        const engine = createEngine(parse(input));
        for (let t = 200; t <= 3_000; t += 200) {
          engine.advanceTo(t);
          expectClean(engine);
        }
        for (const e of Object.values(engine.metrics().edges)) expect(e.failed).toBeLessThanOrEqual(e.sent);
      }),
      { numRuns: 100 },
    );
  });
});
