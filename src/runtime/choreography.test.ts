import { describe, expect, it } from 'vitest';
import type { DiagramInput } from '../model/schema';
import { client, runAll } from './testkit';

/**
 * Parallel reactions in a saga (issue 14): steps with one number are a stage, sent at once; the
 * stage settles when every reaction has an outcome; a failure compensates what was done, each
 * participant undoing only its own step, newest first. The article's choreography: Orders emits
 * OrderPlaced, Payment charges and Inventory reserves in parallel; a failed payment releases the
 * inventory, and nothing else is undone.
 */
const fixed = (ms: number) => ({ dist: 'fixed' as const, ms });

function article(pay: Record<string, unknown> = {}, extra: Partial<DiagramInput> = {}): DiagramInput {
  return {
    services: [
      client(1),
      { id: 'orders', latency: fixed(5) },
      { id: 'pay', latency: fixed(5), ...pay },
      { id: 'stock', latency: fixed(5) },
      ...(extra.services ?? []),
    ],
    edges: [
      { id: 'c', kind: 'sync', from: 'client', to: 'orders' },
      step('p', 'orders', 'pay', 1, 'ChargeCard', 'RefundCard'),
      step('r', 'orders', 'stock', 1, 'ReserveItems', 'ReleaseItems'),
      ...(extra.edges ?? []),
    ],
    faults: extra.faults ?? [],
    run: { untilMs: 20_000, serializationMs: { rest: 0, grpc: 0 }, ...extra.run },
  };
}

function step(id: string, from: string, to: string, n: number, action: string, compensation: string) {
  return { id, kind: 'saga' as const, saga: 'order', step: n, from, to, latencyMs: 10, action, compensation };
}

describe('parallel reactions in a saga', () => {
  it('both reactions leave at once, and the saga completes when both are done', () => {
    const { engine, records, metrics } = runAll(article());
    const first = records.filter((r) => r.type === 'sent' && r.detail === 'saga-action').slice(0, 2);
    expect(first.map((r) => r.edge).sort()).toEqual(['p', 'r']);
    expect(first[0]!.t).toBe(first[1]!.t);
    expect(metrics.sagas.order).toMatchObject({ started: 19, completed: 19, compensated: 0, stuck: 0 });
    for (const i of engine.sagaInstances()) expect(i.completedEdges.sort()).toEqual(['p', 'r']);
    expect(engine.check().violations).toEqual([]);
  });

  it('a failed payment releases the inventory and undoes nothing else; the failure event goes back first', () => {
    const { engine, records, metrics } = runAll(article({ errorRate: 1 }));
    expect(metrics.sagas.order).toMatchObject({ started: 19, compensated: 19, completed: 0, stuck: 0 });
    for (const i of engine.sagaInstances())
      expect(i).toMatchObject({ failedStep: 1, completedEdges: ['r'], compensatedEdges: ['r'] });
    // PaymentFailed travels Payment → Orders, then Orders sends ReleaseItems to Inventory.
    const undo = records.filter((r) => r.type === 'sent' && r.detail === 'compensation').slice(0, 2);
    expect(undo.map((r) => [r.service, r.edge])).toEqual([
      ['pay', 'p'],
      ['orders', 'r'],
    ]);
    expect(undo[0]!.t).toBeLessThan(undo[1]!.t);
    expect(engine.check().violations).toEqual([]);
  });

  it('a payment that timed out may have happened: refunded first, then the inventory released', () => {
    // Payment takes 6 s (the step timeout is 5 s) for the first 2.5 s of the run.
    const faults = [
      { id: 'slow', kind: 'slow' as const, target: 'pay', atMs: 0, durationMs: 2_500, factor: 600 },
    ];
    const { engine, metrics } = runAll(article({ latency: fixed(10) }, { faults }));
    const undone = engine.sagaInstances().filter((i) => i.status === 'compensated');
    expect(undone.length).toBeGreaterThan(0);
    for (const i of undone)
      expect(i).toMatchObject({ uncertainStep: 1, completedEdges: ['r'], compensatedEdges: ['p', 'r'] });
    expect(metrics.sagas.order!.stuck).toBe(0);
    expect(engine.check().violations).toEqual([]);
  });

  it('the next stage waits for every reaction; its failure undoes both, newest first', () => {
    const input = article(
      { latency: fixed(40) },
      {
        services: [{ id: 'ship', latency: fixed(5), errorRate: 1 }],
        edges: [step('s', 'pay', 'ship', 2, 'Ship', 'CancelShipment')],
      },
    );
    const { engine, records } = runAll(input);
    const sent = (edge: string) => records.find((r) => r.type === 'sent' && r.edge === edge)!.t;
    const done = (edge: string) => records.find((r) => r.type === 'saga-step' && r.edge === edge)!.t;
    // Stock is done first (5 ms), Payment later (40 ms): Ship leaves only once Payment is done.
    expect(done('r')).toBeLessThan(done('p'));
    expect(sent('s')).toBe(done('p'));
    for (const i of engine.sagaInstances().filter((x) => x.status === 'compensated')) {
      expect(i.completedEdges).toEqual(['r', 'p']);
      expect(i.compensatedEdges).toEqual(['p', 'r']);
    }
    expect(engine.check().violations).toEqual([]);
  });

  it('an orchestrator sends a stage’s commands at once, and resends the unsettled ones after a crash', () => {
    const orchestrated: DiagramInput = {
      services: [
        client(1),
        { id: 'o', kind: 'orchestrator', latency: fixed(1) },
        { id: 'a', latency: fixed(5) },
        { id: 'b', latency: fixed(300) },
        { id: 'z', latency: fixed(5), errorRate: 1 },
      ],
      edges: [
        { id: 'c', kind: 'sync', from: 'client', to: 'o' },
        { id: 'sa', kind: 'saga', saga: 'order', step: 1, from: 'o', to: 'a', compensation: 'UndoA' },
        { id: 'sb', kind: 'saga', saga: 'order', step: 1, from: 'o', to: 'b', compensation: 'UndoB' },
        { id: 'sz', kind: 'saga', saga: 'order', step: 2, from: 'o', to: 'z', compensation: 'UndoZ' },
      ],
      // The orchestrator is down from 1.1 s to 2 s: the first saga's slow step B is under way.
      faults: [{ id: 'down', kind: 'down', target: 'o', atMs: 1_100, durationMs: 900 }],
      run: { untilMs: 20_000, serializationMs: { rest: 0, grpc: 0 } },
    };
    const { engine, records } = runAll(orchestrated);
    const resumed = records.filter((r) => r.type === 'saga-step' && r.detail === 'resumed');
    expect(resumed.map((r) => r.edge)).toEqual(['sb']);
    for (const i of engine.sagaInstances().filter((x) => x.status === 'compensated')) {
      expect(i.completedEdges).toEqual(['sa', 'sb']);
      expect(i.compensatedEdges).toEqual(['sb', 'sa']);
    }
    expect(engine.check().violations).toEqual([]);
  });
});
