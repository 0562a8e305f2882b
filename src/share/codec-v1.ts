import type { Diagram, Edge, Fault, Latency, Note, RunSettings, Service, Traffic } from '../model/schema';

/**
 * Link format 1: the compact layout of a diagram of model version 1.
 *
 * The payload is JSON of nested positional arrays. `null` (or a missing trailing element) means "the
 * format-1 default" listed below; strings live once in a table and are referred to by index; edges
 * name their services by position in the service list; positions are rounded to whole pixels.
 *
 * FROZEN once released: the tables and defaults here are part of the format, not copies of the
 * schema's. If the model or its defaults change, add `codec-v2.ts` and keep this decoder as it is;
 * its output (model version 1 JSON, every field explicit) is then brought forward by the model's
 * migrations, so old links keep opening.
 */
export const FORMAT_1 = 1;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SERVICE_KINDS = ['client', 'gateway', 'service', 'database', 'external', 'orchestrator'];
const EDGE_KINDS = ['sync', 'queue', 'topic', 'saga'];
const DISTS = ['fixed', 'uniform', 'normal', 'exponential', 'lognormal'];
const PATTERNS = ['steady', 'poisson', 'bursts'];
const PROTOCOLS = ['rest', 'grpc'];
const DELIVERIES = ['at-least-once', 'at-most-once'];
const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink'];
const FAULT_KINDS = ['down', 'slow', 'error', 'cut'];
const FAULT_SOURCES = ['script', 'live'];
/** Parameters of each latency distribution, in payload order. */
const DIST_PARAMS: Record<string, string[]> = {
  fixed: ['ms'],
  uniform: ['min', 'max'],
  normal: ['mean', 'sd'],
  exponential: ['mean'],
  lognormal: ['median', 'sigma'],
};

const D = {
  diagramName: 'Untitled diagram',
  service: { name: 'Service', kind: 'service', replicas: 1, concurrency: 4, errorRate: 0, idempotent: false },
  latency: { dist: 'normal', mean: 20, sd: 5 } as Record<string, string | number>,
  traffic: { pattern: 'poisson', rate: 2, burstSize: 10, burstEveryMs: 5_000 },
  edge: { message: '', latencyMs: 5 },
  sync: { protocol: 'rest', timeoutMs: 1_000, retries: 2 },
  backoff: { baseMs: 100, factor: 2, maxMs: 2_000, jitter: 0.2 },
  breaker: { enabled: false, threshold: 5, openMs: 5_000 },
  queue: {
    channel: 'jobs',
    durable: true,
    delivery: 'at-least-once',
    maxDeliveries: 5,
    deadLetter: true,
    ackLossRate: 0,
    replyChannel: '',
  },
  topic: { topic: 'events', durable: true },
  saga: { saga: 'saga', step: 1, action: '', compensation: '' },
  note: { text: '', width: 200, height: 120, color: 'yellow' },
  fault: { atMs: 0, durationMs: 0, factor: 5, rate: 0.5, source: 'script' },
  run: { seed: 1, speed: 0.25, untilMs: 60_000, hopLimit: 16 },
  serialization: { rest: 1, grpc: 0.2 },
} as const;

/** The payload is well-formed JSON but not a format-1 layout (a bug or a hand-made link). */
export class PayloadShapeError extends Error {}

// ---------------------------------------------------------------- encoding

class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  ref(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const num = (v: number, d: number): Json => (v === d ? null : v);
const bool = (v: boolean, d: boolean): Json => (v === d ? null : v ? 1 : 0);
const pick = (v: string, list: readonly string[], d?: string): Json => (v === d ? null : list.indexOf(v));
const round = (v: number) => Math.round(v) || 0; // `|| 0` turns -0 into 0

/** The id an editor gives after `id`: its trailing number plus one (`s9` → `s10`), or null. */
export function nextId(id: string): string | null {
  const m = /^(.*?)(\d{1,15})$/.exec(id);
  return m ? `${m[1]}${Number(m[2]) + 1}` : null;
}

/** Drops trailing defaults; an all-default record becomes null. */
function trim(a: Json[]): Json[] | null {
  while (a.length && a[a.length - 1] === null) a.pop();
  return a.length ? a : null;
}

/** The format-1 payload of `diagram` (a JSON-ready value; the caller stringifies and deflates it). */
export function encodeV1(diagram: Diagram, autoplay: boolean): Json {
  const S = new StringTable();
  const str = (v: string, d?: string): Json => (v === d ? null : S.ref(v));
  const serviceIndex = new Map(diagram.services.map((s, i) => [s.id, i]));
  const edgeIndex = new Map(diagram.edges.map((e, i) => [e.id, i]));
  // A reference to a known element is its position; anything else is kept by name (negative index).
  const refTo = (id: string, index: Map<string, number>): number => index.get(id) ?? -1 - S.ref(id);

  const latency = (l: Latency): Json => {
    const d = D.latency;
    const params = DIST_PARAMS[l.dist]!.map((p) => (l as unknown as Record<string, number>)[p]!);
    if (l.dist === d.dist && params.every((v, i) => v === d[DIST_PARAMS[l.dist]![i]!])) return null;
    return [DISTS.indexOf(l.dist), ...params];
  };
  const traffic = (t: Traffic) =>
    trim([
      pick(t.pattern, PATTERNS, D.traffic.pattern),
      num(t.rate, D.traffic.rate),
      num(t.burstSize, D.traffic.burstSize),
      num(t.burstEveryMs, D.traffic.burstEveryMs),
    ]);
  const service = (s: Service, id: Json): Json =>
    trim([
      id,
      str(s.name, D.service.name),
      pick(s.kind, SERVICE_KINDS, D.service.kind),
      num(round(s.position.x), 0),
      num(round(s.position.y), 0),
      num(s.replicas, D.service.replicas),
      num(s.concurrency, D.service.concurrency),
      latency(s.latency),
      num(s.errorRate, D.service.errorRate),
      bool(s.idempotent, D.service.idempotent),
      traffic(s.traffic),
    ]);
  const edgeSpecific = (e: Edge): Json[] => {
    switch (e.kind) {
      case 'sync': {
        const b = e.backoff;
        const k = e.breaker;
        return [
          pick(e.protocol, PROTOCOLS, D.sync.protocol),
          num(e.timeoutMs, D.sync.timeoutMs),
          num(e.retries, D.sync.retries),
          trim([
            num(b.baseMs, D.backoff.baseMs),
            num(b.factor, D.backoff.factor),
            num(b.maxMs, D.backoff.maxMs),
            num(b.jitter, D.backoff.jitter),
          ]),
          trim([
            bool(k.enabled, D.breaker.enabled),
            num(k.threshold, D.breaker.threshold),
            num(k.openMs, D.breaker.openMs),
          ]),
        ];
      }
      case 'queue':
        return [
          str(e.channel, D.queue.channel),
          bool(e.durable, D.queue.durable),
          pick(e.delivery, DELIVERIES, D.queue.delivery),
          num(e.maxDeliveries, D.queue.maxDeliveries),
          bool(e.deadLetter, D.queue.deadLetter),
          num(e.ackLossRate, D.queue.ackLossRate),
          str(e.replyChannel, D.queue.replyChannel),
        ];
      case 'topic':
        return [str(e.topic, D.topic.topic), bool(e.durable, D.topic.durable)];
      case 'saga':
        return [
          str(e.saga, D.saga.saga),
          num(e.step, D.saga.step),
          str(e.action, D.saga.action),
          str(e.compensation, D.saga.compensation),
        ];
    }
  };
  const edge = (e: Edge, id: Json): Json =>
    trim([
      pick(e.kind, EDGE_KINDS),
      id,
      refTo(e.from, serviceIndex),
      refTo(e.to, serviceIndex),
      str(e.message, D.edge.message),
      num(e.latencyMs, D.edge.latencyMs),
      e.triggers.length ? e.triggers.map((t) => S.ref(t)) : null,
      ...edgeSpecific(e),
    ]);
  const note = (n: Note, id: Json): Json =>
    trim([
      id,
      str(n.text, D.note.text),
      num(round(n.position.x), 0),
      num(round(n.position.y), 0),
      num(round(n.width), D.note.width),
      num(round(n.height), D.note.height),
      pick(n.color, NOTE_COLORS, D.note.color),
    ]);
  const fault = (f: Fault, id: Json): Json =>
    trim([
      id,
      pick(f.kind, FAULT_KINDS),
      refTo(f.target, f.kind === 'cut' ? edgeIndex : serviceIndex),
      num(f.atMs, D.fault.atMs),
      num(f.durationMs, D.fault.durationMs),
      num(f.factor, D.fault.factor),
      num(f.rate, D.fault.rate),
      pick(f.source, FAULT_SOURCES, D.fault.source),
    ]);
  const run = (r: RunSettings) =>
    trim([
      num(r.seed, D.run.seed),
      num(r.speed, D.run.speed),
      num(r.untilMs, D.run.untilMs),
      num(r.hopLimit, D.run.hopLimit),
      trim([
        num(r.serializationMs.rest, D.serialization.rest),
        num(r.serializationMs.grpc, D.serialization.grpc),
      ]),
    ]);
  const list = <T extends { id: string }>(items: T[], f: (t: T, id: Json) => Json): Json =>
    items.length ? items.map((item, i) => f(item, idField(item.id, items[i - 1]?.id))) : null;
  // Editors number their ids (s1, s2, …): an id that follows the one before it is left out.
  const idField = (id: string, previous: string | undefined): Json =>
    previous !== undefined && nextId(previous) === id ? null : S.ref(id);

  const name = str(diagram.name, D.diagramName);
  const description = str(diagram.description, '');
  const services = list(diagram.services, service);
  const edges = list(diagram.edges, edge);
  const notes = list(diagram.notes, note);
  const faults = list(diagram.faults, fault);
  const v = diagram.viewport;
  const viewport = v ? [round(v.x), round(v.y), Math.round(v.zoom * 1000) / 1000] : null;
  return trim([
    S.list,
    autoplay ? 1 : null,
    name,
    description,
    services,
    edges,
    notes,
    faults,
    run(diagram.run),
    viewport,
  ]) as Json;
}

// ---------------------------------------------------------------- decoding

function fail(what: string): never {
  throw new PayloadShapeError(what);
}
function list(x: unknown, what: string): unknown[] {
  if (x === null || x === undefined) return [];
  return Array.isArray(x) ? x : fail(`${what} is not a list`);
}
/** A number-ish field: default when absent; anything else is passed on for the schema to judge. */
const val = (x: unknown, d: unknown): unknown => (x === null || x === undefined ? d : x);
const flag = (x: unknown, d: boolean): unknown =>
  x === null || x === undefined ? d : x === 1 ? true : x === 0 ? false : x;

/** Reads a format-1 payload back into model-version-1 diagram JSON with every field explicit. */
export function decodeV1(payload: unknown): { raw: Record<string, unknown>; autoplay: boolean } {
  const top = list(payload, 'the payload');
  const strings = list(top[0], 'the string table');
  const str = (x: unknown, d?: string): unknown => {
    if ((x === null || x === undefined) && d !== undefined) return d;
    if (typeof x !== 'number') return fail('a string reference is not a number');
    const s = strings[x];
    return typeof s === 'string' ? s : fail(`string reference ${x} is out of range`);
  };
  const choose = (x: unknown, options: readonly string[], d?: string): unknown => {
    if ((x === null || x === undefined) && d !== undefined) return d;
    const s = typeof x === 'number' ? options[x] : undefined;
    return s ?? fail(`choice ${JSON.stringify(x)} is not one of ${options.length}`);
  };
  const at = (a: unknown[], i: number) => a[i];

  /** Ids of a list: explicit, or (null) the one after the previous id. */
  const ids = (rows: unknown[][], column: number): string[] => {
    const out: string[] = [];
    rows.forEach((r, i) => {
      const x = at(r, column);
      const previous = out[i - 1];
      const id = x === null || x === undefined ? (previous === undefined ? null : nextId(previous)) : str(x);
      out.push(typeof id === 'string' ? id : fail('an omitted id has no id before it to follow'));
    });
    return out;
  };
  const rowsOf = (x: unknown, what: string) => list(x, `${what}s`).map((r) => list(r, `a ${what}`));
  const serviceRows = rowsOf(top[4], 'service');
  const serviceIds = ids(serviceRows, 0);
  const edgeRows = rowsOf(top[5], 'edge');
  const edgeIds = ids(edgeRows, 1);
  const noteRows = rowsOf(top[6], 'note');
  const noteIds = ids(noteRows, 0);
  const faultRows = rowsOf(top[7], 'fault');
  const faultIds = ids(faultRows, 0);
  const refTo = (x: unknown, ids: unknown[]): unknown => {
    if (typeof x !== 'number' || !Number.isInteger(x)) return fail('a reference is not a whole number');
    if (x < 0) return str(-1 - x);
    return x < ids.length ? ids[x] : fail(`reference ${x} is out of range`);
  };

  const latency = (x: unknown): unknown => {
    if (x === null || x === undefined) return { ...D.latency };
    const r = list(x, 'a latency');
    const dist = choose(at(r, 0), DISTS) as string;
    const out: Record<string, unknown> = { dist };
    DIST_PARAMS[dist]!.forEach((p, i) => (out[p] = at(r, i + 1)));
    return out;
  };
  const traffic = (x: unknown) => {
    const r = list(x, 'traffic');
    const d = D.traffic;
    return {
      pattern: choose(at(r, 0), PATTERNS, d.pattern),
      rate: val(at(r, 1), d.rate),
      burstSize: val(at(r, 2), d.burstSize),
      burstEveryMs: val(at(r, 3), d.burstEveryMs),
    };
  };
  const services = serviceRows.map((r, i) => {
    const d = D.service;
    return {
      id: serviceIds[i],
      name: str(at(r, 1), d.name),
      kind: choose(at(r, 2), SERVICE_KINDS, d.kind),
      position: { x: val(at(r, 3), 0), y: val(at(r, 4), 0) },
      replicas: val(at(r, 5), d.replicas),
      concurrency: val(at(r, 6), d.concurrency),
      latency: latency(at(r, 7)),
      errorRate: val(at(r, 8), d.errorRate),
      idempotent: flag(at(r, 9), d.idempotent),
      traffic: traffic(at(r, 10)),
    };
  });
  const edges = edgeRows.map((r, i) => {
    const kind = choose(at(r, 0), EDGE_KINDS) as string;
    const common = {
      id: edgeIds[i],
      from: refTo(at(r, 2), serviceIds),
      to: refTo(at(r, 3), serviceIds),
      kind,
      message: str(at(r, 4), D.edge.message),
      latencyMs: val(at(r, 5), D.edge.latencyMs),
      triggers: list(at(r, 6), 'triggers').map((t) => str(t)),
    };
    const k = (j: number) => at(r, 7 + j);
    switch (kind) {
      case 'sync': {
        const b = list(k(3), 'a backoff');
        const c = list(k(4), 'a breaker');
        return {
          ...common,
          protocol: choose(k(0), PROTOCOLS, D.sync.protocol),
          timeoutMs: val(k(1), D.sync.timeoutMs),
          retries: val(k(2), D.sync.retries),
          backoff: {
            baseMs: val(at(b, 0), D.backoff.baseMs),
            factor: val(at(b, 1), D.backoff.factor),
            maxMs: val(at(b, 2), D.backoff.maxMs),
            jitter: val(at(b, 3), D.backoff.jitter),
          },
          breaker: {
            enabled: flag(at(c, 0), D.breaker.enabled),
            threshold: val(at(c, 1), D.breaker.threshold),
            openMs: val(at(c, 2), D.breaker.openMs),
          },
        };
      }
      case 'queue': {
        const d = D.queue;
        return {
          ...common,
          channel: str(k(0), d.channel),
          durable: flag(k(1), d.durable),
          delivery: choose(k(2), DELIVERIES, d.delivery),
          maxDeliveries: val(k(3), d.maxDeliveries),
          deadLetter: flag(k(4), d.deadLetter),
          ackLossRate: val(k(5), d.ackLossRate),
          replyChannel: str(k(6), d.replyChannel),
        };
      }
      case 'topic':
        return { ...common, topic: str(k(0), D.topic.topic), durable: flag(k(1), D.topic.durable) };
      default: {
        const d = D.saga;
        return {
          ...common,
          saga: str(k(0), d.saga),
          step: val(k(1), d.step),
          action: str(k(2), d.action),
          compensation: str(k(3), d.compensation),
        };
      }
    }
  });
  const notes = noteRows.map((r, i) => {
    const d = D.note;
    return {
      id: noteIds[i],
      text: str(at(r, 1), d.text),
      position: { x: val(at(r, 2), 0), y: val(at(r, 3), 0) },
      width: val(at(r, 4), d.width),
      height: val(at(r, 5), d.height),
      color: choose(at(r, 6), NOTE_COLORS, d.color),
    };
  });
  const faults = faultRows.map((r, i) => {
    const d = D.fault;
    const kind = choose(at(r, 1), FAULT_KINDS);
    return {
      id: faultIds[i],
      kind,
      target: refTo(at(r, 2), kind === 'cut' ? edgeIds : serviceIds),
      atMs: val(at(r, 3), d.atMs),
      durationMs: val(at(r, 4), d.durationMs),
      factor: val(at(r, 5), d.factor),
      rate: val(at(r, 6), d.rate),
      source: choose(at(r, 7), FAULT_SOURCES, d.source),
    };
  });
  const run = list(top[8], 'run settings');
  const ser = list(at(run, 4), 'serialization costs');
  const viewport = top[9] === null || top[9] === undefined ? undefined : list(top[9], 'the viewport');
  const raw: Record<string, unknown> = {
    version: 1,
    name: str(top[2], D.diagramName),
    description: str(top[3], ''),
    services,
    edges,
    notes,
    faults,
    run: {
      seed: val(at(run, 0), D.run.seed),
      speed: val(at(run, 1), D.run.speed),
      untilMs: val(at(run, 2), D.run.untilMs),
      hopLimit: val(at(run, 3), D.run.hopLimit),
      serializationMs: {
        rest: val(at(ser, 0), D.serialization.rest),
        grpc: val(at(ser, 1), D.serialization.grpc),
      },
    },
  };
  if (viewport) raw.viewport = { x: at(viewport, 0), y: at(viewport, 1), zoom: at(viewport, 2) };
  return { raw, autoplay: top[1] === 1 };
}
