import { makeLiveFault } from '../model/defaults';
import { describe, expect, it } from 'vitest';
import { Diagram, type DiagramInput } from '../model/schema';
import { createEngine } from './index';
import { client, runAll } from './testkit';

describe('sync calls', () => {
  it('a chain of sync calls takes the sum of its hops', () => {
    const { metrics } = runAll({
      services: [
        client(1),
        { id: 'a', latency: { dist: 'fixed', ms: 10 } },
        { id: 'b', latency: { dist: 'fixed', ms: 20 } },
      ],
      edges: [
        { id: 'e1', kind: 'sync', from: 'client', to: 'a', latencyMs: 5 },
        { id: 'e2', kind: 'sync', from: 'a', to: 'b', latencyMs: 7, protocol: 'grpc' },
      ],
      run: { untilMs: 5_000, serializationMs: { rest: 1, grpc: 0.5 } },
    });
    // 2×(5+1) + 10 + 2×(7+0.5) + 20 = 57 ms.
    expect(metrics.requests.latencyMs.mean).toBeCloseTo(57, 6);
    expect(metrics.services.a!.latencyMs.mean).toBeCloseTo(45, 6);
  });

  it('the circuit breaker goes closed → open → half-open → closed, failing fast while open', () => {
    const { records, metrics } = runAll({
      services: [
        client(50),
        { id: 'api', latency: { dist: 'fixed', ms: 1 } },
        { id: 'bank', latency: { dist: 'fixed', ms: 5 } },
      ],
      edges: [
        { id: 'c', kind: 'sync', from: 'client', to: 'api', retries: 0 },
        {
          id: 'b',
          kind: 'sync',
          from: 'api',
          to: 'bank',
          retries: 0,
          breaker: { enabled: true, threshold: 3, openMs: 500 },
        },
      ],
      faults: [{ id: 'f', kind: 'down', target: 'bank', atMs: 1000, durationMs: 1200 }],
      run: { untilMs: 4_000 },
    });
    const states = records.filter((r) => r.type === 'circuit').map((r) => r.detail);
    // Down for 1.2 s with 0.5 s open periods: at least one failed trial re-opens it, then it closes.
    expect(states[0]).toBe('open');
    expect(states.at(-1)).toBe('closed');
    for (let i = 1; i < states.length; i++) {
      const pair = `${states[i - 1]}→${states[i]}`;
      expect(['open→half-open', 'half-open→open', 'half-open→closed']).toContain(pair);
    }
    expect(states).toContain('half-open');
    expect(states.filter((s) => s === 'open').length).toBeGreaterThan(1);
    // Exactly `threshold` refusals hit the network before it opened the first time.
    const firstOpen = records.findIndex((r) => r.type === 'circuit');
    expect(records.slice(0, firstOpen).filter((r) => r.type === 'refused').length).toBe(3);
    expect(records.some((r) => r.type === 'failed' && r.detail === 'circuit open')).toBe(true);
    expect(metrics.edges.b!.circuitOpened).toBe(states.filter((s) => s === 'open').length);
  });

  it('a slow callee makes the caller time out and retry; retries of a non-idempotent call duplicate', () => {
    const { metrics, records } = runAll({
      services: [client(2), { id: 'slow', latency: { dist: 'fixed', ms: 150 } }],
      edges: [
        { id: 'e', kind: 'sync', from: 'client', to: 'slow', timeoutMs: 100, retries: 2, latencyMs: 1 },
      ],
      run: { untilMs: 3_000 },
    });
    const r = metrics.requests;
    // Every request times out on all three attempts (the last two may still be under way at the end).
    expect(r.succeeded + r.failed).toBe(0);
    expect(r.timedOut).toBeGreaterThanOrEqual(r.sent - 2);
    expect(r.timedOut).toBeGreaterThan(0);
    expect(metrics.edges.e!.retried).toBeGreaterThanOrEqual(2 * r.timedOut);
    expect(records.some((r) => r.type === 'late-reply')).toBe(true);
    // The callee still finishes work for callers that gave up.
    expect(records.some((r) => r.type === 'handled' && r.detail === 'caller gave up')).toBe(true);
    // Every attempt succeeds at the callee, so each retry is a duplicate side effect.
    expect(metrics.duplicates).toBe(metrics.services.slow!.handled - handledFirstAttempts(records));
    expect(metrics.duplicates).toBeGreaterThan(0);
  });

  it('an idempotent callee never counts duplicates', () => {
    const { metrics } = runAll({
      services: [client(2), { id: 'slow', idempotent: true, latency: { dist: 'fixed', ms: 150 } }],
      edges: [{ id: 'e', kind: 'sync', from: 'client', to: 'slow', timeoutMs: 100, retries: 2 }],
      run: { untilMs: 3_000 },
    });
    expect(metrics.edges.e!.retried).toBeGreaterThan(0);
    expect(metrics.duplicates).toBe(0);
  });

  it('a down callee refuses at once, after the network hop', () => {
    const { records } = runAll({
      services: [client(1), { id: 'b' }],
      edges: [{ id: 'e', kind: 'sync', from: 'client', to: 'b', latencyMs: 10, retries: 0 }],
      faults: [{ id: 'f', kind: 'down', target: 'b', atMs: 0 }],
      run: { untilMs: 1_500, serializationMs: { rest: 0, grpc: 0 } },
    });
    const sent = records.find((r) => r.type === 'sent')!;
    const refused = records.find((r) => r.type === 'refused')!;
    const done = records.find((r) => r.type === 'call-done')!;
    expect(refused.t - sent.t).toBe(10);
    expect(done.t - sent.t).toBe(20);
    expect(done.detail).toBe('error reply');
  });
});

/** Handlings of first attempts: requests whose `sent` record has the `request` look. */
function handledFirstAttempts(records: { type: string; msg?: string; detail?: string }[]): number {
  const first = new Set(records.filter((r) => r.type === 'sent' && r.detail === 'request').map((r) => r.msg));
  return records.filter((r) => r.type === 'handled' && first.has(r.msg)).length;
}

describe('queues', () => {
  const competing: DiagramInput = {
    services: [
      client(200, 'poisson'),
      { id: 'a', replicas: 3, concurrency: 1, latency: { dist: 'exponential', mean: 10 } },
      { id: 'b', replicas: 2, concurrency: 2, latency: { dist: 'exponential', mean: 10 } },
    ],
    edges: [
      { id: 'qa', kind: 'queue', from: 'client', to: 'a', channel: 'jobs' },
      { id: 'qb', kind: 'queue', from: 'client', to: 'b', channel: 'jobs' },
    ],
    run: { untilMs: 5_000 },
  };

  it('competing consumers: each message is handled exactly once, by one replica of one consumer', () => {
    const { records, metrics, engine } = runAll(competing);
    const starts = records.filter((r) => r.type === 'started');
    const byMsg = new Map<string, number>();
    for (const s of starts) byMsg.set(s.msg!, (byMsg.get(s.msg!) ?? 0) + 1);
    expect([...byMsg.values()].every((n) => n === 1)).toBe(true);
    const replicasOf = { a: 3, b: 2 } as Record<string, number>;
    for (const s of starts) expect(s.n).toBeLessThan(replicasOf[s.service!]!);
    const used = new Set(starts.map((s) => `${s.service}/${s.n}`));
    expect(used.size).toBe(5);
    expect(metrics.channels.jobs!.published).toBe(metrics.requests.sent);
    expect(metrics.channels.jobs!.redelivered).toBe(0);
    expect(engine.check().conservation).toBe(true);
  });

  it('a durable queue holds messages while its consumer is down and drains after', () => {
    const base: DiagramInput = {
      services: [client(20), { id: 'w', concurrency: 4, latency: { dist: 'fixed', ms: 5 } }],
      edges: [{ id: 'q', kind: 'queue', from: 'client', to: 'w', channel: 'jobs' }],
      faults: [{ id: 'f', kind: 'down', target: 'w', atMs: 1000, durationMs: 1000 }],
      run: { untilMs: 4_000 },
    };
    const durable = runAll(base).metrics.channels.jobs!;
    expect(durable.maxDepth).toBeGreaterThanOrEqual(19);
    expect(durable.depthAtEnd).toBe(0);
    expect(durable.dropped).toBe(0);
    const lossy = runAll({ ...base, edges: [{ ...base.edges![0]!, durable: false } as never] }).metrics
      .channels.jobs!;
    expect(lossy.maxDepth).toBeLessThan(2);
    expect(lossy.dropped).toBeGreaterThanOrEqual(19);
  });

  it('a failing consumer is redelivered up to max deliveries, then dead-lettered', () => {
    const { metrics, records } = runAll({
      services: [client(10), { id: 'w', errorRate: 1, latency: { dist: 'fixed', ms: 1 } }],
      edges: [{ id: 'q', kind: 'queue', from: 'client', to: 'w', channel: 'jobs', maxDeliveries: 3 }],
      run: { untilMs: 2_000 },
    });
    const ch = metrics.channels.jobs!;
    const dead = records.filter((r) => r.type === 'dead-lettered');
    expect(dead.length).toBe(ch.deadLettered);
    expect(dead.every((r) => r.n === 3)).toBe(true);
    expect(ch.redelivered).toBe(2 * (ch.delivered / 3));
  });

  it('at-most-once loses a failed message instead of redelivering it', () => {
    const { metrics } = runAll({
      services: [client(10), { id: 'w', errorRate: 1, latency: { dist: 'fixed', ms: 1 } }],
      edges: [{ id: 'q', kind: 'queue', from: 'client', to: 'w', channel: 'jobs', delivery: 'at-most-once' }],
      run: { untilMs: 2_000 },
    });
    expect(metrics.channels.jobs!.redelivered).toBe(0);
    expect(metrics.channels.jobs!.dropped).toBe(metrics.services.w!.failed);
  });
});

describe('topics', () => {
  it('durable subscriptions keep copies for a down subscriber; non-durable ones drop them by design', () => {
    const { metrics, engine } = runAll({
      services: [client(10), { id: 'p', latency: { dist: 'fixed', ms: 1 } }, { id: 'd' }, { id: 'n' }],
      edges: [
        { id: 'c', kind: 'sync', from: 'client', to: 'p' },
        { id: 'td', kind: 'topic', from: 'p', to: 'd', topic: 'events', durable: true },
        { id: 'tn', kind: 'topic', from: 'p', to: 'n', topic: 'events', durable: false },
      ],
      faults: [
        { id: 'f1', kind: 'down', target: 'd', atMs: 1000, durationMs: 1000 },
        { id: 'f2', kind: 'down', target: 'n', atMs: 1000, durationMs: 1000 },
      ],
      run: { untilMs: 3_000 },
    });
    const t = metrics.channels.events!;
    expect(t.maxDepth).toBeGreaterThanOrEqual(9);
    expect(t.dropped).toBeGreaterThanOrEqual(9);
    expect(metrics.services.d!.received).toBeGreaterThan(metrics.services.n!.received);
    expect(engine.check().violations).toEqual([]);
  });
});

describe('sagas', () => {
  const saga = (style: 'orchestrated' | 'choreographed'): DiagramInput => ({
    services: [
      client(5),
      { id: 'o', kind: 'orchestrator', latency: { dist: 'fixed', ms: 1 } },
      { id: 'p1', latency: { dist: 'fixed', ms: 2 } },
      { id: 'p2', latency: { dist: 'fixed', ms: 2 } },
      { id: 'p3', latency: { dist: 'fixed', ms: 2 }, errorRate: 0.5 },
    ],
    edges: [
      { id: 'c', kind: 'sync', from: 'client', to: 'o' },
      { id: 's1', kind: 'saga', saga: 'order', step: 1, from: 'o', to: 'p1' },
      {
        id: 's2',
        kind: 'saga',
        saga: 'order',
        step: 2,
        from: style === 'orchestrated' ? 'o' : 'p1',
        to: 'p2',
      },
      {
        id: 's3',
        kind: 'saga',
        saga: 'order',
        step: 3,
        from: style === 'orchestrated' ? 'o' : 'p2',
        to: 'p3',
      },
    ],
    run: { untilMs: 10_000, seed: 3 },
  });

  for (const style of ['orchestrated', 'choreographed'] as const) {
    it(`${style}: a failed step k compensates k−1 … 1 in reverse order`, () => {
      const { engine, metrics, records } = runAll(saga(style));
      const m = metrics.sagas.order!;
      expect(m.compensated).toBeGreaterThan(5);
      expect(m.completed).toBeGreaterThan(5);
      expect(m.started).toBe(
        m.completed +
          m.compensated +
          m.stuck +
          engine.sagaInstances().filter((s) => s.status === 'running' || s.status === 'compensating').length,
      );
      // Step 3 fails, so each compensated instance undoes 2 then 1 (instances interleave in the trace,
      // so this reads each instance's own record).
      const compensated = engine.sagaInstances().filter((s) => s.status === 'compensated');
      expect(compensated.length).toBeGreaterThan(5);
      for (const inst of compensated) {
        expect(inst.compensatedSteps).toEqual([2, 1]);
        expect(inst.completedSteps).toEqual([1, 2]);
        expect(inst.failedStep).toBe(3);
      }
      const undone = records.filter((r) => r.type === 'compensation' && r.detail === 'done');
      expect(undone.length).toBe(2 * m.compensated);
    });
  }

  it('compensations are retried until they succeed; one that cannot finish leaves the saga stuck', () => {
    const d = saga('orchestrated');
    // A slow, flaky last step keeps instances past step 1 when p1 goes down for good.
    d.services![4] = { id: 'p3', latency: { dist: 'fixed', ms: 400 }, errorRate: 1 };
    d.faults = [{ id: 'p1-down', kind: 'down', target: 'p1', atMs: 5_000 }];
    const { metrics, engine } = runAll(d);
    expect(metrics.sagas.order!.stuck).toBeGreaterThan(0);
    expect(engine.check().violations).toEqual([]);
  });
});

describe('faults, limits and determinism', () => {
  it('a cycle is bounded by the hop limit', () => {
    const { records, engine } = runAll({
      services: [
        client(1),
        { id: 'a', latency: { dist: 'fixed', ms: 1 } },
        { id: 'b', latency: { dist: 'fixed', ms: 1 } },
      ],
      edges: [
        { id: 'c', kind: 'queue', from: 'client', to: 'a', channel: 'in' },
        { id: 'ab', kind: 'topic', from: 'a', to: 'b', topic: 'ping' },
        { id: 'ba', kind: 'topic', from: 'b', to: 'a', topic: 'pong' },
      ],
      run: { untilMs: 3_000, hopLimit: 6 },
    });
    expect(records.filter((r) => r.type === 'dropped' && r.detail === 'hop limit').length).toBeGreaterThan(0);
    expect(engine.check().conservation).toBe(true);
  });

  it('a diagram that floods itself stops with a clear overloaded message', () => {
    // Eight services each subscribed to the topic they publish: every event makes eight more.
    const ids = Array.from({ length: 8 }, (_, i) => `a${i}`);
    const { engine } = runAll({
      services: [
        client(1),
        ...ids.map((id) => ({ id, concurrency: 10_000, latency: { dist: 'fixed' as const, ms: 1 } })),
      ],
      edges: [
        { id: 'c', kind: 'topic', from: 'client', to: 'a0', topic: 'boom' },
        ...ids.map((id, i) => ({
          id: `x${i}`,
          kind: 'topic' as const,
          from: id,
          to: ids[(i + 1) % 8]!,
          topic: 'boom',
        })),
      ],
      run: { untilMs: 60_000, hopLimit: 1000 },
    });
    expect(engine.overloaded).toMatch(/Overloaded at \d+ ms: more than 200000 messages alive at once/);
    expect(engine.now).toBeLessThan(60_000);
    expect(engine.check().violations).toEqual([]);
  });

  it('same diagram and seed give the same hash; another seed a different one', () => {
    const d: DiagramInput = {
      services: [client(20, 'poisson'), { id: 'a', errorRate: 0.1 }],
      edges: [{ id: 'e', kind: 'sync', from: 'client', to: 'a' }],
      run: { untilMs: 5_000 },
    };
    expect(runAll(d).engine.traceHash()).toBe(runAll(d).engine.traceHash());
    expect(runAll(d, { seed: 2 }).engine.traceHash()).not.toBe(runAll(d).engine.traceHash());
  });

  it('a live fault, replayed from the recorded fault list, gives the same trace', () => {
    const input: DiagramInput = {
      services: [client(30, 'poisson'), { id: 'a' }, { id: 'b' }],
      edges: [
        { id: 'e1', kind: 'sync', from: 'client', to: 'a' },
        { id: 'e2', kind: 'queue', from: 'a', to: 'b', channel: 'q' },
      ],
      run: { untilMs: 6_000 },
    };
    const live = createEngine(Diagram.parse(input));
    live.advanceTo(2_000);
    live.inject(
      makeLiveFault({ id: 'live-1', kind: 'down', target: 'b', durationMs: 1_500, factor: 5, rate: 0.5 }),
    );
    live.advanceTo(6_000);
    const recorded = live.faults();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ atMs: 2_000, source: 'live' });
    const replay = createEngine(Diagram.parse({ ...input, faults: recorded }));
    replay.advanceTo(6_000);
    expect(replay.traceHash()).toBe(live.traceHash());
  });

  it('envelopes carry id, type, correlation and causation, with the path of the correlation', () => {
    const engine = createEngine(
      Diagram.parse({
        services: [
          client(5),
          { id: 'a', latency: { dist: 'fixed', ms: 50 } },
          { id: 'b', latency: { dist: 'fixed', ms: 50 } },
        ],
        edges: [
          { id: 'e1', kind: 'sync', from: 'client', to: 'a', message: 'GET /x' },
          { id: 'e2', kind: 'sync', from: 'a', to: 'b', message: 'Lookup' },
        ],
        run: { untilMs: 1_000 },
      } satisfies DiagramInput),
    );
    // First request at 200 ms: e1 takes 6 ms, a handles 50 ms, so Lookup is on e2 from 256 to 262 ms.
    engine.advanceTo(258);
    const msg = engine.inFlight().find((m) => m.edgeId === 'e2' && m.look === 'request')!;
    const env = engine.envelope(msg.id)!;
    expect(env).toMatchObject({
      id: msg.id,
      type: 'Lookup',
      version: 1,
      source: 'a',
      correlationId: msg.correlationId,
    });
    expect(env.causationId).toMatch(/^m\d+$/);
    expect(env.path.map((h) => h.edgeId)).toEqual(['e1', 'e2']);
    expect(msg.fromT).toBe(0);
    expect(msg.toT).toBe(1);
  });
});
