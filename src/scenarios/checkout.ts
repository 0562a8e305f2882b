import type { Diagram, DiagramInput } from '../model/schema';
import { diagramWithDefaults } from '../model/schemaDefaults';

/** The Checkout example as written: every field left out takes the schema's default. */
export const checkoutInput: DiagramInput = {
  name: 'Checkout',
  description:
    'A client places orders through an API gateway. The order service charges the card with a chain of sync calls ' +
    'down to the bank, then announces OrderPlaced on a topic that inventory and email each receive.',
  services: [
    {
      id: 'client',
      name: 'Web Client',
      kind: 'client',
      position: { x: 0, y: 160 },
      concurrency: 1000,
      latency: { dist: 'fixed', ms: 0 },
      traffic: { pattern: 'poisson', rate: 2 },
    },
    {
      id: 'gateway',
      name: 'API Gateway',
      kind: 'gateway',
      position: { x: 230, y: 160 },
      concurrency: 64,
      latency: { dist: 'normal', mean: 3, sd: 1 },
      idempotent: true,
    },
    {
      id: 'orders',
      name: 'Order Service',
      kind: 'service',
      position: { x: 460, y: 160 },
      replicas: 2,
      latency: { dist: 'normal', mean: 25, sd: 8 },
    },
    {
      id: 'payment',
      name: 'Payment Service',
      kind: 'service',
      position: { x: 690, y: 60 },
      latency: { dist: 'normal', mean: 30, sd: 10 },
    },
    {
      id: 'bank',
      name: 'Bank API',
      kind: 'external',
      position: { x: 920, y: 60 },
      concurrency: 8,
      latency: { dist: 'lognormal', median: 120, sigma: 0.5 },
      errorRate: 0.02,
    },
    {
      id: 'inventory',
      name: 'Inventory',
      kind: 'service',
      position: { x: 690, y: 280 },
      latency: { dist: 'normal', mean: 15, sd: 5 },
      idempotent: true,
    },
    {
      id: 'email',
      name: 'Email',
      kind: 'service',
      position: { x: 690, y: 420 },
      latency: { dist: 'exponential', mean: 60 },
    },
  ],
  edges: [
    {
      id: 'e-client-gw',
      kind: 'sync',
      from: 'client',
      to: 'gateway',
      message: 'POST /orders',
      latencyMs: 40,
      timeoutMs: 3000,
      retries: 0,
    },
    {
      id: 'e-gw-orders',
      kind: 'sync',
      from: 'gateway',
      to: 'orders',
      message: 'POST /orders',
      latencyMs: 15,
      timeoutMs: 2500,
      retries: 0,
    },
    {
      id: 'e-orders-payment',
      kind: 'sync',
      from: 'orders',
      to: 'payment',
      message: 'ChargeCard',
      protocol: 'grpc',
      latencyMs: 15,
      timeoutMs: 1500,
      retries: 1,
      breaker: { enabled: true, threshold: 5, openMs: 5000 },
    },
    {
      id: 'e-payment-bank',
      kind: 'sync',
      from: 'payment',
      to: 'bank',
      message: 'POST /charges',
      latencyMs: 40,
      timeoutMs: 800,
      retries: 2,
      breaker: { enabled: true, threshold: 5, openMs: 4000 },
    },
    {
      id: 'e-orders-inventory',
      kind: 'topic',
      from: 'orders',
      to: 'inventory',
      message: 'OrderPlaced',
      topic: 'orders',
      latencyMs: 20,
    },
    {
      id: 'e-orders-email',
      kind: 'topic',
      from: 'orders',
      to: 'email',
      message: 'OrderPlaced',
      topic: 'orders',
      latencyMs: 20,
      durable: false,
    },
  ],
  notes: [
    {
      id: 'note-1',
      position: { x: 0, y: 320 },
      width: 260,
      height: 150,
      color: 'yellow',
      text: 'Press play (Space). Then right-click Payment Service and take it down: calls to it fail, and after five failures the circuit on ChargeCard opens and fails fast. Bring it back and watch the circuit half-open, then close.',
    },
  ],
  // Seed 7: the first order is in the air at once after Play at this speed (seed 42 sends none in the
  // first second since each client draws its arrivals from its own stream).
  run: { seed: 7, speed: 0.25, untilMs: 60_000 },
};

/**
 * The built-in example that greets a first-time user: sync chain plus an event fan-out. Its defaults
 * come from their plain copy, not from zod (the first screen does without the schema, issue 10);
 * scenarios.test.ts checks that the schema reads it as valid and the same.
 */
export const checkoutExample: Diagram = diagramWithDefaults(checkoutInput);
