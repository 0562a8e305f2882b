import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { checkoutExample } from '../scenarios/checkout';
import { advise, type Advice } from './advice';
import { compensationName } from './adviceFixes';
import { addService, connect } from './edits';
import { Diagram, type SagaEdge } from './schema';

const remark = (d: Diagram, prefix: string): Advice | undefined =>
  advise(d).find((a) => a.id.startsWith(prefix));

/** Applies the fix of the remark starting with `prefix` and checks that the remark is gone. */
function fixRemoves(d: Diagram, prefix: string): Diagram {
  const before = remark(d, prefix);
  expect(before?.fix, `${prefix} has a fix`).toBeDefined();
  const after = Diagram.parse(before!.fix!.apply(d));
  expect(advise(after).map((a) => a.id)).not.toContain(before!.id);
  return after;
}

describe('one-click fixes for the diagram-shape remarks', () => {
  it('a diagram with no client gets one calling its entry, unless the entry is unclear', () => {
    const d = Diagram.parse({
      services: [
        { id: 'api', name: 'Api', position: { x: 400, y: 100 } },
        { id: 'db', kind: 'database' },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'api', to: 'db' }],
    });
    expect(remark(d, 'no-client')?.fix?.label).toBe('Add a client calling Api');
    const fixed = fixRemoves(d, 'no-client');
    const added = fixed.services.find((s) => s.kind === 'client')!;
    expect(added.position.x).toBeLessThan(400);
    expect(fixed.edges.at(-1)).toMatchObject({ kind: 'sync', from: added.id, to: 'api' });
    expect(advise(fixed).some((a) => a.id.startsWith('idle-'))).toBe(false);
    const two = Diagram.parse({ ...d, edges: [] });
    expect(remark(two, 'no-client')?.fix).toBeUndefined();
  });

  it('the client it adds lands where no card or note is, even with one left of the entry', () => {
    const d = Diagram.parse({
      services: [
        { id: 'api', name: 'Api', position: { x: 400, y: 100 } },
        { id: 'db', kind: 'database', position: { x: 160, y: 100 } },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'api', to: 'db' }],
      notes: [{ id: 'n', position: { x: 120, y: 200 }, width: 200, height: 120 }],
    });
    const fixed = fixRemoves(d, 'no-client');
    const added = fixed.services.find((s) => s.kind === 'client')!.position;
    const card = { width: 172, height: 64 };
    const boxes = [
      ...d.services.map((s) => ({ ...s.position, ...card })),
      { x: 120, y: 200, width: 200, height: 120 },
    ];
    for (const b of boxes) {
      const apart =
        added.x + card.width <= b.x ||
        b.x + b.width <= added.x ||
        added.y + card.height <= b.y ||
        b.y + b.height <= added.y;
      expect(apart, `client at ${added.x},${added.y} overlaps ${JSON.stringify(b)}`).toBe(true);
    }
  });

  it('a client that sends nothing is connected to where the other clients send', () => {
    const { diagram } = addService(checkoutExample, 'client', { x: 0, y: 300 });
    const idle = remark(diagram, 'idle-')!;
    expect(idle.fix?.label).toBe('Connect it to API Gateway');
    const fixed = fixRemoves(diagram, 'idle-');
    const added = fixed.edges.at(-1)!;
    expect(added).toMatchObject({ kind: 'sync', from: idle.targets[0], to: 'gateway' });
  });

  it('a lone client is connected to the one service nothing calls, and gets no fix when that is unclear', () => {
    const one = Diagram.parse({
      services: [
        { id: 'c', kind: 'client' },
        { id: 'api', name: 'Api' },
        { id: 'db', kind: 'database' },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'api', to: 'db' }],
    });
    expect(fixRemoves(one, 'idle-').edges.at(-1)).toMatchObject({ from: 'c', to: 'api' });
    const two = Diagram.parse({ ...one, edges: [] });
    const unclear = remark(two, 'idle-')!;
    expect(unclear.fix).toBeUndefined();
    expect(unclear.message).toContain('drag from its right handle');
  });

  it('a saga every step of which leaves a plain service: that service becomes its orchestrator', () => {
    const d = Diagram.parse({
      services: [
        { id: 'c', kind: 'client' },
        { id: 'a', name: 'Orders' },
        { id: 'b', name: 'Billing' },
        { id: 'm', name: 'Stock' },
      ],
      edges: [
        { id: 'e0', kind: 'sync', from: 'c', to: 'a' },
        { id: 's1', kind: 'saga', from: 'a', to: 'b', saga: 'o', step: 1, compensation: 'Refund' },
        { id: 's2', kind: 'saga', from: 'a', to: 'm', saga: 'o', step: 2, compensation: 'Release' },
      ],
    });
    expect(remark(d, 'saga-driver-')?.fix?.label).toBe('Make Orders an orchestrator');
    const fixed = fixRemoves(d, 'saga-driver-');
    expect(fixed.services.find((s) => s.id === 'a')?.kind).toBe('orchestrator');
    // Steps from a client: making it an orchestrator would stop its traffic, so it is left to the person.
    const fromClient = Diagram.parse({
      ...d,
      edges: d.edges.map((e) => (e.kind === 'saga' ? { ...e, from: 'c' } : e)),
    });
    const byHand = remark(fromClient, 'saga-driver-')!;
    expect(byHand.fix).toBeUndefined();
    expect(byHand.message).toContain('send the steps from one');
  });

  it('saga steps without a compensation get one named after what undoes them', () => {
    const orders = SCENARIOS.find((s) => s.id === 'order-saga')!.diagram;
    const bare = {
      ...orders,
      edges: orders.edges.map((e) => (e.kind === 'saga' && e.step !== 1 ? { ...e, compensation: '' } : e)),
    };
    const fixed = fixRemoves(bare, 'comp-');
    const steps = fixed.edges.filter((e): e is SagaEdge => e.kind === 'saga');
    expect(steps.every((s) => s.compensation !== '')).toBe(true);
    // A compensation the person named stays as it was.
    const first = orders.edges.find((e): e is SagaEdge => e.kind === 'saga' && e.step === 1)!;
    expect(steps.find((s) => s.id === first.id)?.compensation).toBe(first.compensation);
  });

  it('names compensations by the opposite verb, or "Undo…"', () => {
    const step = (action: string, message = '') => ({ action, message, step: 2 }) as unknown as SagaEdge;
    expect(compensationName(step('ChargeCard'))).toBe('RefundCard');
    expect(compensationName(step('reserve stock'))).toBe('ReleaseStock');
    expect(compensationName(step('BookFlight'))).toBe('CancelFlight');
    expect(compensationName(step('', 'POST /notify-courier'))).toBe('UndoPOSTNotifyCourier');
    expect(compensationName(step(''))).toBe('UndoStep2');
  });

  it('a cycle where no time passes gets 1 ms on its edges', () => {
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
    const fixed = fixRemoves(d, 'instant-cycle');
    expect(fixed.edges.map((e) => e.latencyMs)).toEqual([d.edges[0]!.latencyMs, 1, 1]);
  });

  it('a cycle and a service with no edges have no fix, and say what to do by hand', () => {
    const cyclic = connect(checkoutExample, 'queue', 'email', 'orders')!.diagram;
    const cycle = remark(cyclic, 'cycle')!;
    expect(cycle.fix).toBeUndefined();
    expect(cycle.message).toContain('delete one of its edges; if it is, make one a queue or topic');
    const { diagram } = addService(checkoutExample, 'service', { x: 0, y: 400 });
    const alone = remark(diagram, 'alone-')!;
    expect(alone.fix).toBeUndefined();
    expect(alone.message).toContain('connect a caller to it');
  });
});
