import { Diagram } from '../../model/schema';
import { call, client, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 12: retries after timeouts into a consumer that is not idempotent. */
export const retriesDuplicates: GalleryEntry = {
  id: 'retries-duplicates',
  title: 'Retries into a non-idempotent service',
  tags: ['sync', 'resilience', 'idempotency'],
  demonstrates: 'rest',
  explanation:
    'Checkout calls Payment with a 150 ms timeout and 2 retries. Payment usually answers in time, but ' +
    'sometimes it is slower: Checkout gives up and sends the charge again, while Payment is still busy ' +
    'with the first one, and both succeed. The card is charged twice. Select Payment and tick ' +
    '“idempotent” (it would remember the idempotency key and answer the retry with the first result): the ' +
    'duplicates stop.',
  watch: [
    { atMs: 3_000, text: 'A slow charge times out and is retried (orange).', focus: ['e-checkout-payment'] },
    { atMs: 30_000, text: 'Red marks on Payment: the same charge applied twice.', focus: ['payment'] },
    {
      atMs: 55_000,
      text: 'Select Payment and make it idempotent, then run again: no duplicates.',
      focus: ['payment'],
    },
  ],
  claim:
    'Retries after timeouts charge some cards twice (duplicate side effects > 0); the same run with ' +
    'Payment idempotent has none.',
  diagram: Diagram.parse({
    name: 'Retries into a non-idempotent service',
    description: 'A 150 ms timeout with 2 retries into a Payment service that sometimes takes longer.',
    services: [
      client('client', 'Client', 0, 120, 4),
      service('checkout', 'Checkout', 240, 120, 5),
      service('payment', 'Payment', 540, 120, 0, { latency: { dist: 'lognormal', median: 90, sigma: 0.6 } }),
    ],
    edges: [
      call('e-client-checkout', 'client', 'checkout', 'POST /checkout', { timeoutMs: 3_000 }),
      call('e-checkout-payment', 'checkout', 'payment', 'ChargeCard', {
        timeoutMs: 150,
        retries: 2,
        backoff: { baseMs: 50, factor: 2, maxMs: 400, jitter: 0.2 },
      }),
    ],
    run: { seed: 14, speed: 0.25, untilMs: 60_000 },
  }),
};
