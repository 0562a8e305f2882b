import { describe, expect, it } from 'vitest';
import { Diagram, type DiagramInput } from '../model/schema';
import { Edge, Exchange, Service } from './entities';
import { Call, Look, CallOwner } from './messages';
import { createEngine } from './index';
import { client, runAll } from './testkit';
import { TimeoutLane } from './timeouts';

describe('topics', () => {
  it('a subscriber gets one copy per event however many edges reach it, on the publisher’s own edge', () => {
    const { metrics, engine } = runAll({
      services: [client(10), { id: 'p1' }, { id: 'p2' }, { id: 's' }],
      edges: [
        { id: 'c', kind: 'sync', from: 'client', to: 'p1' },
        { id: 't1', kind: 'topic', from: 'p1', to: 's', topic: 'ev' },
        { id: 't2', kind: 'topic', from: 'p2', to: 's', topic: 'ev' },
      ],
      run: { untilMs: 1_050 },
    });
    expect(metrics.channels.ev!.published).toBe(10);
    expect(metrics.services.s!.received).toBe(10);
    expect(metrics.edges.t1!.sent).toBe(10);
    expect(metrics.edges.t2!.sent).toBe(0);
    expect(engine.check().violations).toEqual([]);
  });

  it('hop-limit losses count as dropped by the channel', () => {
    const { metrics, engine } = runAll({
      services: [client(10), { id: 'a', latency: { dist: 'fixed', ms: 1 } }, { id: 'b' }],
      edges: [
        { id: 'c', kind: 'queue', from: 'client', to: 'a', channel: 'in' },
        { id: 'ab', kind: 'queue', from: 'a', to: 'b', channel: 'ping' },
        { id: 'ba', kind: 'topic', from: 'b', to: 'a', topic: 'pong' },
      ],
      run: { untilMs: 1_050, hopLimit: 3 },
    });
    // client→a (hop 1), a→b (2), b→a (3), a→b is hop 4: stopped.
    expect(metrics.channels.ping).toMatchObject({ published: 20, dropped: 10 });
    expect(engine.check().violations).toEqual([]);
  });
});

const asyncInput = (over: { durable?: boolean; ackLossRate?: number } = {}): DiagramInput => ({
  services: [
    client(20),
    { id: 'p', latency: { dist: 'fixed', ms: 1 } },
    { id: 'w', concurrency: 50, latency: { dist: 'fixed', ms: 300 } },
  ],
  edges: [
    { id: 'c', kind: 'sync', from: 'client', to: 'p' },
    { id: 'q', kind: 'queue', from: 'p', to: 'w', channel: 'ask', replyChannel: 'answers', ...over },
  ],
  faults: [{ id: 'f', kind: 'down', target: 'p', atMs: 1_000, durationMs: 500 }],
  run: { untilMs: 3_000 },
});

describe('async request-reply', () => {
  it('replies wait on a durable reply channel while the producer is down, then are matched', () => {
    const { metrics, engine } = runAll(asyncInput());
    const replies = metrics.channels.answers!;
    expect(replies.maxDepth).toBeGreaterThanOrEqual(5);
    expect(replies.waitMs.p99).toBeGreaterThan(150);
    expect(replies.dropped).toBe(0);
    expect(metrics.replies!.answers).toEqual({
      matched: replies.delivered,
      duplicate: 0,
      unmatched: 0,
      unanswered: 0,
    });
    expect(engine.check().violations).toEqual([]);
  });

  it('a non-durable reply channel loses them, and those requests are never answered', () => {
    const { metrics, engine } = runAll(asyncInput({ durable: false }));
    const replies = metrics.channels.answers!;
    expect(replies.dropped).toBeGreaterThanOrEqual(5);
    expect(metrics.replies!.answers!.unanswered).toBe(replies.dropped);
    expect(engine.check().violations).toEqual([]);
  });

  it('a second reply to the same request (a lost ack) is discarded as a duplicate', () => {
    const { metrics, engine } = runAll(asyncInput({ ackLossRate: 0.5 }));
    const r = metrics.replies!.answers!;
    expect(r.duplicate).toBeGreaterThan(5);
    expect(r.matched + r.duplicate).toBe(metrics.channels.answers!.delivered - failedReplies(metrics));
    expect(metrics.duplicates).toBeGreaterThan(0);
    expect(engine.check().violations).toEqual([]);
  });

  it('a reply channel shared with another consumer: replies it takes are unmatched', () => {
    const { metrics, engine } = runAll({
      services: [client(20), { id: 'p', latency: { dist: 'fixed', ms: 1 } }, { id: 'w' }, { id: 'other' }],
      edges: [
        { id: 'c', kind: 'sync', from: 'client', to: 'p' },
        { id: 'q', kind: 'queue', from: 'p', to: 'w', channel: 'ask', replyChannel: 'answers' },
        { id: 'r1', kind: 'queue', from: 'w', to: 'p', channel: 'answers' },
        { id: 'r2', kind: 'queue', from: 'w', to: 'other', channel: 'answers' },
      ],
      run: { untilMs: 3_000 },
    });
    const r = metrics.replies!.answers!;
    expect(r.unmatched).toBeGreaterThan(5);
    expect(r.matched).toBeGreaterThan(5);
    // The reply is w's publication on that channel, not an extra message.
    expect(metrics.channels.answers!.published).toBe(metrics.channels.ask!.published);
    // Every request whose only reply went astray can never be answered.
    expect(r.unanswered).toBe(r.unmatched);
    expect(engine.check().violations).toEqual([]);
  });
});

/** Replies whose handling failed (nacked, redelivered): none in these diagrams. */
function failedReplies(m: { services: Record<string, { failed: number }> }): number {
  return m.services.p!.failed;
}

describe('sagas', () => {
  it('choreography: each participant emits the next step the moment it has handled its own', () => {
    const { records } = runAll({
      services: [
        client(1),
        { id: 'p1', latency: { dist: 'fixed', ms: 5 } },
        { id: 'p2', latency: { dist: 'fixed', ms: 5 } },
        { id: 'p3', latency: { dist: 'fixed', ms: 5 } },
      ],
      edges: [
        { id: 's1', kind: 'saga', saga: 'o', step: 1, from: 'client', to: 'p1', latencyMs: 10 },
        { id: 's2', kind: 'saga', saga: 'o', step: 2, from: 'p1', to: 'p2', latencyMs: 10 },
        { id: 's3', kind: 'saga', saga: 'o', step: 3, from: 'p2', to: 'p3', latencyMs: 10 },
      ],
      run: { untilMs: 1_100, serializationMs: { rest: 0, grpc: 0 } },
    });
    const sent = records.filter((r) => r.type === 'sent').map((r) => [r.t, r.edge]);
    expect(sent).toEqual([
      [1_000, 's1'],
      [1_015, 's2'],
      [1_030, 's3'],
    ]);
    expect(records.find((r) => r.type === 'saga-ended')).toMatchObject({ t: 1_045, detail: 'completed' });
  });

  for (const style of ['orchestrated', 'choreographed'] as const) {
    it(`${style}: a step that timed out may have happened, so it is compensated too`, () => {
      const { engine, metrics } = runAll({
        services: [
          client(1),
          { id: 'o', kind: 'orchestrator', latency: { dist: 'fixed', ms: 1 } },
          { id: 'p1', latency: { dist: 'fixed', ms: 2 } },
          { id: 'p2', latency: { dist: 'fixed', ms: 600 } },
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
        ],
        // p2 takes 6 s (longer than the 5 s step timeout) until 2.5 s into the run.
        faults: [{ id: 'slow', kind: 'slow', target: 'p2', atMs: 0, durationMs: 2_500, factor: 10 }],
        run: { untilMs: 20_000 },
      });
      const done = engine.sagaInstances().filter((s) => s.status === 'compensated');
      expect(done).toHaveLength(2);
      for (const inst of done) {
        expect(inst).toMatchObject({ failedStep: 2, uncertainStep: 2, completedSteps: [1] });
        expect(inst.compensatedSteps).toEqual([2, 1]);
      }
      expect(metrics.sagas.order).toMatchObject({ started: 19, compensated: 2, completed: 17, stuck: 0 });
      expect(engine.check().violations).toEqual([]);
    });
  }
});

describe('circuit breaker and limits', () => {
  it('a call stopped by the hop limit never holds the half-open trial', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const engine = createEngine(
        Diagram.parse({
          services: [
            { id: 'c1', kind: 'client', traffic: { pattern: 'poisson', rate: 20 } },
            { id: 'a', concurrency: 50, latency: { dist: 'exponential', mean: 20 } },
            { id: 'b', concurrency: 50, latency: { dist: 'fixed', ms: 1 }, errorRate: 0.5 },
          ],
          edges: [
            { id: 'e1', kind: 'sync', from: 'c1', to: 'a', retries: 0 },
            {
              id: 'ab',
              kind: 'sync',
              from: 'a',
              to: 'b',
              retries: 0,
              breaker: { enabled: true, threshold: 1, openMs: 50 },
            },
            { id: 'loop', kind: 'topic', from: 'b', to: 'a', topic: 'loop' },
          ],
          run: { untilMs: 10_000, hopLimit: 3 },
        }),
        { seed },
      );
      for (let t = 1_000; t <= 10_000; t += 1_000) {
        engine.advanceTo(t);
        expect(engine.check().violations).toEqual([]);
      }
      // The breaker keeps cycling: calls still succeed near the end.
      const late = engine
        .recentTrace(2_000)
        .filter((r) => r.type === 'call-done' && r.edge === 'ab' && r.detail === 'ok');
      expect(late.length).toBeGreaterThan(0);
      const ab = engine.metrics().edges.ab!;
      expect(ab.failed).toBeLessThanOrEqual(ab.sent);
      expect(ab.shortCircuited).toBeGreaterThan(0);
    }
  });

  it('calls piling up without messages (a long timeout behind a cut edge) stop the run as overloaded', () => {
    const { engine } = runAll({
      services: [client(2_000), { id: 'a', concurrency: 100, latency: { dist: 'fixed', ms: 1 } }],
      edges: [{ id: 'e', kind: 'sync', from: 'client', to: 'a', timeoutMs: 3_600_000, retries: 0 }],
      faults: [{ id: 'f', kind: 'cut', target: 'e', atMs: 0 }],
      run: { untilMs: 200_000 },
    });
    expect(engine.overloaded).toMatch(
      /more than 200000 calls, saga instances and async requests open at once/,
    );
    expect(engine.now).toBeLessThan(120_000);
    expect(engine.check().violations).toEqual([]);
  });

  it('a timeout lane stays small behind one call that stays pending', () => {
    const lane = new TimeoutLane();
    const service = new Service({
      index: 0,
      id: 's',
      name: 's',
      isClient: false,
      replicas: 1,
      concurrency: 1,
      latency: { kind: 0, a: 1, b: 0 },
      errorRate: 0,
      idempotent: false,
    });
    const edge = new Edge(0, 'e', 'sync', service, service, '', 0);
    const policy = { lane, timeoutMs: 1, maxAttempts: 1, baseMs: 0, factor: 1, maxMs: 0, jitter: 0 };
    edge.exchange = new Exchange(policy, 0);
    const call = (token: number) => {
      const c = new Call({
        edge,
        caller: service,
        callee: service,
        reversed: false,
        type: 'x',
        look: Look.Request,
        policy,
        owner: CallOwner.Client,
        ownerObject: null,
        correlation: 0,
        cause: -1,
        hop: 1,
      });
      c.pending = true;
      c.token = token;
      return c;
    };
    lane.push(call(1)); // never settles
    for (let i = 2; i < 100_000; i++) {
      const c = call(i);
      lane.push(c);
      c.pending = false;
      lane.settle(c);
    }
    expect(lane.live).toBe(1);
    expect(lane.length).toBeLessThan(200);
    expect(lane.head()!.token).toBe(1);
  });
});

describe('the in-flight view', () => {
  it('says what each message is, which way it goes and its standing', () => {
    const engine = createEngine(
      Diagram.parse({
        services: [
          client(5),
          { id: 'a', errorRate: 1, latency: { dist: 'fixed', ms: 1 } },
          { id: 'w', errorRate: 1 },
        ],
        edges: [
          { id: 'e', kind: 'sync', from: 'client', to: 'a', latencyMs: 50, retries: 1 },
          { id: 'q', kind: 'queue', from: 'client', to: 'w', latencyMs: 50, maxDeliveries: 2 },
        ],
        run: { untilMs: 2_000 },
      }),
    );
    const seen = new Set<string>();
    for (let t = 0; t < 2_000; t += 5) {
      engine.advanceTo(t);
      for (const m of engine.inFlight()) {
        expect(m.direction).toBe(m.toT >= m.fromT ? 'forward' : 'backward');
        seen.add(`${m.kind}/${m.direction}/${m.status}/${m.look}`);
      }
    }
    expect([...seen].sort()).toEqual([
      'queue/backward/dead-letter/dead-letter',
      'queue/forward/normal/queue',
      'queue/forward/retry/retry',
      'reply/backward/error/reply-error',
      'request/forward/normal/request',
      'request/forward/retry/retry',
    ]);
  });
});
