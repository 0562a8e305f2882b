import { Diagram } from '../../model/schema';
import { call, client, queue, service, topic } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 6: a queue shares the work out; a topic gives everyone a copy. */
export const queueVsTopic: GalleryEntry = {
  id: 'queue-vs-topic',
  title: 'Queue vs topic',
  tags: ['queue', 'topic'],
  demonstrates: 'topic',
  explanation:
    'Orders sends every order two ways. On the invoices queue, two Invoicing workers compete: each ' +
    'message goes to exactly one of them, so adding workers shares the work out. On the order-events ' +
    'topic, Audit and Analytics each have their own subscription: every event is copied to both, so ' +
    'adding a subscriber adds a copy, not a helper.',
  watch: [
    {
      atMs: 1_000,
      text: 'An order goes to one Invoicing worker, and to both Audit and Analytics.',
      focus: ['orders'],
    },
    {
      atMs: 30_000,
      text: 'Select the workers: together they handled each invoice once.',
      focus: ['invoicing-a', 'invoicing-b'],
    },
    {
      atMs: 30_000,
      text: 'Select Audit and Analytics: each received every event.',
      focus: ['audit', 'analytics'],
    },
  ],
  claim:
    'The two Invoicing workers together receive each queued message once (their sum equals the messages ' +
    'delivered), while Audit and Analytics each receive every published event.',
  diagram: Diagram.parse({
    name: 'Queue vs topic',
    description: 'A queue with two competing workers next to a topic with two subscribers.',
    services: [
      client('client', 'Client', 0, 160, 4),
      service('orders', 'Orders', 220, 160, 5),
      service('invoicing-a', 'Invoicing A', 520, 0, 60, { concurrency: 2 }),
      service('invoicing-b', 'Invoicing B', 520, 110, 60, { concurrency: 2 }),
      service('audit', 'Audit', 520, 230, 20),
      service('analytics', 'Analytics', 520, 340, 20),
    ],
    edges: [
      call('e-client-orders', 'client', 'orders', 'POST /orders'),
      queue('q-a', 'orders', 'invoicing-a', 'CreateInvoice', 'invoices'),
      queue('q-b', 'orders', 'invoicing-b', 'CreateInvoice', 'invoices'),
      topic('t-audit', 'orders', 'audit', 'OrderPlaced', 'order-events'),
      topic('t-analytics', 'orders', 'analytics', 'OrderPlaced', 'order-events'),
    ],
    run: { seed: 6, speed: 0.5, untilMs: 60_000 },
  }),
};
