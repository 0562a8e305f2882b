import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import { emptyDiagram, makeEdge, makeService } from './defaults';
import { checkReferences, errorLines, formatErrors, formatPath, parseDiagram } from './parse';
import type { Diagram } from './schema';
import { CURRENT_VERSION } from './schema';

/** The errors parseDiagram gives for `input` (fails the test if it parses). */
function errorsOf(input: unknown) {
  const r = parseDiagram(input);
  if (r.ok) throw new Error('expected errors, got a diagram');
  return r.errors;
}

const two = { services: [{ id: 'a' }, { id: 'b' }] };

describe('parseDiagram: valid input', () => {
  it('a minimal hand-written file gets every default', () => {
    const r = parseDiagram({});
    expect(r).toMatchObject({ ok: true, migratedFrom: CURRENT_VERSION, migrations: [] });
    expect(r.ok && r.diagram).toEqual({
      version: CURRENT_VERSION,
      name: 'Untitled diagram',
      description: '',
      services: [],
      edges: [],
      notes: [],
      faults: [],
      breakpoints: [],
      run: { seed: 1, speed: 0.25, untilMs: 60_000, hopLimit: 16, serializationMs: { rest: 1, grpc: 0.2 } },
      scenes: [],
    });
  });

  it('a service and an edge written with only their ids and kind', () => {
    const r = parseDiagram({ ...two, edges: [{ id: 'e', kind: 'sync', from: 'a', to: 'b' }] });
    expect(r.ok && r.diagram.services[0]).toEqual({
      id: 'a',
      name: 'Service',
      kind: 'service',
      position: { x: 0, y: 0 },
      replicas: 1,
      concurrency: 4,
      latency: { dist: 'normal', mean: 20, sd: 5 },
      errorRate: 0,
      idempotent: false,
      traffic: { pattern: 'poisson', rate: 2, burstSize: 10, burstEveryMs: 5_000 },
    });
    expect(r.ok && r.diagram.edges[0]).toMatchObject({
      kind: 'sync',
      protocol: 'rest',
      timeoutMs: 1_000,
      retries: 2,
      backoff: { baseMs: 100, factor: 2, maxMs: 2_000, jitter: 0.2 },
      breaker: { enabled: false, threshold: 5, openMs: 5_000 },
      message: '',
      latencyMs: 5,
      triggers: [],
    });
  });

  it.each([
    [
      'queue',
      {
        channel: 'jobs',
        durable: true,
        delivery: 'at-least-once',
        maxDeliveries: 5,
        deadLetter: true,
        ackLossRate: 0,
        replyChannel: '',
      },
    ],
    ['topic', { topic: 'events', durable: true }],
    ['saga', { saga: 'saga', step: 1, action: '', compensation: '' }],
  ])('%s edge defaults', (kind, expected) => {
    const r = parseDiagram({ ...two, edges: [{ id: 'e', kind, from: 'a', to: 'b' }] });
    expect(r.ok && r.diagram.edges[0]).toMatchObject(expected);
  });

  it('a latency distribution fills its own parameters', () => {
    const r = parseDiagram({ services: [{ id: 'a', latency: { dist: 'lognormal' } }] });
    expect(r.ok && r.diagram.services[0]!.latency).toEqual({ dist: 'lognormal', median: 20, sigma: 0.5 });
  });

  it('round-trips: parse(JSON of a parsed diagram) is the same diagram', () => {
    for (const d of [checkoutExample, emptyDiagram('x')]) {
      const again = parseDiagram(JSON.parse(JSON.stringify(d)));
      expect(again.ok && again.diagram).toEqual(d);
    }
  });

  it('drops unknown keys such as "$schema"', () => {
    const r = parseDiagram({ $schema: 'https://example.org/s.json', services: [{ id: 'a', colour: 'red' }] });
    expect(r.ok && r.diagram).not.toHaveProperty('$schema');
    expect(r.ok && r.diagram.services[0]).not.toHaveProperty('colour');
  });

  it('the factories of defaults.ts make valid diagrams', () => {
    const d: Diagram = {
      ...emptyDiagram(),
      services: [
        makeService('client', 'c', 'Client', { x: 0, y: 0 }),
        makeService('database', 'db', 'DB', { x: 1, y: 1 }),
      ],
      edges: [makeEdge('queue', 'q', 'c', 'db')],
    };
    expect(parseDiagram(d)).toMatchObject({ ok: true, diagram: d });
  });
});

describe('parseDiagram: errors with their paths', () => {
  it('an edge to a missing service: edges[3].to', () => {
    const edges = ['b', 'b', 'a', 'pay'].map((to, i) => ({ id: `e${i}`, kind: 'sync', from: 'a', to }));
    expect(errorsOf({ ...two, edges })).toEqual([
      { path: 'edges[3].to', message: 'no service with id "pay"' },
    ]);
    expect(errorsOf({ ...two, edges: [{ id: 'e', kind: 'topic', from: 'x', to: 'a' }] })).toEqual([
      { path: 'edges[0].from', message: 'no service with id "x"' },
    ]);
  });

  it('duplicate ids, across services, edges and notes', () => {
    expect(
      errorsOf({
        services: [{ id: 'a' }, { id: 'a' }],
        edges: [{ id: 'a', kind: 'sync', from: 'a', to: 'a' }],
        notes: [{ id: 'a' }],
      }),
    ).toEqual([
      { path: 'services[1]', message: 'id "a" is already used by services[0]' },
      { path: 'edges[0]', message: 'id "a" is already used by services[0]' },
      { path: 'notes[0]', message: 'id "a" is already used by services[0]' },
    ]);
  });

  it('negative latencies', () => {
    expect(errorsOf({ services: [{ id: 'a', latency: { dist: 'fixed', ms: -3 } }] })).toEqual([
      { path: 'services[0].latency.ms', message: 'must not be negative' },
    ]);
    expect(
      errorsOf({ ...two, edges: [{ id: 'e', kind: 'sync', from: 'a', to: 'b', latencyMs: -1 }] }),
    ).toEqual([{ path: 'edges[0].latencyMs', message: 'must not be negative' }]);
  });

  it('inconsistent ranges', () => {
    expect(errorsOf({ services: [{ id: 'a', latency: { dist: 'uniform', min: 50, max: 10 } }] })).toEqual([
      { path: 'services[0].latency.min', message: 'must not exceed max (10 ms)' },
    ]);
    const edge = { id: 'e', kind: 'sync', from: 'a', to: 'b', backoff: { baseMs: 500, maxMs: 100 } };
    expect(errorsOf({ ...two, edges: [edge] })).toEqual([
      { path: 'edges[0].backoff.baseMs', message: 'must not exceed maxMs (100 ms)' },
    ]);
  });

  it('a saga step number used twice for one participant (twice for two is a parallel stage)', () => {
    const saga = (id: string, step: number, name = 'book') => ({
      id,
      kind: 'saga',
      from: 'a',
      to: 'b',
      saga: name,
      step,
    });
    expect(errorsOf({ ...two, edges: [saga('s1', 1), saga('s2', 2), saga('s3', 2)] })).toEqual([
      { path: 'edges[2].step', message: 'saga "book" already has a step 2 to "b" (edges[1])' },
    ]);
    // Two participants with one step number react to the same event in parallel.
    const three = { services: [...two.services, { id: 'c' }] };
    const parallel = [saga('s1', 1), { ...saga('s2', 1), to: 'c' }];
    expect(parseDiagram({ ...three, edges: parallel }).ok).toBe(true);
    // The same step number in two different sagas is fine.
    expect(parseDiagram({ ...two, edges: [saga('s1', 1, 'x'), saga('s2', 1, 'y')] }).ok).toBe(true);
  });

  it('a fault whose target is missing or of the wrong kind', () => {
    const edges = [{ id: 'e', kind: 'sync', from: 'a', to: 'b' }];
    expect(errorsOf({ ...two, edges, faults: [{ id: 'f', kind: 'down', target: 'nope' }] })).toEqual([
      { path: 'faults[0].target', message: 'no service with id "nope" (a "down" fault targets a service)' },
    ]);
    expect(errorsOf({ ...two, edges, faults: [{ id: 'f', kind: 'cut', target: 'a' }] })).toEqual([
      { path: 'faults[0].target', message: 'no edge with id "a" (a "cut" fault targets an edge)' },
    ]);
    expect(parseDiagram({ ...two, edges, faults: [{ id: 'f', kind: 'cut', target: 'e' }] }).ok).toBe(true);
  });

  it('a diagram from a newer version', () => {
    expect(errorsOf({ version: CURRENT_VERSION + 1 })).toEqual([
      {
        path: 'version',
        message: expect.stringContaining(`made by a newer Microsim (format version ${CURRENT_VERSION + 1})`),
      },
    ]);
  });

  it.each([
    [null, 'null'],
    [[], 'a list'],
    ['{}', 'text'],
    [42, 'a number'],
    [undefined, 'nothing'],
  ])('non-object input %j', (input, got) => {
    expect(errorsOf(input)).toEqual([{ path: '(diagram)', message: `must be an object, got ${got}` }]);
  });

  it('wrong types, each at its path', () => {
    const errors = errorsOf({
      name: 7,
      services: [{ id: 'a', replicas: 'two', idempotent: 'yes', position: { x: 'left', y: 0 } }],
      edges: {},
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'must be text, got a number' },
        { path: 'services[0].replicas', message: 'must be a number, got text' },
        { path: 'services[0].idempotent', message: 'must be true or false, got text' },
        { path: 'services[0].position.x', message: 'must be a number, got text' },
        { path: 'edges', message: 'must be a list, got an object' },
      ]),
    );
  });

  it('missing required fields, unknown enums and kinds', () => {
    const errors = errorsOf({
      services: [{ kind: 'mainframe' }, { id: 'b', latency: { dist: 'pareto' } }],
      edges: [
        { id: 'e', from: 'b', to: 'b' },
        { id: 'f', kind: 'pigeon', from: 'b', to: 'b' },
      ],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'services[0].id', message: 'is required (text)' },
        { path: 'services[0].kind', message: expect.stringMatching(/^must be one of "client", "gateway"/) },
        {
          path: 'services[1].latency.dist',
          message: '"pareto" is not one of fixed, uniform, normal, exponential, lognormal',
        },
        { path: 'edges[0].kind', message: 'is required (one of sync, queue, topic, saga)' },
        { path: 'edges[1].kind', message: '"pigeon" is not one of sync, queue, topic, saga' },
      ]),
    );
  });

  it('out-of-range numbers say their bounds', () => {
    expect(errorsOf({ services: [{ id: 'a', replicas: 0, errorRate: 2, concurrency: 1.5 }] })).toEqual([
      { path: 'services[0].replicas', message: 'must be at least 1' },
      { path: 'services[0].concurrency', message: 'must be a whole number' },
      { path: 'services[0].errorRate', message: 'must be between 0 and 1' },
    ]);
  });

  it('absurd sizes, rates, durations and coordinates are refused with their bounds', () => {
    expect(
      errorsOf({
        services: [
          { id: 'a', position: { x: 1e8, y: -2e7 } },
          { id: 'b', replicas: 5_000, concurrency: 20_000 },
          {
            id: 'c',
            kind: 'client',
            traffic: { rate: 200_000, burstSize: 1e6, burstEveryMs: 4e6 },
            latency: { dist: 'lognormal', median: 5e6, sigma: 9 },
          },
        ],
      }),
    ).toEqual([
      { path: 'services[0].position.x', message: 'must be between -10000000 and 10000000' },
      { path: 'services[0].position.y', message: 'must be between -10000000 and 10000000' },
      { path: 'services[1].replicas', message: 'must be at most 1000' },
      { path: 'services[1].concurrency', message: 'must be at most 10000' },
      { path: 'services[2].latency.median', message: 'must be at most 3600000 ms' },
      { path: 'services[2].latency.sigma', message: 'must be at most 4' },
      { path: 'services[2].traffic.rate', message: 'must be at most 10000 per second' },
      { path: 'services[2].traffic.burstSize', message: 'must be at most 10000' },
      { path: 'services[2].traffic.burstEveryMs', message: 'must be at most 3600000 ms' },
    ]);
    const edge = { id: 'e', kind: 'sync', from: 'a', to: 'b', timeoutMs: 86_400_001, latencyMs: 4e6 };
    expect(
      errorsOf({
        ...two,
        edges: [{ ...edge, breaker: { enabled: true, openMs: 1e9 } }],
        notes: [{ id: 'n', position: { x: 0, y: 1e300 }, width: 1e6 }],
        faults: [{ id: 'f', kind: 'down', target: 'a', atMs: 1e12, durationMs: 90_000_000 }],
        run: { untilMs: 86_400_001 },
        viewport: { x: -1e9, y: 0, zoom: 50 },
      }),
    ).toEqual([
      { path: 'edges[0].latencyMs', message: 'must be at most 3600000 ms' },
      { path: 'edges[0].timeoutMs', message: 'must be at most 3600000 ms' },
      { path: 'edges[0].breaker.openMs', message: 'must be at most 3600000 ms' },
      { path: 'notes[0].position.y', message: 'must be between -10000000 and 10000000' },
      { path: 'notes[0].width', message: 'must be at most 2000' },
      { path: 'faults[0].atMs', message: 'must be at most 86400000 ms' },
      { path: 'faults[0].durationMs', message: 'must be at most 86400000 ms' },
      { path: 'run.untilMs', message: 'must be at most 86400000 ms' },
      { path: 'viewport.x', message: 'must be between -10000000 and 10000000' },
      { path: 'viewport.zoom', message: 'must be at most 10' },
    ]);
    // The bounds themselves are accepted.
    const edge2 = { id: 'e', kind: 'sync', from: 'a', to: 'b', timeoutMs: 3_600_000 };
    expect(
      parseDiagram({
        services: [
          { id: 'a', position: { x: 1e7, y: -1e7 }, traffic: { burstEveryMs: 0 } },
          { id: 'b', replicas: 1000, concurrency: 10_000 },
        ],
        edges: [edge2],
        run: { untilMs: 86_400_000 },
        viewport: { x: 1e7, y: -1e7, zoom: 0.01 },
      }).ok,
    ).toBe(true);
  });

  it('a queue and a topic may not share a name; a reply channel is another queue', () => {
    const edges = [
      { id: 'q', kind: 'queue', from: 'a', to: 'b', channel: 'orders' },
      { id: 't', kind: 'topic', from: 'a', to: 'b', topic: 'orders' },
      { id: 't2', kind: 'topic', from: 'a', to: 'b', topic: 'events' },
      { id: 'q2', kind: 'queue', from: 'a', to: 'b', channel: 'events' },
      { id: 'r1', kind: 'queue', from: 'a', to: 'b', channel: 'ask', replyChannel: 'ask' },
      { id: 'r2', kind: 'queue', from: 'a', to: 'b', channel: 'ask2', replyChannel: 'events' },
    ];
    expect(errorsOf({ ...two, edges })).toEqual([
      {
        path: 'edges[1].topic',
        message: '"orders" is already a queue channel (edges[0]); give the topic another name',
      },
      {
        path: 'edges[3].channel',
        message: '"events" is already a topic (edges[2]); give the queue another name',
      },
      { path: 'edges[4].replyChannel', message: 'must differ from the request channel "ask"' },
      {
        path: 'edges[5].replyChannel',
        message: '"events" is a topic (edges[2]); a reply channel is a queue',
      },
    ]);
  });

  it('caps the number of errors it reports', () => {
    const services = Array.from({ length: 200 }, () => ({ id: '' }));
    expect(errorsOf({ services })).toHaveLength(50);
  });
});

describe('helpers', () => {
  it('formatPath reads like a person writes it', () => {
    expect(formatPath(['edges', 3, 'to'])).toBe('edges[3].to');
    expect(formatPath([])).toBe('(diagram)');
  });

  it('formatErrors gives one line per error', () => {
    expect(
      formatErrors([
        { path: 'a', message: 'b' },
        { path: 'c', message: 'd' },
      ]),
    ).toBe('a: b\nc: d');
  });

  it('errorLines gives each error as path and message, none for no errors', () => {
    expect(errorLines([{ path: 'edges[3].to', message: 'no service with id "pay"' }])).toEqual([
      'edges[3].to: no service with id "pay"',
    ]);
    expect(errorLines([])).toEqual([]);
  });

  it('checkReferences of a valid diagram is empty', () => {
    expect(checkReferences(checkoutExample)).toEqual([]);
  });
});
