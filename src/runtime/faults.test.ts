import { makeLiveFault } from '../model/defaults';
import { describe, expect, it } from 'vitest';
import { FAULT_KIND_INFO } from '../model/faultKinds';
import { Diagram, FAULT_KINDS, type DiagramInput } from '../model/schema';
import { durationReaching } from './engine';
import { createEngine } from './index';
import { client, runAll } from './testkit';

describe('a down service is a crashed process', () => {
  it('aborts what it is handling: its sync caller gets an error at once, its own call is abandoned', () => {
    const { records, engine, metrics } = runAll({
      services: [
        client(1),
        { id: 'a', latency: { dist: 'fixed', ms: 10 } },
        { id: 'b', latency: { dist: 'fixed', ms: 500 } },
      ],
      edges: [
        { id: 'ca', kind: 'sync', from: 'client', to: 'a', latencyMs: 5, retries: 0, timeoutMs: 3_000 },
        { id: 'ab', kind: 'sync', from: 'a', to: 'b', latencyMs: 5, retries: 0, timeoutMs: 3_000 },
      ],
      // The first request reaches a at 1006, a calls b at 1016 and waits; a crashes at 1100.
      faults: [{ id: 'f', kind: 'down', target: 'a', atMs: 1_100, durationMs: 200 }],
      run: { untilMs: 1_900, serializationMs: { rest: 0, grpc: 0 } },
    });
    const crashed = records.filter((r) => r.t === 1_100 && r.type === 'failed');
    expect(crashed).toEqual([expect.objectContaining({ service: 'a', detail: 'crashed' })]);
    expect(records).toContainEqual(
      expect.objectContaining({
        t: 1_100,
        type: 'call-done',
        service: 'a',
        edge: 'ab',
        detail: 'caller crashed',
      }),
    );
    // The client hears of it one network hop later, not at its timeout.
    expect(records).toContainEqual(
      expect.objectContaining({ t: 1_105, type: 'call-done', service: 'client', detail: 'error reply' }),
    );
    // b finishes work nobody waits for; its reply is discarded as late.
    expect(records).toContainEqual(expect.objectContaining({ type: 'late-reply', service: 'a', edge: 'ab' }));
    expect(metrics.services.a).toMatchObject({ received: 1, handled: 0, failed: 1 });
    expect(metrics.edges.ab).toMatchObject({ sent: 1, failed: 0 });
    expect(engine.check().violations).toEqual([]);
  });

  it('does not ack the queue message it was handling: the broker redelivers it', () => {
    const { records, metrics, engine } = runAll({
      services: [client(1), { id: 'w', latency: { dist: 'fixed', ms: 300 } }],
      edges: [{ id: 'q', kind: 'queue', from: 'client', to: 'w', channel: 'jobs', latencyMs: 0 }],
      faults: [{ id: 'f', kind: 'down', target: 'w', atMs: 1_100, durationMs: 100 }],
      run: { untilMs: 1_900 },
    });
    expect(records.filter((r) => r.type === 'nacked' && r.t === 1_100)).toHaveLength(1);
    const ch = metrics.channels.jobs!;
    expect(ch.redelivered).toBe(1);
    expect(metrics.services.w).toMatchObject({ failed: 1, handled: 1 });
    expect(engine.check().violations).toEqual([]);
  });

  it('a down client abandons its requests and they count as failed', () => {
    const { metrics, engine } = runAll({
      services: [client(10), { id: 'slow', latency: { dist: 'fixed', ms: 400 } }],
      edges: [{ id: 'e', kind: 'sync', from: 'client', to: 'slow', retries: 0, timeoutMs: 3_000 }],
      faults: [{ id: 'f', kind: 'down', target: 'client', atMs: 1_250 }],
      run: { untilMs: 3_000 },
    });
    // One request every 100 ms from 100 ms on, each taking ~412 ms: those sent at 900…1200 were in
    // progress when the client crashed at 1250.
    expect(metrics.requests).toMatchObject({ sent: 12, succeeded: 8, failed: 4, timedOut: 0 });
    expect(engine.check().violations).toEqual([]);
  });

  it('copies waiting in the inbox go back to their subscription and are not counted received twice', () => {
    const { metrics, engine } = runAll({
      services: [
        client(50),
        { id: 'p', latency: { dist: 'fixed', ms: 0 } },
        { id: 's', replicas: 1, concurrency: 1, latency: { dist: 'fixed', ms: 100 } },
      ],
      edges: [
        { id: 'c', kind: 'sync', from: 'client', to: 'p' },
        { id: 't', kind: 'topic', from: 'p', to: 's', topic: 'events', durable: true },
      ],
      faults: [{ id: 'f', kind: 'down', target: 's', atMs: 1_500, durationMs: 500 }],
      run: { untilMs: 2_500 },
    });
    const s = metrics.services.s!;
    const t = metrics.channels.events!;
    // The inbox held copies when s crashed; they were handed back and delivered again after.
    expect(t.redelivered).toBeGreaterThan(5);
    expect(t.depthAtEnd).toBe(0);
    // s took each copy once, however many times the broker handed it over.
    expect(s.received).toBe(t.delivered - t.redelivered);
    expect(s.received).toBeLessThanOrEqual(t.published);
    expect(engine.check().violations).toEqual([]);
  });
});

describe('an orchestrator keeps a saga log', () => {
  /** Sagas at 500 and 1000 ms whose step 1 takes 300 ms; the orchestrator goes down at 1100 ms. */
  const orchestratorDown = (durationMs: number, untilMs: number): DiagramInput => ({
    services: [
      client(2),
      { id: 'o', kind: 'orchestrator', latency: { dist: 'fixed', ms: 1 } },
      { id: 'p1', latency: { dist: 'fixed', ms: 300 } },
      { id: 'p2', latency: { dist: 'fixed', ms: 5 } },
    ],
    edges: [
      { id: 'c', kind: 'sync', from: 'client', to: 'o' },
      { id: 's1', kind: 'saga', saga: 'order', step: 1, from: 'o', to: 'p1' },
      { id: 's2', kind: 'saga', saga: 'order', step: 2, from: 'o', to: 'p2' },
    ],
    faults: [{ id: 'f', kind: 'down', target: 'o', atMs: 1_100, durationMs }],
    run: { untilMs },
  });

  it('its sagas wait while it is down and resume when it is back', () => {
    const { records, metrics, engine } = runAll(orchestratorDown(1_000, 4_000));
    const suspended = records.filter((r) => r.type === 'saga-step' && r.detail === 'suspended');
    const resumed = records.filter((r) => r.type === 'saga-step' && r.detail === 'resumed');
    expect(suspended.map((r) => r.t)).toEqual([1_100]);
    expect(resumed.map((r) => r.t)).toEqual([2_100]);
    // The step it was on is sent again, and the saga completes.
    expect(metrics.sagas.order).toMatchObject({ stuck: 0, compensated: 0, running: 0 });
    expect(metrics.sagas.order!.completed).toBe(metrics.sagas.order!.started);
    expect(engine.check().violations).toEqual([]);
  });

  it('a saga still suspended at the end counts as running', () => {
    const { metrics, engine } = runAll(orchestratorDown(0, 3_000));
    // Sagas start at 500 and 1000; the second is at step 1 when the orchestrator crashes for good.
    expect(metrics.sagas.order).toMatchObject({ started: 2, completed: 1, running: 1, stuck: 0 });
    expect(engine.sagaInstances().filter((s) => s.suspended)).toHaveLength(1);
    expect(engine.check().violations).toEqual([]);
  });
});

describe('partitions and durable subscriptions', () => {
  it('a durable subscription keeps copies across a cut edge; a non-durable one loses them', () => {
    const { metrics, engine } = runAll({
      services: [client(20), { id: 'p', latency: { dist: 'fixed', ms: 1 } }, { id: 'd' }, { id: 'n' }],
      edges: [
        { id: 'c', kind: 'sync', from: 'client', to: 'p' },
        { id: 'td', kind: 'topic', from: 'p', to: 'd', topic: 'events', durable: true },
        { id: 'tn', kind: 'topic', from: 'p', to: 'n', topic: 'events', durable: false },
      ],
      faults: [
        { id: 'f1', kind: 'cut', target: 'td', atMs: 1_000, durationMs: 1_000 },
        { id: 'f2', kind: 'cut', target: 'tn', atMs: 1_000, durationMs: 1_000 },
      ],
      run: { untilMs: 3_000 },
    });
    const t = metrics.channels.events!;
    expect(t.maxDepth).toBeGreaterThanOrEqual(19);
    expect(t.dropped).toBeGreaterThanOrEqual(19);
    expect(t.depthAtEnd).toBe(0);
    expect(metrics.services.d!.received).toBe(t.published);
    expect(metrics.services.n!.received).toBe(t.published - t.dropped);
    expect(engine.check().violations).toEqual([]);
  });
});

describe('live faults replay exactly', () => {
  const input: DiagramInput = {
    services: [
      { id: 'c1', kind: 'client', traffic: { pattern: 'steady', rate: 10 } },
      { id: 'c2', kind: 'client', traffic: { pattern: 'steady', rate: 10 } },
      { id: 'a', latency: { dist: 'fixed', ms: 1 } },
    ],
    edges: [
      { id: 'e1', kind: 'sync', from: 'c1', to: 'a', latencyMs: 0 },
      { id: 'e2', kind: 'sync', from: 'c2', to: 'a', latencyMs: 0 },
    ],
    run: { untilMs: 1_000 },
  };
  const replayOf = (live: ReturnType<typeof createEngine>) => {
    const replay = createEngine(Diagram.parse({ ...input, faults: live.faults() }));
    replay.advanceTo(1_000);
    return replay;
  };

  it('a fault injected after step(), with events of that moment still pending', () => {
    const live = createEngine(Diagram.parse(input));
    // Both clients tick at 100: stop after the first of them.
    while (live.step()! < 100);
    expect(live.nextEventTime()).toBe(100);
    live.inject(makeLiveFault({ id: 'x', kind: 'down', target: 'a', durationMs: 0, factor: 5, rate: 0.5 }));
    expect(live.services().find((s) => s.id === 'a')!.status).toBe('down');
    live.advanceTo(1_000);
    expect(replayOf(live).traceHash()).toBe(live.traceHash());
  });

  it('ending a fault at the moment it started, or after another fault of the same moment', () => {
    const live = createEngine(Diagram.parse(input));
    live.advanceTo(250);
    live.inject(makeLiveFault({ id: 'x', kind: 'down', target: 'a', durationMs: 0, factor: 5, rate: 0.5 }));
    live.inject(makeLiveFault({ id: 'y', kind: 'slow', target: 'a', durationMs: 0, factor: 3, rate: 0.5 }));
    expect(live.endFault('x')).toBe(true);
    expect(live.services().find((s) => s.id === 'a')!.status).toBe('up');
    live.advanceTo(400);
    live.inject(makeLiveFault({ id: 'z', kind: 'error', target: 'a', durationMs: 0, factor: 5, rate: 0.9 }));
    expect(live.endFault('y')).toBe(true);
    expect(live.endFault('y')).toBe(false);
    live.advanceTo(1_000);
    const faults = live.faults();
    expect(faults.map((f) => f.id)).toEqual(['x', 'y', 'z']);
    expect(faults[0]!.atMs + faults[0]!.durationMs).toBeGreaterThan(250);
    expect(replayOf(live).traceHash()).toBe(live.traceHash());
  });

  it('a recorded duration ends the replay exactly where the live end was, even when no float sum hits it', () => {
    // 203.87… + d skips over 459.87…: every d lands an ulp below or above it.
    const at = 203.8701733627221;
    const end = 459.8711733627221;
    const d = durationReaching(at, end);
    expect(at + d).toBeGreaterThanOrEqual(end);
    expect(at + d - end).toBeLessThan(1e-12);
    expect(100 + durationReaching(100, 350)).toBe(350);
  });
});

describe('every fault kind', () => {
  // A new fault kind must do something a run can see: this fails for a kind whose behaviour is a no-op.
  const chain: DiagramInput = {
    services: [
      client(20),
      { id: 'a', latency: { dist: 'fixed', ms: 10 } },
      { id: 'b', latency: { dist: 'fixed', ms: 10 } },
    ],
    edges: [
      { id: 'ca', kind: 'sync', from: 'client', to: 'a', latencyMs: 5, retries: 0, timeoutMs: 3_000 },
      { id: 'ab', kind: 'sync', from: 'a', to: 'b', latencyMs: 5, retries: 0, timeoutMs: 3_000 },
    ],
    run: { untilMs: 3_000 },
  };
  // The figures, not the trace: a fault's own start and end records would change the trace hash.
  const plain = JSON.stringify(runAll(chain).metrics);
  it.each(FAULT_KINDS)('%s changes what the run does, and is recorded so the run replays', (kind) => {
    const target = FAULT_KIND_INFO[kind].target === 'edge' ? 'ab' : 'b';
    const scripted = { ...chain, faults: [{ id: 'f', kind, target, atMs: 1_000, durationMs: 1_000 }] };
    const { engine, metrics } = runAll(scripted);
    expect(JSON.stringify(metrics)).not.toBe(plain);
    expect(engine.faults().map((f) => f.kind)).toEqual([kind]);
  });
});
