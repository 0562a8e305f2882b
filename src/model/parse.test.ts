import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import { emptyDiagram, makeEdge, makeService } from './defaults';
import { checkReferences, formatErrors, formatPath, parseDiagram } from './parse';
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
      version: 1,
      name: 'Untitled diagram',
      description: '',
      services: [],
      edges: [],
      notes: [],
      faults: [],
      run: { seed: 1, speed: 0.25, untilMs: 60_000, hopLimit: 16, serializationMs: { rest: 1, grpc: 0.2 } },
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

  it('a saga step number used twice', () => {
    const saga = (id: string, step: number, name = 'book') => ({
      id,
      kind: 'saga',
      from: 'a',
      to: 'b',
      saga: name,
      step,
    });
    expect(errorsOf({ ...two, edges: [saga('s1', 1), saga('s2', 2), saga('s3', 2)] })).toEqual([
      { path: 'edges[2].step', message: 'saga "book" already has a step 2 (edges[1])' },
    ]);
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

  it('checkReferences of a valid diagram is empty', () => {
    expect(checkReferences(checkoutExample)).toEqual([]);
  });
});
