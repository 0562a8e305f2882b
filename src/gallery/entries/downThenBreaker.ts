import { Diagram } from '../../model/schema';
import { call, client, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 3: a service down in a chain; a timeout and a circuit breaker make it fail fast. */
export const downThenBreaker: GalleryEntry = {
  id: 'down-then-breaker',
  title: 'A service goes down: fail fast',
  tags: ['sync', 'resilience'],
  demonstrates: 'rest',
  explanation:
    'Client → Gateway → Order → Payment, all sync. At 10 s Payment goes down for 30 s: every checkout ' +
    'needs it, so every checkout fails. Order calls Payment with a 500 ms timeout and a circuit breaker: ' +
    'after 5 failures in a row the circuit opens and Order stops sending calls for a while, failing them ' +
    'at once instead of loading a service that is down. When Payment is back, a trial call closes the circuit.',
  watch: [
    { atMs: 9_000, text: 'Before the outage every checkout succeeds.', focus: ['client'] },
    {
      atMs: 11_000,
      text: 'Payment is down: calls to it fail and the circuit on POST /payments opens.',
      focus: ['e-order-payment'],
    },
    {
      atMs: 25_000,
      text: 'The open circuit fails calls without sending them (short-circuited).',
      focus: ['e-order-payment'],
    },
    { atMs: 45_000, text: 'Payment is back: the circuit half-opens, then closes.', focus: ['payment'] },
  ],
  claim:
    'While Payment is down no checkout succeeds, and the open circuit fails calls without sending them to Payment.',
  diagram: Diagram.parse({
    name: 'A service goes down: fail fast',
    description:
      'Payment goes down from 10 s to 40 s; a timeout and a circuit breaker on the call to it fail fast.',
    services: [
      client('client', 'Client', 0, 120, 4),
      service('gateway', 'Gateway', 220, 120, 2, { kind: 'gateway', concurrency: 64 }),
      service('order', 'Order', 440, 120, 10),
      service('payment', 'Payment', 660, 120, 15),
    ],
    edges: [
      call('e-client-gateway', 'client', 'gateway', 'POST /checkout', { timeoutMs: 3_000 }),
      call('e-gateway-order', 'gateway', 'order', 'POST /orders', { timeoutMs: 2_000 }),
      call('e-order-payment', 'order', 'payment', 'POST /payments', {
        timeoutMs: 500,
        breaker: { enabled: true, threshold: 5, openMs: 4_000 },
      }),
    ],
    faults: [{ id: 'f-payment-down', kind: 'down', target: 'payment', atMs: 10_000, durationMs: 30_000 }],
    run: { seed: 5, speed: 0.5, untilMs: 60_000 },
  }),
};
