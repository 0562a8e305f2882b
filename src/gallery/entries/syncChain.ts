import { Diagram } from '../../model/schema';
import { call, client, service } from '../build';
import type { GalleryEntry } from '../types';

/** The five services of a checkout, called one after the other (shared by the slow-Bank entry). */
export function chainServices(bankMs: number) {
  return [
    client('client', 'Client', 0, 120, 2),
    service('gateway', 'Gateway', 220, 120, 2, { kind: 'gateway', concurrency: 64 }),
    service('order', 'Order', 440, 120, 10),
    service('payment', 'Payment', 660, 120, 15),
    service('bank', 'Bank', 880, 120, bankMs, { kind: 'external', concurrency: 64 }),
  ];
}

/** Scenario 1: latency of a sync chain is the sum of its hops. */
export const syncChain: GalleryEntry = {
  id: 'sync-chain',
  title: 'A sync chain adds up',
  tags: ['sync'],
  demonstrates: 'rest',
  explanation:
    'A checkout goes Client → Gateway → Order → Payment → Bank, each a synchronous REST call: every caller ' +
    'sends its request and waits for the reply before it answers its own caller. Every hop and every ' +
    'service here takes a fixed time, so you can add them up by hand: the client waits for all of them, ' +
    'one after the other.',
  watch: [
    {
      atMs: 400,
      text: 'A request travels down the chain; each caller keeps waiting for the reply.',
      focus: ['order'],
    },
    { atMs: 5_000, text: 'Select the Client: its latency is the same for every request.', focus: ['client'] },
    { atMs: 30_000, text: 'Open Metrics (M): p50 is the sum of the hops both ways plus each service.' },
  ],
  claim:
    'With fixed latencies, the median checkout equals the sum of the hops (network and serialization both ' +
    'ways, plus every service’s handling) within 1 ms.',
  diagram: Diagram.parse({
    name: 'A sync chain adds up',
    description: 'Client → Gateway → Order → Payment → Bank, all sync REST calls with fixed latencies.',
    services: chainServices(40),
    edges: [
      call('e-client-gateway', 'client', 'gateway', 'POST /checkout', { timeoutMs: 10_000 }),
      call('e-gateway-order', 'gateway', 'order', 'POST /orders', { timeoutMs: 9_000 }),
      call('e-order-payment', 'order', 'payment', 'POST /payments', { timeoutMs: 8_000 }),
      call('e-payment-bank', 'payment', 'bank', 'POST /charges', { timeoutMs: 7_000 }),
    ],
    run: { seed: 3, speed: 0.25, untilMs: 60_000 },
  }),
};
