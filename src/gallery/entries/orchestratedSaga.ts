import { Diagram } from '../../model/schema';
import { call, client, service } from '../build';
import type { GalleryEntry } from '../types';

const step = (n: number, to: string, action: string, compensation: string) => ({
  id: `s-${n}`,
  kind: 'saga' as const,
  from: 'orchestrator',
  to,
  message: action,
  latencyMs: 25,
  saga: 'order',
  step: n,
  action,
  compensation,
});

/** Scenario 11: an orchestrated saga of four steps whose third step fails now and then. */
export const orchestratedSaga: GalleryEntry = {
  id: 'orchestrated-saga',
  title: 'Orchestrated saga: undo in reverse',
  tags: ['saga'],
  demonstrates: 'saga',
  explanation:
    'An orchestrator runs the order as four steps: charge the card, reserve stock, book the courier, send ' +
    'the confirmation. There is no transaction across services, so each step has a compensation that ' +
    'undoes it. The courier API fails 30% of the time: then step 4 never runs, and the orchestrator undoes ' +
    'what was done, newest first: release the stock (step 2), then refund the card (step 1).',
  watch: [
    { atMs: 1_000, text: 'Steps go out one by one from the orchestrator.', focus: ['orchestrator'] },
    { atMs: 12_000, text: 'A failed BookCourier: ReleaseStock goes first, then RefundCard.', focus: ['s-3'] },
    { atMs: 50_000, text: 'Open Metrics (M): sagas completed and compensated; none stuck.' },
  ],
  claim: 'Whenever step 3 fails, step 4 never runs and steps 2 and then 1 are compensated, in that order.',
  diagram: Diagram.parse({
    name: 'Orchestrated saga: undo in reverse',
    description:
      'Four saga steps; BookCourier fails 30% of the time and the orchestrator compensates 2, then 1.',
    services: [
      client('shop', 'Shop', 0, 200, 2),
      service('orchestrator', 'Order Orchestrator', 240, 200, 5, { kind: 'orchestrator' }),
      service('payment', 'Payment', 580, 0, 30, { idempotent: true }),
      service('stock', 'Stock', 580, 130, 20, { idempotent: true }),
      service('courier', 'Courier API', 580, 260, 80, { kind: 'external', errorRate: 0.3 }),
      service('notify', 'Notifications', 580, 390, 15, { idempotent: true }),
    ],
    edges: [
      call('e-shop', 'shop', 'orchestrator', 'POST /orders'),
      step(1, 'payment', 'ChargeCard', 'RefundCard'),
      step(2, 'stock', 'ReserveStock', 'ReleaseStock'),
      step(3, 'courier', 'BookCourier', 'CancelCourier'),
      step(4, 'notify', 'SendConfirmation', 'SendApology'),
    ],
    run: { seed: 13, speed: 0.25, untilMs: 60_000 },
  }),
};
