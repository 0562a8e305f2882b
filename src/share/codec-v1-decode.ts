import {
  D,
  DIST_PARAMS,
  DISTS,
  EDGE_KINDS,
  FAULT_KINDS,
  ID_DERIVED,
  ID_EXPLICIT,
  ID_NEXT,
  nextId,
  NOTE_COLORS,
  PATTERNS,
  SERVICE_KINDS,
  slugId,
} from './codec-v1-tables';
import { LIMITS } from '../model/schema';
import { checkCount, checkTextBytes, checkTextCount } from './limits';
import { ByteReader, PayloadShapeError } from './varint';

/** What a link codec gives: model-version JSON with every field explicit, and the autoplay flag. */
export interface DecodedPayload {
  raw: Record<string, unknown>;
  autoplay: boolean;
}

/** A payload to read: all its bytes, or a reader over bytes still arriving (an inflating link). */
export const readerOf = (input: Uint8Array | ByteReader) =>
  input instanceof ByteReader ? input : new ByteReader(input);

/** Reads format-1 bytes back into model-version-1 diagram JSON with every field explicit. */
export function decodeV1(input: Uint8Array | ByteReader): DecodedPayload {
  const r = readerOf(input);
  const count = r.uint();
  checkTextCount(count);
  const strings: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = r.uint();
    checkTextBytes(length);
    strings.push(utf8(r.take(length)));
  }
  return decodeV1Body(r, strings);
}

// ignoreBOM keeps a text's leading U+FEFF: by default the decoder drops it as a byte order mark.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** A text of the string table; bytes that are not UTF-8 are not a payload this format writes. */
export function utf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new PayloadShapeError('a text is not valid UTF-8');
  }
}

/**
 * Format 1's records after the string table (format 2 shares them). Every list's length is checked
 * against the schema's limit before any item is read, so a payload claiming millions of records is
 * refused at once.
 */
export function decodeV1Body(r: ByteReader, strings: string[]): DecodedPayload {
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
  const listLength = (limit: number, path: string, items: string) => {
    const n = r.uint();
    checkCount(n, limit, path, items);
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
  for (let i = 0, n = listLength(LIMITS.services, 'services', 'services'); i < n; i++) {
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
  for (let i = 0, n = listLength(LIMITS.edges, 'edges', 'edges'); i < n; i++) {
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
      triggers: has(2)
        ? Array.from({ length: listLength(LIMITS.triggers, `edges[${i}].triggers`, 'triggers') }, str)
        : [],
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
  for (let i = 0, n = listLength(LIMITS.notes, 'notes', 'notes'); i < n; i++) {
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
  for (let i = 0, n = listLength(LIMITS.faults, 'faults', 'faults'); i < n; i++) {
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
