import { FIELDS_V1 } from './codec-v1-fields';

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
 * This file holds the format's tables and defaults (derived from its frozen field list in
 * codec-v1-fields.ts) and its dictionary; codec-v1.ts encodes, codec-v1-decode.ts decodes. FROZEN once released: the field order, the tables, the defaults and the dictionary are the format.
 * If the model or its defaults change, add a new codec and keep this one's decoder as it is; it outputs model
 * version 1 JSON with every field explicit, which the model's migrations bring forward.
 */

const F = FIELDS_V1;

// The format's enum tables (a value is written as its index) and defaults, all from its frozen field list.
export const SERVICE_KINDS: readonly string[] = F['services[].kind'].options;
export const EDGE_KINDS: readonly string[] = F['edges[]'].options;
export const DISTS: readonly string[] = F['services[].latency'].options;
export const PATTERNS: readonly string[] = F['services[].traffic.pattern'].options;
export const NOTE_COLORS: readonly string[] = F['notes[].color'].options;
export const FAULT_KINDS: readonly string[] = F['faults[].kind'].options;
// Two-valued options live in a record's mask: a set bit is the second option.
export const PROTOCOLS: readonly string[] = F['edges[]<sync>.protocol'].options;
export const DELIVERIES: readonly string[] = F['edges[]<queue>.delivery'].options;
export const FAULT_SOURCES: readonly string[] = F['faults[].source'].options;
/** Each latency distribution's parameters, in the order they are written. */
export const DIST_PARAMS: Record<string, string[]> = Object.fromEntries(
  DISTS.map((dist) => {
    const prefix = `services[].latency<${dist}>.`;
    const params = Object.keys(F).filter((path) => path.startsWith(prefix) && path !== `${prefix}dist`);
    return [dist, params.map((path) => path.slice(prefix.length))];
  }),
);

export const D = {
  diagramName: F.name.default,
  service: {
    name: F['services[].name'].default,
    kind: F['services[].kind'].default,
    replicas: F['services[].replicas'].default,
    concurrency: F['services[].concurrency'].default,
    errorRate: F['services[].errorRate'].default,
  },
  latency: F['services[].latency'].default,
  traffic: F['services[].traffic'].default,
  // Every edge kind has the same common fields and defaults (the guard test sees any difference).
  edge: { message: F['edges[]<sync>.message'].default, latencyMs: F['edges[]<sync>.latencyMs'].default },
  sync: { timeoutMs: F['edges[]<sync>.timeoutMs'].default, retries: F['edges[]<sync>.retries'].default },
  backoff: F['edges[]<sync>.backoff'].default,
  breaker: F['edges[]<sync>.breaker'].default,
  queue: {
    channel: F['edges[]<queue>.channel'].default,
    maxDeliveries: F['edges[]<queue>.maxDeliveries'].default,
    ackLossRate: F['edges[]<queue>.ackLossRate'].default,
    replyChannel: F['edges[]<queue>.replyChannel'].default,
  },
  topic: { topic: F['edges[]<topic>.topic'].default },
  saga: {
    saga: F['edges[]<saga>.saga'].default,
    step: F['edges[]<saga>.step'].default,
    action: F['edges[]<saga>.action'].default,
    compensation: F['edges[]<saga>.compensation'].default,
  },
  note: {
    text: F['notes[].text'].default,
    width: F['notes[].width'].default,
    height: F['notes[].height'].default,
    color: F['notes[].color'].default,
  },
  fault: {
    atMs: F['faults[].atMs'].default,
    durationMs: F['faults[].durationMs'].default,
    factor: F['faults[].factor'].default,
    rate: F['faults[].rate'].default,
  },
  run: {
    seed: F['run.seed'].default,
    speed: F['run.speed'].default,
    untilMs: F['run.untilMs'].default,
    hopLimit: F['run.hopLimit'].default,
    rest: F['run.serializationMs.rest'].default,
    grpc: F['run.serializationMs.grpc'].default,
  },
};

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
