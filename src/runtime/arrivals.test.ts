import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { createEngine } from './index';
import { streamSeed } from './rng';

/** The times at which the client sent its requests, from the trace. */
function sendTimes(diagram: Diagram, clientId: string): number[] {
  const firstEdges = new Set(diagram.edges.filter((e) => e.from === clientId).map((e) => e.id));
  const times: number[] = [];
  const engine = createEngine(diagram, {
    onRecord: (r) => {
      if (r.type === 'sent' && r.service === clientId && firstEdges.has(r.edge ?? '')) times.push(r.t);
    },
  });
  engine.advanceTo(diagram.run.untilMs);
  return times;
}

describe('common random numbers: a client sends the same traffic whatever the design behind it', () => {
  it('Checkout with Payment called by sync or through a queue, and Payment down: the same arrivals', () => {
    const sync = Diagram.parse({
      ...structuredClone(checkoutExample),
      faults: [{ id: 'f', kind: 'down', target: 'payment', atMs: 20_000, durationMs: 10_000 }],
    });
    const queued = structuredClone(sync);
    const index = queued.edges.findIndex((e) => e.id === 'e-orders-payment');
    queued.edges[index] = Diagram.parse({
      services: [],
      edges: [{ id: 'e-orders-payment', kind: 'queue', from: 'orders', to: 'payment', channel: 'payments' }],
    }).edges[0]!;
    const a = sendTimes(sync, 'client');
    const b = sendTimes(Diagram.parse(queued), 'client');
    expect(a.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
  });

  it('B with an extra service in the chain and a second client: the first client sends the same traffic', () => {
    const a = Diagram.parse(structuredClone(checkoutExample));
    const b = structuredClone(a);
    // A fraud check between Orders and Payment: more draws per request (its latency, its errors)…
    b.services.push(
      ...Diagram.parse({
        services: [
          {
            id: 'fraud',
            name: 'Fraud Check',
            kind: 'service',
            position: { x: 575, y: 0 },
            latency: { dist: 'exponential', mean: 20 },
            errorRate: 0.1,
          },
          {
            id: 'mobile',
            name: 'Mobile App',
            kind: 'client',
            position: { x: 0, y: 0 },
            traffic: { pattern: 'poisson', rate: 5 },
          },
        ],
        edges: [],
      }).services,
    );
    b.edges = b.edges.map((e) => (e.id === 'e-orders-payment' ? { ...e, to: 'fraud' } : e));
    b.edges.push(
      ...Diagram.parse({
        services: [],
        edges: [
          { id: 'e-fraud-payment', kind: 'sync', from: 'fraud', to: 'payment', message: 'ChargeCard' },
          { id: 'e-mobile-gw', kind: 'sync', from: 'mobile', to: 'gateway', message: 'POST /orders' },
        ],
      }).edges,
    );
    const parsedB = Diagram.parse(b);
    // …and a second client drawing its own gaps: none of it moves the first client's arrivals.
    expect(sendTimes(parsedB, 'mobile').length).toBeGreaterThan(200);
    const times = sendTimes(a, 'client');
    expect(times.length).toBeGreaterThan(50);
    expect(sendTimes(parsedB, 'client')).toEqual(times);
  });

  it("gives each client its own stream: a client's arrivals don't depend on another client's", () => {
    expect(streamSeed(42, 'client')).not.toBe(streamSeed(42, 'client-2'));
    expect(streamSeed(42, 'client')).not.toBe(streamSeed(43, 'client'));
    expect(streamSeed(42, 'client')).toBe(streamSeed(42, 'client'));
  });
});
