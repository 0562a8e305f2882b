import { Diagram } from '../../model/schema';
import { call, client, service } from '../build';
import type { GalleryEntry } from '../types';

/**
 * Scenario 10: the article's choreographed saga. Orders emits OrderPlaced; Payment and Inventory
 * react to it in parallel; a declined card sends its failure back and Inventory releases what it
 * reserved, each participant undoing only what it did.
 */
export const choreographedSaga: GalleryEntry = {
  id: 'choreographed-saga',
  title: 'Choreographed saga: events, no orchestrator',
  tags: ['saga', 'events'],
  demonstrates: 'saga',
  explanation:
    'No orchestrator: Orders emits OrderPlaced and both Payment and Inventory react to it at the same ' +
    'moment, Payment by charging the card, Inventory by reserving the items (two saga steps with the ' +
    'same number run in parallel). The card is declined 30% of the time: Payment’s failure event goes ' +
    'back to Orders, which cancels the order, and Inventory releases its reservation. Each service ' +
    'undoes only what it did: a declined card was never charged, so nothing is refunded.',
  watch: [
    {
      atMs: 1_000,
      text: 'OrderPlaced reaches Payment and Inventory at the same moment: both react in parallel.',
      focus: ['c-charge', 'c-reserve'],
    },
    {
      atMs: 15_000,
      text: 'A declined card: “ChargeCard failed” goes back to Orders, then ReleaseItems to Inventory.',
      focus: ['c-charge', 'inventory'],
    },
    { atMs: 55_000, text: 'Open Metrics (M): sagas completed and compensated, none stuck.' },
  ],
  claim:
    'Payment and Inventory react to each OrderPlaced at the same moment; whenever the payment fails, ' +
    'Inventory’s reservation and only it is undone (nothing is refunded), and every saga that ends is ' +
    'completed or compensated (none stuck).',
  diagram: Diagram.parse({
    name: 'Choreographed saga: events, no orchestrator',
    description:
      'OrderPlaced → Payment and Inventory in parallel; a declined card (30%) releases the inventory.',
    services: [
      client('shop', 'Shop', 0, 160, 2),
      service('orders', 'Orders', 260, 160, 10),
      service('payment', 'Payment', 560, 40, 40, { idempotent: true, errorRate: 0.3 }),
      service('inventory', 'Inventory', 560, 280, 20, { idempotent: true }),
    ],
    edges: [
      call('e-shop', 'shop', 'orders', 'POST /orders'),
      {
        id: 'c-charge',
        kind: 'saga',
        from: 'orders',
        to: 'payment',
        message: 'OrderPlaced',
        latencyMs: 30,
        saga: 'order',
        step: 1,
        action: 'ChargeCard',
        compensation: 'RefundCard',
      },
      {
        id: 'c-reserve',
        kind: 'saga',
        from: 'orders',
        to: 'inventory',
        message: 'OrderPlaced',
        latencyMs: 30,
        saga: 'order',
        step: 1,
        action: 'ReserveItems',
        compensation: 'ReleaseItems',
      },
    ],
    run: { seed: 10, speed: 0.25, untilMs: 60_000 },
  }),
};
