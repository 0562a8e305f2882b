import type { Span } from '../runtime/index';

/**
 * OpenTelemetry's OTLP/JSON trace export (the shape `POST /v1/traces` takes and Jaeger's or Grafana
 * Tempo's "import trace" reads): `resourceSpans` → `scopeSpans` → `spans`, ids in hex, times in
 * nanoseconds as decimal strings, enums as numbers.
 */
export interface OtlpTraces {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpan[] }[];
  }[];
}

export interface OtlpAttribute {
  key: string;
  value: { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  events: { timeUnixNano: string; name: string; attributes: OtlpAttribute[] }[];
  links: { traceId: string; spanId: string; attributes: OtlpAttribute[] }[];
  status: { code: number; message?: string };
}

/** OTLP's SpanKind numbers (SPAN_KIND_INTERNAL = 1 … SPAN_KIND_CONSUMER = 5). */
const KIND: Record<Span['kind'], number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
/** OTLP's StatusCode numbers. */
const STATUS: Record<Span['status'], number> = { unset: 0, ok: 1, error: 2 };

/** Where simulated time 0 lands on the real clock, unless told otherwise: 2026-01-01T00:00:00Z. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1);

export interface OtlpOptions {
  /** The service's name people read (`service.name`), from its id. */
  nameOf: (serviceId: string) => string;
  /** Real time (ms since 1970) of simulated time 0; default `DEFAULT_EPOCH_MS`, so exports repeat. */
  epochMs?: number;
  /** Makes ids unique per run (the seed, say), so two runs' traces don't merge in a tool. */
  runKey?: string;
}

/**
 * Requests' spans (one array per request) as OTLP/JSON: one resource per service (`service.name`),
 * span kinds client/server/producer/consumer, parent ids for sync hops, links for async causation,
 * error status with its message, each span's parts (network, inbox, handling…) as events.
 */
export function spansToOtlp(requests: readonly (readonly Span[])[], options: OtlpOptions): OtlpTraces {
  const epoch = BigInt(options.epochMs ?? DEFAULT_EPOCH_MS) * 1_000_000n;
  const nanos = (t: number) => (epoch + BigInt(Math.round(t * 1e6))).toString();
  const key = options.runKey ?? '';
  const byService = new Map<string, OtlpSpan[]>();
  for (const spans of requests) {
    for (const span of spans) {
      const traceId = hexId(`${key}/${span.correlationId}`, 2);
      const out: OtlpSpan = {
        traceId,
        spanId: hexId(`${key}/${span.id}`, 1),
        name: span.name,
        kind: KIND[span.kind],
        startTimeUnixNano: nanos(span.start),
        endTimeUnixNano: nanos(span.end),
        attributes: spanAttributes(span, options.nameOf),
        events: [
          ...span.parts.map((p) => ({
            timeUnixNano: nanos(p.start),
            name: p.name,
            attributes: [attribute('microsim.duration_ms', p.end - p.start)],
          })),
          ...span.events.map((e) => ({ timeUnixNano: nanos(e.t), name: e.name, attributes: [] })),
        ],
        links: span.links.map((id) => ({
          traceId,
          spanId: hexId(`${key}/${id}`, 1),
          attributes: [attribute('microsim.link', 'caused by')],
        })),
        status:
          span.statusMessage === undefined
            ? { code: STATUS[span.status] }
            : { code: STATUS[span.status], message: span.statusMessage },
      };
      if (span.parentId !== undefined) out.parentSpanId = hexId(`${key}/${span.parentId}`, 1);
      const list = byService.get(span.service);
      if (list) list.push(out);
      else byService.set(span.service, [out]);
    }
  }
  return {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: {
        attributes: [
          attribute('service.name', options.nameOf(service)),
          attribute('microsim.service.id', service),
        ],
      },
      scopeSpans: [{ scope: { name: 'microsim', version: '1' }, spans }],
    })),
  };
}

function spanAttributes(span: Span, nameOf: (id: string) => string): OtlpAttribute[] {
  const out = [attribute('microsim.correlation_id', span.correlationId)];
  if (span.messageId !== undefined) out.push(attribute('microsim.message_id', span.messageId));
  if (span.edgeId !== undefined) out.push(attribute('microsim.edge', span.edgeId));
  if (span.peer !== undefined) out.push(attribute('peer.service', nameOf(span.peer)));
  if (span.channel !== undefined) out.push(attribute('messaging.destination.name', span.channel));
  if (span.attempt !== undefined) out.push(attribute('microsim.attempt', span.attempt));
  if (span.saga) {
    out.push(attribute('microsim.saga', span.saga.name));
    if (span.saga.step !== undefined) out.push(attribute('microsim.saga.step', span.saga.step));
    if (span.saga.compensation) out.push(attribute('microsim.saga.compensation', true));
  }
  if (!span.ended) out.push(attribute('microsim.open', true));
  return out;
}

function attribute(key: string, value: string | number | boolean): OtlpAttribute {
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  return Number.isInteger(value)
    ? { key, value: { intValue: String(value) } }
    : { key, value: { doubleValue: value } };
}

/**
 * A stable, never-zero id of `words` × 8 bytes in hex from a string (two FNV-1a lanes per word), so
 * the same run exports the same ids.
 */
export function hexId(text: string, words: number): string {
  let out = '';
  for (let w = 0; w < words; w++) {
    let a = 0x811c9dc5 ^ (w * 0x9e3779b1);
    let b = 0x01000193 + w;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c ^ (a >>> 13), 0x5bd1e995);
    }
    out += (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }
  return /^0+$/.test(out) ? out.slice(0, -1) + '1' : out;
}
