/**
 * Link format 1: a diagram of model version 1 as a compact byte stream (deflated by link.ts).
 *
 * - A string table comes first; every string (ids, names, messages, channels…) is a reference into it.
 * - Each record starts with a bit mask of the fields that differ from the format-1 defaults below; only
 *   those follow. Two-valued fields (booleans, rest/grpc, …) live in the mask itself.
 * - Ids that an editor would derive are left out: the one after the previous id (`s1`, `s2`), a service
 *   id that is its name in kebab case (`order-service`), an edge id `<from>-<to>`.
 * - Edges and faults name their services and edges by position; positions are whole pixels, divided
 *   by their greatest common divisor (diagrams on a grid shrink to small numbers).
 *
 * This file holds the format's tables, defaults and dictionary; codec-v1.ts encodes, codec-v1-decode.ts
 * decodes. FROZEN once released: the field order, the tables, the defaults and the dictionary are the format.
 * If the model or its defaults change, add a new codec and keep this one's decoder as it is; it outputs model
 * version 1 JSON with every field explicit, which the model's migrations bring forward.
 */

export const SERVICE_KINDS = ['client', 'gateway', 'service', 'database', 'external', 'orchestrator'];
export const EDGE_KINDS = ['sync', 'queue', 'topic', 'saga'];
export const DISTS = ['fixed', 'uniform', 'normal', 'exponential', 'lognormal'];
export const PATTERNS = ['steady', 'poisson', 'bursts'];
export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink'];
export const FAULT_KINDS = ['down', 'slow', 'error', 'cut'];
export const DIST_PARAMS: Record<string, string[]> = {
  fixed: ['ms'],
  uniform: ['min', 'max'],
  normal: ['mean', 'sd'],
  exponential: ['mean'],
  lognormal: ['median', 'sigma'],
};

export const D = {
  diagramName: 'Untitled diagram',
  service: { name: 'Service', kind: 'service', replicas: 1, concurrency: 4, errorRate: 0 },
  latency: { dist: 'normal', mean: 20, sd: 5 },
  traffic: { pattern: 'poisson', rate: 2, burstSize: 10, burstEveryMs: 5_000 },
  edge: { message: '', latencyMs: 5 },
  sync: { timeoutMs: 1_000, retries: 2 },
  backoff: { baseMs: 100, factor: 2, maxMs: 2_000, jitter: 0.2 },
  breaker: { threshold: 5, openMs: 5_000 },
  queue: { channel: 'jobs', maxDeliveries: 5, ackLossRate: 0, replyChannel: '' },
  topic: { topic: 'events' },
  saga: { saga: 'saga', step: 1, action: '', compensation: '' },
  note: { text: '', width: 200, height: 120, color: 'yellow' },
  fault: { atMs: 0, durationMs: 0, factor: 5, rate: 0.5 },
  run: { seed: 1, speed: 0.25, untilMs: 60_000, hopLimit: 16, rest: 1, grpc: 0.2 },
} as const;

/** Words diagrams often use, given to deflate as a preset dictionary so short links compress well. */
export const DICTIONARY_V1 = new TextEncoder().encode(
  [
    'A  diagram with services every edge kind sync queue topic saga fault script client consumer request reply',
    'event orchestrated choreographed compensation the and of to a in Take down watch Press play',
    'Web Client Mobile App API Gateway Order Service Orders Payment Service Payments Bank API Inventory Email',
    'Notification Shipping Billing Catalog Cache Database DB External API Orchestrator Analytics Loyalty',
    'Warehouse Courier Supplier Reservations Search Pricing Customer Fraud Auth Users Cart Checkout Invoice',
    'GET /orders POST /orders POST /payments POST /charges GET /catalog GET /items',
    'OrderPlaced OrderCreated PaymentCompleted PaymentFailed ChargeCard Charge Authorize Capture Refund Void',
    'Reserve Release Cancel Ship Create Book Confirm Undo orders payments order-events invoices replies jobs events',
    'service gateway database orchestrator checkout',
  ].join(' '),
);

export const round = (v: number) => Math.round(v) || 0; // `|| 0` turns -0 into 0
export const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The id an editor gives after `id`: its trailing number plus one (`s9` → `s10`), or null. */
export function nextId(id: string): string | null {
  const m = /^(.*?)(\d{1,15})$/.exec(id);
  return m ? `${m[1]}${Number(m[2]) + 1}` : null;
}

/** An ASCII name in kebab case (`Order Service` → `order-service`), the id people write for it; else null. */
export function slugId(name: string): string | null {
  if (!/^[\x20-\x7e]*$/.test(name)) return null;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || null;
}

export const ID_EXPLICIT = 0;
export const ID_NEXT = 1;
export const ID_DERIVED = 2;
