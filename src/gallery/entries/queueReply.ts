import { Diagram } from '../../model/schema';
import { call, client, queue, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 5: 202 Accepted at once; the payment is done later and its result comes back on a reply queue. */
export const queueReply: GalleryEntry = {
  id: 'queue-reply',
  title: 'Accept now, pay later: a queue with a reply queue',
  tags: ['queue', 'request-reply'],
  demonstrates: 'queue',
  explanation:
    'The client posts an order and Order answers 202 Accepted as soon as it has put a ChargeCard message ' +
    'on the payments queue: the client does not wait for the payment. Payment takes the messages one at a ' +
    'time at its own pace (400 ms each) and puts each result on the payment-results reply queue; Order ' +
    'matches every result to its order by correlation id and updates the order’s status.',
  watch: [
    {
      atMs: 600,
      text: 'The client’s request comes back long before Payment has even started.',
      focus: ['client'],
    },
    {
      atMs: 3_000,
      text: 'Payment works through the queue; results travel back to Order.',
      focus: ['e-order-payment'],
    },
    {
      atMs: 30_000,
      text: 'Open Metrics (M): client latency stays low while Payment takes 400 ms a message.',
      focus: ['payment'],
    },
  ],
  claim:
    'The client’s median response is shorter than Payment’s own 400 ms handling, and every result Order ' +
    'receives on the reply queue is matched to its order (none unmatched).',
  diagram: Diagram.parse({
    name: 'Accept now, pay later',
    description: 'Order answers 202 Accepted and queues the payment; the result comes back on a reply queue.',
    services: [
      client('client', 'Client', 0, 120, 2),
      service('order', 'Order', 260, 120, 10),
      service('payment', 'Payment', 560, 120, 400, { replicas: 2, concurrency: 1 }),
    ],
    edges: [
      call('e-client-order', 'client', 'order', 'POST /orders → 202', { timeoutMs: 2_000 }),
      queue('e-order-payment', 'order', 'payment', 'ChargeCard', 'payments', {
        replyChannel: 'payment-results',
      }),
    ],
    run: { seed: 8, speed: 0.5, untilMs: 60_000 },
  }),
};
