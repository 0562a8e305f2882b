import { Diagram, type DiagramInput } from '../../model/schema';
import { call, client, service, topic } from '../build';
import type { GalleryEntry } from '../types';

/** The fan-out diagram, with or without a fourth subscriber (the claim compares the two). */
export function fanOutInput(withAnalytics: boolean): DiagramInput {
  return {
    name: 'Event-driven fan-out',
    description:
      'Orders publishes OrderPlaced; Payment, Inventory and Email react. Email is down from 10 s to 30 s.',
    services: [
      client('client', 'Client', 0, 160, 3),
      service('orders', 'Orders', 240, 160, 12),
      service('payment', 'Payment', 540, 20, 30),
      service('inventory', 'Inventory', 540, 140, 15),
      service('email', 'Email', 540, 260, 50),
      ...(withAnalytics ? [service('analytics', 'Analytics', 540, 380, 25)] : []),
    ],
    edges: [
      call('e-client-orders', 'client', 'orders', 'POST /orders'),
      topic('t-payment', 'orders', 'payment', 'OrderPlaced', 'orders'),
      topic('t-inventory', 'orders', 'inventory', 'OrderPlaced', 'orders'),
      topic('t-email', 'orders', 'email', 'OrderPlaced', 'orders', { durable: false }),
      ...(withAnalytics ? [topic('t-analytics', 'orders', 'analytics', 'OrderPlaced', 'orders')] : []),
    ],
    faults: [{ id: 'f-email-down', kind: 'down', target: 'email', atMs: 10_000, durationMs: 20_000 }],
    run: { seed: 9, speed: 0.5, untilMs: 60_000 },
  };
}

/** Scenario 7: one event, many reactions; a failing subscriber hurts nobody else. */
export const eventFanOut: GalleryEntry = {
  id: 'event-fan-out',
  title: 'Event-driven fan-out',
  tags: ['topic', 'events'],
  demonstrates: 'topic',
  explanation:
    'Orders publishes one OrderPlaced event and goes on: it does not know who listens. Payment, Inventory ' +
    'and Email each react on their own. From 10 s to 30 s Email is down: its copies are lost (its ' +
    'subscription is not durable), but Payment and Inventory carry on, and the client never notices. ' +
    'Adding another subscriber (draw a topic edge from Orders to a new service) changes nothing for Orders.',
  watch: [
    { atMs: 1_000, text: 'One event, three copies: one per subscriber.', focus: ['orders'] },
    { atMs: 15_000, text: 'Email is down; Payment and Inventory keep reacting.', focus: ['email'] },
    { atMs: 40_000, text: 'Select the Client: its latency never changed.', focus: ['client'] },
  ],
  claim:
    'The publisher’s latency is the same with a fourth subscriber added, and Email being down changes ' +
    'nothing for Payment and Inventory: each receives every event.',
  diagram: Diagram.parse(fanOutInput(false)),
};
