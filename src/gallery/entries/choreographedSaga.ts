import { Diagram } from '../../model/schema';
import { call, client, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 10: a choreographed saga: each service reacts to the event before it; a failure is undone back along the chain. */
export const choreographedSaga: GalleryEntry = {
  id: 'choreographed-saga',
  title: 'Choreographed saga: events, no orchestrator',
  tags: ['saga', 'events'],
  demonstrates: 'saga',
  explanation:
    'No orchestrator: each service reacts to the event before it and emits its own. Orders emits ' +
    'OrderPlaced, Inventory reserves the items and emits InventoryReserved, Payment charges the card. The ' +
    'card is declined 30% of the time: then the failure travels back, Inventory releases what it reserved ' +
    'and the order ends cancelled (compensated). Each service undoes only what it did. In Microsim a ' +
    'choreography is a chain of events (one reaction after another); the article’s parallel reactions to ' +
    'one event are not in the engine yet.',
  watch: [
    {
      atMs: 1_000,
      text: 'OrderPlaced goes to Inventory, then InventoryReserved to Payment.',
      focus: ['c-placed'],
    },
    {
      atMs: 15_000,
      text: 'A declined card: ReleaseInventory goes back to Inventory, in its own colour.',
      focus: ['c-reserved', 'inventory'],
    },
    { atMs: 55_000, text: 'Open Metrics (M): sagas completed and compensated, none stuck.' },
  ],
  claim:
    'Whenever the payment (step 2) fails, Inventory’s reservation (step 1) and only it is compensated, and ' +
    'every saga that ends is completed or compensated (none stuck).',
  diagram: Diagram.parse({
    name: 'Choreographed saga: events, no orchestrator',
    description: 'Orders → Inventory → Payment by events; a declined card (30%) releases the inventory.',
    services: [
      client('shop', 'Shop', 0, 160, 2),
      service('orders', 'Orders', 240, 160, 10),
      service('inventory', 'Inventory', 520, 60, 20, { idempotent: true }),
      service('payment', 'Payment', 800, 160, 40, { idempotent: true, errorRate: 0.3 }),
    ],
    edges: [
      call('e-shop', 'shop', 'orders', 'POST /orders'),
      {
        id: 'c-placed',
        kind: 'saga',
        from: 'orders',
        to: 'inventory',
        message: 'OrderPlaced',
        latencyMs: 30,
        saga: 'order',
        step: 1,
        action: 'OrderPlaced',
        compensation: 'ReleaseInventory',
      },
      {
        id: 'c-reserved',
        kind: 'saga',
        from: 'inventory',
        to: 'payment',
        message: 'InventoryReserved',
        latencyMs: 30,
        saga: 'order',
        step: 2,
        action: 'InventoryReserved',
        compensation: 'RefundPayment',
      },
    ],
    run: { seed: 10, speed: 0.25, untilMs: 60_000 },
  }),
};
