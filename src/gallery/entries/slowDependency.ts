import { Diagram } from '../../model/schema';
import { call } from '../build';
import type { GalleryEntry } from '../types';
import { chainServices } from './syncChain';

/** Scenario 2: a slow dependency at the end of a sync chain makes the whole chain slow. */
export const slowDependency: GalleryEntry = {
  id: 'slow-dependency',
  title: 'One slow dependency slows them all',
  tags: ['sync', 'resilience'],
  demonstrates: 'rest',
  explanation:
    'The same checkout chain, but the Bank takes 3 seconds to answer. Nobody upstream can answer before ' +
    'it does, so every checkout takes 3 seconds or more. Worse, Gateway, Order and Payment each hold one ' +
    'of their slots (a thread, a connection) while they wait: slow dependencies eat capacity far from ' +
    'where the slowness is.',
  watch: [
    {
      atMs: 1_500,
      text: 'Requests pile up at the Bank; the services above it show “waiting”.',
      focus: ['payment'],
    },
    { atMs: 10_000, text: 'Select Order: its slots are held waiting, not working.', focus: ['order'] },
    { atMs: 40_000, text: 'In Metrics, the Client’s p50 is above 3 s.', focus: ['client'] },
  ],
  claim:
    'The median checkout takes 3 s or more, and Gateway, Order and Payment all hold slots waiting while ' +
    'the Bank works.',
  diagram: Diagram.parse({
    name: 'One slow dependency slows them all',
    description: 'The checkout chain with a Bank that takes 3 s: callers hold their slots while they wait.',
    services: chainServices(3_000),
    edges: [
      call('e-client-gateway', 'client', 'gateway', 'POST /checkout', { timeoutMs: 10_000 }),
      call('e-gateway-order', 'gateway', 'order', 'POST /orders', { timeoutMs: 9_000 }),
      call('e-order-payment', 'order', 'payment', 'POST /payments', { timeoutMs: 8_000 }),
      call('e-payment-bank', 'payment', 'bank', 'POST /charges', { timeoutMs: 7_000 }),
    ],
    run: { seed: 3, speed: 1, untilMs: 60_000 },
  }),
};
