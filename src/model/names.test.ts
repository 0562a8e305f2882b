import { describe, expect, it } from 'vitest';
import { connect, replaceService } from './edits';
import { renameService } from './names';
import { Diagram, type Edge } from './schema';

/** Three services joined by one edge of each kind, every name generated: Service → Service 2 → Service 3. */
function wired(): Diagram {
  let d = Diagram.parse({
    services: [
      { id: 'a', name: 'Service' },
      { id: 'b', name: 'Service 2' },
      { id: 'c', name: 'Service 3' },
    ],
  });
  d = connect(d, 'sync', 'a', 'b')!.diagram;
  d = connect(d, 'queue', 'a', 'b')!.diagram;
  d = connect(d, 'topic', 'a', 'c')!.diagram;
  d = connect(d, 'saga', 'a', 'c')!.diagram;
  return d;
}

const names = (e: Edge) => {
  switch (e.kind) {
    case 'sync':
      return [e.message];
    case 'queue':
      return [e.message, e.channel];
    case 'topic':
      return [e.message, e.topic];
    case 'saga':
      return [e.message, e.action, e.compensation];
  }
};

describe('renaming a service', () => {
  it('takes the edge names generated from its old name along', () => {
    const before = wired();
    expect(before.edges.map(names)).toEqual([
      ['POST /service-2'],
      ['ProcessService2', 'service-2-jobs'],
      ['ServiceEvent', 'service-events'],
      ['DoService3', 'DoService3', 'UndoService3'],
    ]);
    let d = renameService(before, 'a', 'Orders');
    d = renameService(d, 'b', 'Billing');
    d = renameService(d, 'c', 'Email');
    expect(d.services.map((s) => s.name)).toEqual(['Orders', 'Billing', 'Email']);
    expect(d.edges.map(names)).toEqual([
      ['POST /billing'],
      ['ProcessBilling', 'billing-jobs'],
      ['OrdersEvent', 'orders-events'],
      ['DoEmail', 'DoEmail', 'UndoEmail'],
    ]);
  });

  it('keeps the names a person typed', () => {
    const d = wired();
    const typed = {
      ...d,
      edges: d.edges.map((e) => (e.kind === 'sync' ? { ...e, message: 'GET /invoice' } : e)),
    };
    const after = renameService(typed, 'b', 'Billing');
    expect(after.edges.map(names)[0]).toEqual(['GET /invoice']);
    expect(after.edges.map(names)[1]).toEqual(['ProcessBilling', 'billing-jobs']);
  });

  it('renames a generated queue on every edge that shares it, and the triggers that name its message', () => {
    let d = wired();
    // A second producer on the same queue, and an edge of Service 2 triggered by the queue's message.
    d = Diagram.parse({
      ...d,
      services: [...d.services, { id: 'x', name: 'Intake' }],
      edges: [
        ...d.edges,
        { id: 'p2', kind: 'queue', from: 'x', to: 'b', channel: 'service-2-jobs', message: 'Scan' },
        { id: 'r', kind: 'queue', from: 'c', to: 'a', channel: 'replies', replyChannel: 'service-2-jobs' },
        {
          id: 't',
          kind: 'sync',
          from: 'b',
          to: 'c',
          message: 'Send',
          triggers: ['ProcessService2', 'Other'],
        },
      ],
    });
    const after = renameService(d, 'b', 'Billing');
    const byId = (id: string) => after.edges.find((e) => e.id === id)!;
    expect(byId('p2')).toMatchObject({ channel: 'billing-jobs', message: 'Scan' });
    expect(byId('r')).toMatchObject({ channel: 'replies', replyChannel: 'billing-jobs' });
    expect(byId('t').triggers).toEqual(['ProcessBilling', 'Other']);
  });

  it('does not merge a queue into another one that already has the new name', () => {
    let d = wired();
    d = Diagram.parse({
      ...d,
      edges: [...d.edges, { id: 'o', kind: 'queue', from: 'a', to: 'c', channel: 'billing-jobs' }],
    });
    const queue = renameService(d, 'b', 'Billing').edges.find((e) => e.kind === 'queue' && e.to === 'b');
    expect(queue).toMatchObject({ message: 'ProcessBilling', channel: 'service-2-jobs' });
  });

  it('follows from the inspector too (replaceService with a new name)', () => {
    const d = wired();
    const b = d.services.find((s) => s.id === 'b')!;
    const after = replaceService(d, { ...b, name: 'Billing', replicas: 3 });
    expect(after.services.find((s) => s.id === 'b')).toMatchObject({ name: 'Billing', replicas: 3 });
    expect(after.edges.map(names)[0]).toEqual(['POST /billing']);
    // Another change than the name leaves the edges as they are.
    expect(replaceService(d, { ...b, replicas: 2 }).edges).toBe(d.edges);
  });
});

describe('generated names', () => {
  it('stay within the schema’s length for names, so the diagram still reads', () => {
    const long = 'Service '.padEnd(80, 'x');
    let d = Diagram.parse({
      services: [
        { id: 'a', name: long },
        { id: 'b', name: 'Consumer '.padEnd(80, 'x') },
      ],
    });
    for (const kind of ['sync', 'queue', 'topic', 'saga'] as const) d = connect(d, kind, 'a', 'b')!.diagram;
    expect(Diagram.safeParse(d).success).toBe(true);
    expect(d.edges.map((e) => e.message.length)).toEqual([80, 80, 80, 80]);
    const renamed = renameService(d, 'b', 'Consumer '.padEnd(80, 'y'));
    expect(Diagram.safeParse(renamed).success).toBe(true);
  });
});
