import type { Diagram, Edge, Latency } from '../model/schema';
import { ByteReader, ByteWriter, PayloadShapeError } from './varint';

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
 * FROZEN once released: the field order, the tables, the defaults and the dictionary are the format.
 * If the model or its defaults change, add codec-v2.ts and keep this decoder as it is; it outputs model
 * version 1 JSON with every field explicit, which the model's migrations bring forward.
 */
export const FORMAT_1 = 1;

export { PayloadShapeError };

const SERVICE_KINDS = ['client', 'gateway', 'service', 'database', 'external', 'orchestrator'];
const EDGE_KINDS = ['sync', 'queue', 'topic', 'saga'];
const DISTS = ['fixed', 'uniform', 'normal', 'exponential', 'lognormal'];
const PATTERNS = ['steady', 'poisson', 'bursts'];
const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink'];
const FAULT_KINDS = ['down', 'slow', 'error', 'cut'];
const DIST_PARAMS: Record<string, string[]> = {
  fixed: ['ms'],
  uniform: ['min', 'max'],
  normal: ['mean', 'sd'],
  exponential: ['mean'],
  lognormal: ['median', 'sigma'],
};

const D = {
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

const round = (v: number) => Math.round(v) || 0; // `|| 0` turns -0 into 0
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

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

const ID_EXPLICIT = 0;
const ID_NEXT = 1;
const ID_DERIVED = 2;

/** The format-1 bytes of `diagram` (before deflate). */
export function encodeV1(diagram: Diagram, autoplay: boolean): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const body = new ByteWriter();
  const str = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    body.uint(i);
  };
  /** Writes the mask of `fields` (true where the value is not the default), then each differing value. */
  const record = (fields: Array<[differs: boolean, write?: () => void]>) => {
    let mask = 0;
    fields.forEach(([differs], i) => (mask += differs ? 2 ** i : 0));
    body.uint(mask);
    for (const [differs, write] of fields) if (differs && write) write();
  };
  const id = (value: string, previous: string | undefined, derived: string | null) => {
    if (previous !== undefined && nextId(previous) === value) body.uint(ID_NEXT);
    else if (derived === value) body.uint(ID_DERIVED);
    else {
      body.uint(ID_EXPLICIT);
      str(value);
    }
  };
  const serviceIndex = new Map(diagram.services.map((s, i) => [s.id, i]));
  const edgeIndex = new Map(diagram.edges.map((e, i) => [e.id, i]));
  // A known element by position; an unknown id (only in invalid diagrams) by name, as a negative number.
  const ref = (target: string, index: Map<string, number>) => {
    const i = index.get(target);
    if (i !== undefined) return body.sint(i);
    const s = stringIndex.get(target) ?? strings.push(target) - 1;
    stringIndex.set(target, s);
    body.sint(-1 - s);
  };
  const positions = [...diagram.services, ...diagram.notes].flatMap((x) => [
    round(x.position.x),
    round(x.position.y),
  ]);
  const grid = positions.reduce((g, v) => gcd(g, Math.abs(v)), 0) || 1;
  const latencyDiffers = (l: Latency) =>
    l.dist !== D.latency.dist || l.mean !== D.latency.mean || l.sd !== D.latency.sd;
  const params = (l: Latency) =>
    DIST_PARAMS[l.dist]!.map((p) => (l as unknown as Record<string, number>)[p]!);

  body.uint((autoplay ? 1 : 0) + (diagram.viewport ? 2 : 0));
  record([
    [diagram.name !== D.diagramName, () => str(diagram.name)],
    [diagram.description !== '', () => str(diagram.description)],
  ]);
  body.uint(grid);

  body.uint(diagram.services.length);
  diagram.services.forEach((s, i) => {
    id(s.id, diagram.services[i - 1]?.id, slugId(s.name));
    const t = s.traffic;
    const d = D.service;
    record([
      [s.name !== d.name, () => str(s.name)],
      [s.kind !== d.kind, () => body.uint(SERVICE_KINDS.indexOf(s.kind))],
      [round(s.position.x) !== 0, () => body.sint(round(s.position.x) / grid)],
      [round(s.position.y) !== 0, () => body.sint(round(s.position.y) / grid)],
      [s.replicas !== d.replicas, () => body.num(s.replicas)],
      [s.concurrency !== d.concurrency, () => body.num(s.concurrency)],
      [
        latencyDiffers(s.latency),
        () => (body.uint(DISTS.indexOf(s.latency.dist)), params(s.latency).forEach((p) => body.num(p))),
      ],
      [s.errorRate !== d.errorRate, () => body.num(s.errorRate)],
      [s.idempotent],
      [
        t.pattern !== D.traffic.pattern ||
          t.rate !== D.traffic.rate ||
          t.burstSize !== D.traffic.burstSize ||
          t.burstEveryMs !== D.traffic.burstEveryMs,
        () =>
          record([
            [t.pattern !== D.traffic.pattern, () => body.uint(PATTERNS.indexOf(t.pattern))],
            [t.rate !== D.traffic.rate, () => body.num(t.rate)],
            [t.burstSize !== D.traffic.burstSize, () => body.num(t.burstSize)],
            [t.burstEveryMs !== D.traffic.burstEveryMs, () => body.num(t.burstEveryMs)],
          ]),
      ],
    ]);
  });

  body.uint(diagram.edges.length);
  diagram.edges.forEach((e, i) => {
    body.uint(EDGE_KINDS.indexOf(e.kind));
    id(e.id, diagram.edges[i - 1]?.id, `${e.from}-${e.to}`);
    ref(e.from, serviceIndex);
    ref(e.to, serviceIndex);
    record([
      [e.message !== D.edge.message, () => str(e.message)],
      [e.latencyMs !== D.edge.latencyMs, () => body.num(e.latencyMs)],
      [e.triggers.length > 0, () => (body.uint(e.triggers.length), e.triggers.forEach(str))],
      ...edgeFields(e),
    ]);
  });

  function edgeFields(e: Edge): Array<[boolean, (() => void)?]> {
    switch (e.kind) {
      case 'sync': {
        const b = e.backoff;
        const k = e.breaker;
        const db = D.backoff;
        return [
          [e.protocol === 'grpc'],
          [e.timeoutMs !== D.sync.timeoutMs, () => body.num(e.timeoutMs)],
          [e.retries !== D.sync.retries, () => body.num(e.retries)],
          [
            b.baseMs !== db.baseMs ||
              b.factor !== db.factor ||
              b.maxMs !== db.maxMs ||
              b.jitter !== db.jitter,
            () =>
              record([
                [b.baseMs !== db.baseMs, () => body.num(b.baseMs)],
                [b.factor !== db.factor, () => body.num(b.factor)],
                [b.maxMs !== db.maxMs, () => body.num(b.maxMs)],
                [b.jitter !== db.jitter, () => body.num(b.jitter)],
              ]),
          ],
          [k.enabled],
          [k.threshold !== D.breaker.threshold, () => body.num(k.threshold)],
          [k.openMs !== D.breaker.openMs, () => body.num(k.openMs)],
        ];
      }
      case 'queue': {
        const d = D.queue;
        return [
          [e.channel !== d.channel, () => str(e.channel)],
          [!e.durable],
          [e.delivery === 'at-most-once'],
          [e.maxDeliveries !== d.maxDeliveries, () => body.num(e.maxDeliveries)],
          [!e.deadLetter],
          [e.ackLossRate !== d.ackLossRate, () => body.num(e.ackLossRate)],
          [e.replyChannel !== d.replyChannel, () => str(e.replyChannel)],
        ];
      }
      case 'topic':
        return [[e.topic !== D.topic.topic, () => str(e.topic)], [!e.durable]];
      case 'saga': {
        const d = D.saga;
        return [
          [e.saga !== d.saga, () => str(e.saga)],
          [e.step !== d.step, () => body.num(e.step)],
          [e.action !== d.action, () => str(e.action)],
          [e.compensation !== d.compensation, () => str(e.compensation)],
        ];
      }
    }
  }

  body.uint(diagram.notes.length);
  diagram.notes.forEach((n, i) => {
    id(n.id, diagram.notes[i - 1]?.id, null);
    const d = D.note;
    record([
      [n.text !== d.text, () => str(n.text)],
      [round(n.position.x) !== 0, () => body.sint(round(n.position.x) / grid)],
      [round(n.position.y) !== 0, () => body.sint(round(n.position.y) / grid)],
      [round(n.width) !== d.width, () => body.num(round(n.width))],
      [round(n.height) !== d.height, () => body.num(round(n.height))],
      [n.color !== d.color, () => body.uint(NOTE_COLORS.indexOf(n.color))],
    ]);
  });

  body.uint(diagram.faults.length);
  diagram.faults.forEach((f, i) => {
    id(f.id, diagram.faults[i - 1]?.id, null);
    body.uint(FAULT_KINDS.indexOf(f.kind));
    ref(f.target, f.kind === 'cut' ? edgeIndex : serviceIndex);
    const d = D.fault;
    record([
      [f.atMs !== d.atMs, () => body.num(f.atMs)],
      [f.durationMs !== d.durationMs, () => body.num(f.durationMs)],
      [f.factor !== d.factor, () => body.num(f.factor)],
      [f.rate !== d.rate, () => body.num(f.rate)],
      [f.source === 'live'],
    ]);
  });

  const r = diagram.run;
  const dr = D.run;
  record([
    [r.seed !== dr.seed, () => body.num(r.seed)],
    [r.speed !== dr.speed, () => body.num(r.speed)],
    [r.untilMs !== dr.untilMs, () => body.num(r.untilMs)],
    [r.hopLimit !== dr.hopLimit, () => body.num(r.hopLimit)],
    [r.serializationMs.rest !== dr.rest, () => body.num(r.serializationMs.rest)],
    [r.serializationMs.grpc !== dr.grpc, () => body.num(r.serializationMs.grpc)],
  ]);
  const v = diagram.viewport;
  if (v) {
    body.sint(round(v.x));
    body.sint(round(v.y));
    body.num(Math.round(v.zoom * 1000) / 1000);
  }

  // The string table goes first so the decoder can resolve references as it reads.
  const out = new ByteWriter();
  const encoder = new TextEncoder();
  out.uint(strings.length);
  for (const s of strings) {
    const bytes = encoder.encode(s);
    out.uint(bytes.length);
    out.raw(bytes);
  }
  out.raw(body.finish());
  return out.finish();
}

/** Reads format-1 bytes back into model-version-1 diagram JSON with every field explicit. */
export function decodeV1(bytes: Uint8Array): { raw: Record<string, unknown>; autoplay: boolean } {
  const r = new ByteReader(bytes);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const count = r.uint();
  if (count > bytes.length) throw new PayloadShapeError('its string table is impossibly long');
  const strings: string[] = [];
  for (let i = 0; i < count; i++) {
    try {
      strings.push(decoder.decode(r.take(r.uint())));
    } catch (e) {
      throw e instanceof PayloadShapeError ? e : new PayloadShapeError('a text is not valid UTF-8');
    }
  }
  const str = () => {
    const s = strings[r.uint()];
    if (s === undefined) throw new PayloadShapeError('a text reference is out of range');
    return s;
  };
  const choose = (options: readonly string[]) => {
    const s = options[r.uint()];
    if (s === undefined) throw new PayloadShapeError('a choice is out of range');
    return s;
  };
  /** Reads a mask; `has(i)` says whether field i was written. */
  const mask = () => {
    const m = r.uint();
    return (i: number) => Math.floor(m / 2 ** i) % 2 === 1;
  };
  const listLength = () => {
    const n = r.uint();
    if (n > bytes.length) throw new PayloadShapeError('a list is impossibly long');
    return n;
  };
  const id = (previous: string | undefined, derived: () => string | null) => {
    const mode = r.uint();
    const value =
      mode === ID_EXPLICIT
        ? str()
        : mode === ID_NEXT
          ? previous === undefined
            ? null
            : nextId(previous)
          : mode === ID_DERIVED
            ? derived()
            : null;
    if (value === null) throw new PayloadShapeError('a left-out id can not be derived');
    return value;
  };
  const ref = (ids: string[]) => {
    const n = r.sint();
    const value = n >= 0 ? ids[n] : strings[-1 - n];
    if (value === undefined) throw new PayloadShapeError('a reference is out of range');
    return value;
  };

  const flags = r.uint();
  if (flags > 3) throw new PayloadShapeError('it has flags this format does not know');
  const top = mask();
  const name = top(0) ? str() : D.diagramName;
  const description = top(1) ? str() : '';
  const grid = r.uint();

  const services: Array<Record<string, unknown>> = [];
  const serviceIds: string[] = [];
  for (let i = 0, n = listLength(); i < n; i++) {
    const idMode = r.uint();
    // The derived id needs the name, which follows: read the id's string (if any) first, then the fields.
    const explicit = idMode === ID_EXPLICIT ? str() : undefined;
    const has = mask();
    const d = D.service;
    const s: Record<string, unknown> = {
      name: has(0) ? str() : d.name,
      kind: has(1) ? choose(SERVICE_KINDS) : d.kind,
      position: { x: has(2) ? r.sint() * grid : 0, y: has(3) ? r.sint() * grid : 0 },
      replicas: has(4) ? r.num() : d.replicas,
      concurrency: has(5) ? r.num() : d.concurrency,
      latency: has(6) ? latency() : { ...D.latency },
      errorRate: has(7) ? r.num() : d.errorRate,
      idempotent: has(8),
      traffic: has(9) ? traffic() : { ...D.traffic },
    };
    const value =
      idMode === ID_EXPLICIT
        ? explicit!
        : idMode === ID_NEXT
          ? serviceIds[i - 1] !== undefined
            ? nextId(serviceIds[i - 1]!)
            : null
          : idMode === ID_DERIVED
            ? slugId(s.name as string)
            : null;
    if (value === null) throw new PayloadShapeError('a left-out id can not be derived');
    serviceIds.push(value);
    services.push({ id: value, ...s });
  }
  function latency() {
    const dist = choose(DISTS);
    const out: Record<string, unknown> = { dist };
    for (const p of DIST_PARAMS[dist]!) out[p] = r.num();
    return out;
  }
  function traffic() {
    const has = mask();
    const d = D.traffic;
    return {
      pattern: has(0) ? choose(PATTERNS) : d.pattern,
      rate: has(1) ? r.num() : d.rate,
      burstSize: has(2) ? r.num() : d.burstSize,
      burstEveryMs: has(3) ? r.num() : d.burstEveryMs,
    };
  }

  const edges: Array<Record<string, unknown>> = [];
  const edgeIds: string[] = [];
  for (let i = 0, n = listLength(); i < n; i++) {
    const kind = choose(EDGE_KINDS);
    const idMode = r.uint();
    const explicit = idMode === ID_EXPLICIT ? str() : undefined;
    const from = ref(serviceIds);
    const to = ref(serviceIds);
    const value =
      explicit ??
      (idMode === ID_NEXT && edgeIds[i - 1] !== undefined
        ? nextId(edgeIds[i - 1]!)
        : idMode === ID_DERIVED
          ? `${from}-${to}`
          : null);
    if (value === null) throw new PayloadShapeError('a left-out id can not be derived');
    edgeIds.push(value);
    const has = mask();
    const common = {
      id: value,
      from,
      to,
      kind,
      message: has(0) ? str() : D.edge.message,
      latencyMs: has(1) ? r.num() : D.edge.latencyMs,
      triggers: has(2) ? Array.from({ length: listLength() }, str) : [],
    };
    edges.push({ ...common, ...edgeFields(kind, (j) => has(3 + j)) });
  }
  function edgeFields(kind: string, has: (j: number) => boolean): Record<string, unknown> {
    switch (kind) {
      case 'sync': {
        const db = D.backoff;
        const out: Record<string, unknown> = {
          protocol: has(0) ? 'grpc' : 'rest',
          timeoutMs: has(1) ? r.num() : D.sync.timeoutMs,
          retries: has(2) ? r.num() : D.sync.retries,
        };
        if (has(3)) {
          const b = mask();
          out.backoff = {
            baseMs: b(0) ? r.num() : db.baseMs,
            factor: b(1) ? r.num() : db.factor,
            maxMs: b(2) ? r.num() : db.maxMs,
            jitter: b(3) ? r.num() : db.jitter,
          };
        } else out.backoff = { ...db };
        out.breaker = {
          enabled: has(4),
          threshold: has(5) ? r.num() : D.breaker.threshold,
          openMs: has(6) ? r.num() : D.breaker.openMs,
        };
        return out;
      }
      case 'queue': {
        const d = D.queue;
        return {
          channel: has(0) ? str() : d.channel,
          durable: !has(1),
          delivery: has(2) ? 'at-most-once' : 'at-least-once',
          maxDeliveries: has(3) ? r.num() : d.maxDeliveries,
          deadLetter: !has(4),
          ackLossRate: has(5) ? r.num() : d.ackLossRate,
          replyChannel: has(6) ? str() : d.replyChannel,
        };
      }
      case 'topic':
        return { topic: has(0) ? str() : D.topic.topic, durable: !has(1) };
      default: {
        const d = D.saga;
        return {
          saga: has(0) ? str() : d.saga,
          step: has(1) ? r.num() : d.step,
          action: has(2) ? str() : d.action,
          compensation: has(3) ? str() : d.compensation,
        };
      }
    }
  }

  const notes: Array<Record<string, unknown>> = [];
  for (let i = 0, n = listLength(); i < n; i++) {
    const value = id(notes[i - 1]?.id as string | undefined, () => null);
    const has = mask();
    const d = D.note;
    notes.push({
      id: value,
      text: has(0) ? str() : d.text,
      position: { x: has(1) ? r.sint() * grid : 0, y: has(2) ? r.sint() * grid : 0 },
      width: has(3) ? r.num() : d.width,
      height: has(4) ? r.num() : d.height,
      color: has(5) ? choose(NOTE_COLORS) : d.color,
    });
  }

  const faults: Array<Record<string, unknown>> = [];
  for (let i = 0, n = listLength(); i < n; i++) {
    const value = id(faults[i - 1]?.id as string | undefined, () => null);
    const kind = choose(FAULT_KINDS);
    const target = ref(kind === 'cut' ? edgeIds : serviceIds);
    const has = mask();
    const d = D.fault;
    faults.push({
      id: value,
      kind,
      target,
      atMs: has(0) ? r.num() : d.atMs,
      durationMs: has(1) ? r.num() : d.durationMs,
      factor: has(2) ? r.num() : d.factor,
      rate: has(3) ? r.num() : d.rate,
      source: has(4) ? 'live' : 'script',
    });
  }

  const run = mask();
  const dr = D.run;
  const raw: Record<string, unknown> = {
    version: 1,
    name,
    description,
    services,
    edges,
    notes,
    faults,
    run: {
      seed: run(0) ? r.num() : dr.seed,
      speed: run(1) ? r.num() : dr.speed,
      untilMs: run(2) ? r.num() : dr.untilMs,
      hopLimit: run(3) ? r.num() : dr.hopLimit,
      serializationMs: { rest: run(4) ? r.num() : dr.rest, grpc: run(5) ? r.num() : dr.grpc },
    },
  };
  if (flags & 2) raw.viewport = { x: r.sint(), y: r.sint(), zoom: r.num() };
  if (!r.done) throw new PayloadShapeError('there are bytes left over after the diagram');
  return { raw, autoplay: (flags & 1) === 1 };
}
