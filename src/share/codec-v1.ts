import type { Diagram, Edge, Latency } from '../model/schema';
import {
  D,
  DELIVERIES,
  DIST_PARAMS,
  DISTS,
  EDGE_KINDS,
  FAULT_KINDS,
  FAULT_SOURCES,
  gcd,
  ID_DERIVED,
  ID_EXPLICIT,
  ID_NEXT,
  nextId,
  NOTE_COLORS,
  PATTERNS,
  PROTOCOLS,
  round,
  SERVICE_KINDS,
  slugId,
} from './codec-v1-tables';
import { ByteWriter, indexIn } from './varint';

/** Link format 1's encoder (the format is described in codec-v1-tables.ts). */

/**
 * The format-1 bytes of `diagram` (before deflate). Throws LinkWriteError for a value the format
 * can't carry; `format` is the link format named in that error (format 2 writes these records too).
 */
export function encodeV1(diagram: Diagram, autoplay: boolean, format = 1): Uint8Array {
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
  const choice = (options: readonly string[], value: string, field: string) =>
    body.choice(options, value, field, format);
  /** A two-valued option kept in the mask: whether `value` is the table's second one. */
  const second = (options: readonly string[], value: string, field: string) =>
    indexIn(options, value, field, format) === 1;
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
      [s.kind !== d.kind, () => choice(SERVICE_KINDS, s.kind, 'services[].kind')],
      [round(s.position.x) !== 0, () => body.sint(round(s.position.x) / grid)],
      [round(s.position.y) !== 0, () => body.sint(round(s.position.y) / grid)],
      [s.replicas !== d.replicas, () => body.num(s.replicas)],
      [s.concurrency !== d.concurrency, () => body.num(s.concurrency)],
      [
        latencyDiffers(s.latency),
        () => (
          choice(DISTS, s.latency.dist, 'services[].latency.dist'),
          params(s.latency).forEach((p) => body.num(p))
        ),
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
            [
              t.pattern !== D.traffic.pattern,
              () => choice(PATTERNS, t.pattern, 'services[].traffic.pattern'),
            ],
            [t.rate !== D.traffic.rate, () => body.num(t.rate)],
            [t.burstSize !== D.traffic.burstSize, () => body.num(t.burstSize)],
            [t.burstEveryMs !== D.traffic.burstEveryMs, () => body.num(t.burstEveryMs)],
          ]),
      ],
    ]);
  });

  body.uint(diagram.edges.length);
  diagram.edges.forEach((e, i) => {
    choice(EDGE_KINDS, e.kind, 'edges[].kind');
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
          [second(PROTOCOLS, e.protocol, 'edges[]<sync>.protocol')],
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
          [second(DELIVERIES, e.delivery, 'edges[]<queue>.delivery')],
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
      [n.color !== d.color, () => choice(NOTE_COLORS, n.color, 'notes[].color')],
    ]);
  });

  body.uint(diagram.faults.length);
  diagram.faults.forEach((f, i) => {
    id(f.id, diagram.faults[i - 1]?.id, null);
    choice(FAULT_KINDS, f.kind, 'faults[].kind');
    ref(f.target, f.kind === 'cut' ? edgeIndex : serviceIndex);
    const d = D.fault;
    record([
      [f.atMs !== d.atMs, () => body.num(f.atMs)],
      [f.durationMs !== d.durationMs, () => body.num(f.durationMs)],
      [f.factor !== d.factor, () => body.num(f.factor)],
      [f.rate !== d.rate, () => body.num(f.rate)],
      [second(FAULT_SOURCES, f.source, 'faults[].source')],
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
