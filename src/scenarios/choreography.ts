import { Diagram, type DiagramInput } from '../model/schema';

const input: DiagramInput = {
  name: 'Order saga (choreographed)',
  description:
    'No orchestrator: each service reacts to the previous one’s event. Orders emits OrderCreated, Payment charges ' +
    'and emits PaymentCompleted, Stock reserves and emits StockReserved, Shipping books the parcel. When Shipping ' +
    'fails, the compensations travel back along the chain: Stock releases, then Payment refunds.',
  services: [
    {
      id: 'shop',
      name: 'Shop Front',
      kind: 'client',
      position: { x: 0, y: 160 },
      concurrency: 1000,
      latency: { dist: 'fixed', ms: 0 },
      traffic: { pattern: 'poisson', rate: 2 },
    },
    {
      id: 'orders',
      name: 'Orders',
      kind: 'service',
      position: { x: 240, y: 160 },
      latency: { dist: 'normal', mean: 10, sd: 3 },
    },
    {
      id: 'payment',
      name: 'Payment',
      kind: 'service',
      position: { x: 480, y: 60 },
      latency: { dist: 'normal', mean: 35, sd: 8 },
    },
    {
      id: 'stock',
      name: 'Stock',
      kind: 'service',
      position: { x: 720, y: 160 },
      latency: { dist: 'normal', mean: 15, sd: 4 },
      idempotent: true,
    },
    {
      id: 'shipping',
      name: 'Shipping',
      kind: 'service',
      position: { x: 960, y: 60 },
      latency: { dist: 'lognormal', median: 60, sigma: 0.5 },
      errorRate: 0.25,
    },
  ],
  edges: [
    { id: 'e-shop-orders', kind: 'sync', from: 'shop', to: 'orders', message: 'POST /orders', retries: 0 },
    {
      id: 'c-created',
      kind: 'saga',
      // An event hop slow enough to watch at the default speed (a 5 ms hop is a single frame).
      latencyMs: 30,
      from: 'orders',
      to: 'payment',
      message: 'OrderCreated',
      saga: 'fulfilment',
      step: 1,
      action: 'OrderCreated',
      compensation: 'RefundPayment',
    },
    {
      id: 'c-paid',
      kind: 'saga',
      latencyMs: 30,
      from: 'payment',
      to: 'stock',
      message: 'PaymentCompleted',
      saga: 'fulfilment',
      step: 2,
      action: 'PaymentCompleted',
      compensation: 'ReleaseStock',
    },
    {
      id: 'c-reserved',
      kind: 'saga',
      latencyMs: 30,
      from: 'stock',
      to: 'shipping',
      message: 'StockReserved',
      saga: 'fulfilment',
      step: 3,
      action: 'StockReserved',
      compensation: 'CancelShipment',
    },
  ],
  notes: [
    {
      id: 'note-choreo',
      position: { x: 0, y: 300 },
      width: 240,
      height: 120,
      color: 'blue',
      text: 'Compensations flow backwards along the chain of events, newest step first.',
    },
  ],
  faults: [{ id: 'f-stock-down', kind: 'down', target: 'stock', atMs: 30_000, durationMs: 5_000 }],
  // Seed 12: the first order is in the air 0.2 s after Play at this speed (with seed 7, after 0.94 s), and
  // about 30 of the run's orders are compensated back along the chain.
  run: { seed: 12, speed: 0.25, untilMs: 60_000 },
};

/** A choreographed saga: a chain of events whose failures are undone back along the chain. */
export const choreographyExample: Diagram = Diagram.parse(input);
