import { describe, expect, it } from 'vitest';
import { changeEdgeKind, moveElements } from '../model/edits';
import { checkoutExample } from '../scenarios/checkout';
import { designChanges } from './changes';

describe('designChanges', () => {
  it('nothing for the same design, moved cards included', () => {
    expect(designChanges(checkoutExample, checkoutExample)).toEqual([]);
    const moved = moveElements(checkoutExample, new Map([['payment', { x: 900, y: 500 }]]));
    expect(designChanges(checkoutExample, moved)).toEqual([]);
  });

  it('an edge made a queue, a replica added, a service removed', () => {
    let b = changeEdgeKind(checkoutExample, 'e-orders-payment', 'queue');
    b = {
      ...b,
      services: b.services
        .filter((s) => s.id !== 'email')
        .map((s) => (s.id === 'orders' ? { ...s, replicas: 3 } : s)),
      edges: b.edges.filter((e) => e.id !== 'e-orders-email'),
    };
    expect(designChanges(checkoutExample, b)).toEqual([
      { id: 'orders', element: 'service', change: 'changed', name: 'Order Service', what: 'replicas 2 → 3' },
      { id: 'email', element: 'service', change: 'removed', name: 'Email', what: '' },
      expect.objectContaining({ id: 'e-orders-payment', change: 'changed', what: 'sync → queue' }),
      expect.objectContaining({
        id: 'e-orders-email',
        change: 'removed',
        name: 'OrderPlaced (Order Service → Email)',
      }),
    ]);
  });
});
