import { Diagram } from '../../model/schema';
import { call, client, queue, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 8: the event envelope and an idempotency key that lets a consumer deduplicate. */
export const eventEnvelope: GalleryEntry = {
  id: 'event-envelope',
  title: 'The event envelope and idempotency keys',
  tags: ['events', 'idempotency', 'queue'],
  demonstrates: 'queue',
  explanation:
    'Every message carries an envelope: an id, its type, a version, a timestamp, its source, a correlation ' +
    'id shared by everything one request caused, and the payload. The broker delivers at least once: when ' +
    'an acknowledgement is lost (here 10% of them) it delivers the same event again. The Ledger remembers ' +
    'the idempotency keys it has applied (it is marked idempotent), so a second delivery changes nothing.',
  watch: [
    {
      atMs: 1_500,
      text: 'Pause and click a message: its envelope shows id, type, version, source, correlation id.',
      focus: ['e-orders-ledger'],
    },
    {
      atMs: 20_000,
      text: 'Some events come back (redelivered): their acks were lost.',
      focus: ['e-orders-ledger'],
    },
    {
      atMs: 50_000,
      text: 'Select the Ledger: it is idempotent, so no payment was booked twice.',
      focus: ['ledger'],
    },
  ],
  claim:
    'Lost acks make the broker redeliver events, every event carries a full envelope, and the idempotent ' +
    'Ledger books no duplicate (0 duplicate side effects).',
  diagram: Diagram.parse({
    name: 'The event envelope and idempotency keys',
    description: 'At-least-once delivery with 10% lost acks into an idempotent Ledger.',
    services: [
      client('client', 'Client', 0, 120, 3),
      service('orders', 'Orders', 240, 120, 10),
      service('ledger', 'Ledger', 540, 120, 30, { idempotent: true }),
    ],
    edges: [
      call('e-client-orders', 'client', 'orders', 'POST /orders'),
      queue('e-orders-ledger', 'orders', 'ledger', 'PaymentBooked', 'ledger', { ackLossRate: 0.1 }),
    ],
    run: { seed: 10, speed: 0.25, untilMs: 60_000 },
  }),
};
