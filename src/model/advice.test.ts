import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { checkoutExample } from '../scenarios/checkout';
import { connect } from './edits';
import { advise, expectedLoad, sagaStepNote } from './advice';
import { Diagram } from './schema';

describe('advisor', () => {
  it('warns about a cycle and names its services', () => {
    const d = connect(checkoutExample, 'queue', 'email', 'orders')!.diagram;
    const cycle = advise(d).find((a) => a.id === 'cycle');
    expect(cycle?.targets.sort()).toEqual(['email', 'orders']);
  });

  it('warns about a cycle where no time passes, and not about one that takes time', () => {
    const instant = { dist: 'fixed' as const, ms: 0 };
    const d = Diagram.parse({
      services: [
        { id: 'c', kind: 'client' },
        { id: 'a', name: 'Orders', latency: instant },
        { id: 'b', name: 'Billing', latency: instant },
      ],
      edges: [
        { id: 'e0', kind: 'sync', from: 'c', to: 'a' },
        { id: 'e1', kind: 'topic', from: 'a', to: 'b', topic: 't', latencyMs: 0 },
        { id: 'e2', kind: 'queue', from: 'b', to: 'a', channel: 'q', latencyMs: 0 },
      ],
    });
    const remark = advise(d).find((a) => a.id === 'instant-cycle');
    expect(remark?.severity).toBe('warning');
    expect(remark?.targets.sort()).toEqual(['a', 'b']);
    expect(remark?.message).toMatch(/^(Orders, Billing|Billing, Orders) form a cycle where no time passes/);
    expect(remark?.message).toContain('Give an edge or a service on it some latency');
    // One edge with latency, or a service that takes time, lets the clock move around the cycle.
    const slowEdge = { ...d, edges: d.edges.map((e) => (e.id === 'e2' ? { ...e, latencyMs: 1 } : e)) };
    expect(advise(slowEdge).some((a) => a.id === 'instant-cycle')).toBe(false);
    const slowService = {
      ...d,
      services: d.services.map((s) =>
        s.id === 'b' ? { ...s, latency: { dist: 'fixed' as const, ms: 2 } } : s,
      ),
    };
    expect(advise(slowService).some((a) => a.id === 'instant-cycle')).toBe(false);
    // A REST call takes its serialization time, so a 0 ms sync cycle still moves the clock.
    const sync = { ...d, edges: d.edges.map((e) => (e.id === 'e2' ? { ...e, kind: 'sync' as const } : e)) };
    expect(advise(Diagram.parse(sync)).some((a) => a.id === 'instant-cycle')).toBe(false);
    expect(advise(checkoutExample).some((a) => a.id === 'instant-cycle')).toBe(false);
  });

  it('warns that retries into a non-idempotent service may duplicate side effects', () => {
    expect(advise(checkoutExample).some((a) => a.id === 'retry-e-orders-payment')).toBe(true);
  });

  it('flags a service that cannot keep up with its expected load', () => {
    const d = {
      ...checkoutExample,
      services: checkoutExample.services.map((s) =>
        s.id === 'client' ? { ...s, traffic: { ...s.traffic, rate: 500 } } : s,
      ),
    };
    expect(expectedLoad(d).get('orders')).toBe(500);
    expect(advise(d).some((a) => a.id === 'sat-bank')).toBe(true);
    expect(advise(checkoutExample).some((a) => a.id.startsWith('sat-'))).toBe(false);
  });

  it('makes one remark per consumer of a shared channel, however many producers feed it', () => {
    const jobs = SCENARIOS.find((s) => s.id === 'job-queue')!.diagram;
    const producers = jobs.edges.filter((e) => e.kind === 'queue' && e.channel === 'thumbnails');
    expect(producers.length).toBeGreaterThan(1);
    // The idempotency remark (the checklist's depth remark is about the queue, once per channel).
    const remarks = advise(jobs).filter((a) => a.id.startsWith('alo-') && a.message.includes('"thumbnails"'));
    expect(remarks).toHaveLength(1);
  });

  it('warns about a saga step between two plain services, and says what to do', () => {
    const d = Diagram.parse({
      services: [
        { id: 'c', kind: 'client' },
        { id: 'a', name: 'Orders' },
        { id: 'b', name: 'Billing', kind: 'database' },
        { id: 'm', name: 'Email' },
      ],
      edges: [{ id: 'e0', kind: 'sync', from: 'c', to: 'a' }],
    });
    const one = connect(d, 'saga', 'a', 'b')!;
    const remark = advise(one.diagram).find((a) => a.id.startsWith('saga-driver-'));
    expect(remark?.severity).toBe('warning');
    expect(remark?.targets).toEqual(['a', one.edge.id]);
    expect(remark?.message).toBe(
      'Saga "order-saga" is a single step from Orders to Billing, and Orders is a service, not an orchestrator. ' +
        'An orchestrated saga is driven by an orchestrator: make Orders one (change its kind) or send the ' +
        'steps from one, or make it choreographed: add step 2 from Billing, each step leaving where the one ' +
        'before arrived.',
    );
    // Two steps from the same plain service: an orchestrated saga without its orchestrator.
    const two = connect(one.diagram, 'saga', 'a', 'm')!.diagram;
    expect(advise(two).find((a) => a.id.startsWith('saga-driver-'))?.message).toMatch(
      /^Every step of saga "order-saga" leaves Orders, which is a service, not an orchestrator\./,
    );
    // The fix the remark names: an orchestrator drives it.
    const driven = {
      ...two,
      services: two.services.map((s) => (s.id === 'a' ? { ...s, kind: 'orchestrator' as const } : s)),
    };
    expect(advise(driven).some((a) => a.id.startsWith('saga-driver-'))).toBe(false);
    // A choreographed chain (each step leaving where the last arrived) is fine without one.
    const chain = connect(one.diagram, 'saga', 'b', 'm')!.diagram;
    expect(advise(chain).some((a) => a.id.startsWith('saga-driver-'))).toBe(false);
    for (const s of SCENARIOS)
      expect(advise(s.diagram).some((a) => a.id.startsWith('saga-driver-'))).toBe(false);
  });

  it('explains a saga step from a plain service where the kind is picked, unless it continues a chain', () => {
    const orders = SCENARIOS.find((s) => s.id === 'order-saga')!.diagram;
    expect(sagaStepNote(orders, 'orchestrator')).toBeNull();
    expect(sagaStepNote(orders, 'shop')).toBe(
      'Shop Front is no orchestrator: a step from it starts a choreographed chain.',
    );
    // Payment receives step 1 of the order saga: a step from it continues a chain.
    const chained = connect(orders, 'saga', 'payment', 'stock')!.diagram;
    expect(sagaStepNote(chained, 'stock')).toBeNull();
  });

  it('says how to start on an empty diagram', () => {
    expect(advise({ ...checkoutExample, services: [], edges: [] })[0]?.id).toBe('empty');
  });
});
