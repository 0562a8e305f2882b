import fc from 'fast-check';
import { parseDiagram } from '../../model/parse';
import { FAULT_KIND_INFO } from '../../model/faultKinds';
import { FAULT_KINDS, type Diagram, type DiagramInput } from '../../model/schema';

/* Random diagrams for property tests (property.test.ts, series.test.ts). */

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
type EdgeSpec = typeof edgeArb extends fc.Arbitrary<infer T> ? T : never;

export const faultArb = fc.record({
  kind: fc.constantFrom(...FAULT_KINDS),
  target: fc.nat(),
  atMs: fc.integer({ min: 0, max: 2_500 }),
  durationMs: fc.integer({ min: 0, max: 1_500 }),
});

/**
 * Random diagrams that carry traffic: client c0 always sends on a sync, a queue, a topic and a
 * choreographed saga path (each dropped now and then), an orchestrated saga hangs off a service,
 * and random edges (cycles included) and faults come on top.
 */
export const diagramArb = fc
  .record({
    clients: fc.array(
      fc.record({
        rate: fc.integer({ min: 5, max: 40 }),
        pattern: fc.constantFrom('steady', 'poisson', 'bursts'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    services: fc.array(serviceArb, { minLength: 3, maxLength: 20 }),
    // Whether each skeleton path is there: uniform, one time in twenty not (integers are biased to 0).
    skeleton: fc.array(
      fc.tuple(edgeArb, fc.nat(), fc.nat(), fc.constantFrom(...Array(19).fill(true), false)),
      {
        minLength: 6,
        maxLength: 6,
      },
    ),
    orchSteps: fc.integer({ min: 2, max: 3 }),
    // Orchestrated steps 1, 1, 2 (two commands at once) instead of 1, 2, 3.
    orchParallel: fc.boolean(),
    // A choreography where two participants react to one event, then one goes on.
    fan: fc.option(fc.tuple(edgeArb, fc.nat()), { freq: 2 }),
    edges: fc.array(edgeArb, { maxLength: 30 }),
    faults: fc.array(faultArb, { maxLength: 6 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ clients, services, skeleton, orchSteps, orchParallel, fan, edges, faults, seed }): DiagramInput => {
    const ids = [...clients.map((_, i) => `c${i}`), ...services.map((_, i) => `s${i}`)];
    const svc = (n: number) => `s${n % services.length}`;
    const built: Record<string, unknown>[] = [];
    const sagaSteps = new Map<string, number>();
    const add = (
      e: EdgeSpec,
      from: string,
      to: string,
      kind: string,
      extra: Record<string, unknown> = {},
    ) => {
      const common = { id: `e${built.length}`, from, to, message: e.name, latencyMs: e.latencyMs };
      const triggers = from.startsWith('c') ? [] : e.trigger;
      if (kind === 'sync')
        built.push({
          ...common,
          triggers,
          kind,
          timeoutMs: e.timeoutMs,
          retries: e.retries,
          breaker: { enabled: e.breaker, threshold: 2, openMs: 300 },
        });
      else if (kind === 'queue')
        built.push({
          ...common,
          triggers,
          kind,
          channel: `q${e.to % 3}`,
          durable: e.durable,
          delivery: e.atMostOnce ? 'at-most-once' : 'at-least-once',
          ackLossRate: e.ackLossRate,
          maxDeliveries: e.maxDeliveries,
          deadLetter: e.deadLetter,
          replyChannel: e.reply ? `r${e.to % 2}` : '',
          ...extra,
        });
      else if (kind === 'topic')
        built.push({ ...common, triggers, kind, topic: `t${e.from % 2}`, durable: e.durable });
      else {
        const saga = typeof extra.saga === 'string' ? extra.saga : `saga${e.from % 2}`;
        const step = typeof extra.step === 'number' ? extra.step : (sagaSteps.get(saga) ?? 0) + 1;
        sagaSteps.set(saga, Math.max(step, sagaSteps.get(saga) ?? 0));
        built.push({ ...common, triggers: step === 1 ? triggers : [], kind, saga, step });
      }
    };
    const [sync, queue, topic, chor1, chor2, orch] = skeleton;
    if (sync![3]) add(sync![0], 'c0', svc(sync![1]), 'sync');
    if (queue![3]) add(queue![0], 'c0', svc(queue![1]), 'queue');
    if (topic![3]) add(topic![0], 'c0', svc(topic![1]), 'topic');
    if (chor1![3]) {
      add(chor1![0], 'c0', svc(chor1![1]), 'saga', { saga: 'chain' });
      add(chor2![0], svc(chor1![1]), svc(chor2![1]), 'saga', { saga: 'chain' });
    }
    if (orch![3]) {
      const o = svc(sync![1]);
      const parallel = orchParallel && orchSteps === 3;
      for (let k = 0; k < orchSteps; k++)
        add(orch![0], o, svc(orch![2] + k), 'saga', {
          saga: 'orch',
          step: parallel ? Math.max(1, k) : k + 1,
        });
    }
    if (fan && chor1![3]) {
      // Started where the chain's first step arrives: two reactions to its event, then a third step.
      const [spec, at] = fan;
      const from = svc(chor1![1]);
      add(spec, from, svc(at + 1), 'saga', { saga: 'fan', step: 1 });
      add(spec, from, svc(at + 2), 'saga', { saga: 'fan', step: 1 });
      add(spec, svc(at + 1), svc(at + 3), 'saga', { saga: 'fan', step: 2 });
    }
    for (const e of edges) add(e, ids[e.from % ids.length]!, svc(e.to), e.kind);
    return {
      services: [
        ...clients.map((c, i) => ({
          id: `c${i}`,
          kind: 'client' as const,
          traffic: { pattern: c.pattern, rate: c.rate, burstSize: 5, burstEveryMs: 700 },
        })),
        ...services.map((s, i) => ({ id: `s${i}`, ...s })),
      ],
      edges: built as DiagramInput['edges'],
      faults: faults
        .map((f, i) => ({
          id: `f${i}`,
          kind: f.kind,
          target:
            FAULT_KIND_INFO[f.kind].target === 'edge'
              ? built.length
                ? `e${f.target % built.length}`
                : 'none'
              : ids[f.target % ids.length]!,
          atMs: f.atMs,
          durationMs: f.durationMs,
        }))
        .filter((f) => f.target !== 'none'),
      run: { seed, untilMs: 3_000, hopLimit: 8 },
    };
  });

/** The diagram of a generated input (throws if it is not valid). */
export function parse(input: DiagramInput): Diagram {
  const parsed = parseDiagram(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.diagram;
}
