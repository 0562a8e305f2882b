// @vitest-environment jsdom
// Mermaid parses in Node, but the diagram title goes through DOMPurify, which needs a window: jsdom.
import { join } from 'node:path';
import mermaid from 'mermaid';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import type { Diagram, Fault } from '../model/schema';
import { buildRequestSpans, collectRun, type Span } from '../runtime/index';
import { checkoutExample } from '../scenarios/checkout';
import { jobQueueExample } from '../scenarios/jobQueue';
import { orderSagaExample } from '../scenarios/orderSaga';
import { sequenceToMermaid } from './mermaid';
import { spansToOtlp, type OtlpTraces } from './otlp';
import { requestSequence } from './sequence';
import {
  compensatedSaga,
  firstRequestWhere,
  nackedDelivery,
  timedOutThenRetried,
} from '../runtime/testing/requests';

function requestSpans(diagram: Diagram, correlationId: string, untilMs: number): Span[] {
  const { collector, engine } = collectRun(diagram, { untilMs, only: new Set([correlationId]) });
  return buildRequestSpans(collector.get(correlationId)!, engine.now);
}
const nameOf = (diagram: Diagram) => (id: string) => diagram.services.find((s) => s.id === id)?.name ?? id;
const slowPayment: Diagram = {
  ...checkoutExample,
  faults: [
    {
      id: 'f',
      kind: 'slow',
      target: 'payment',
      atMs: 2000,
      durationMs: 0,
      factor: 80,
      source: 'live',
    } as Fault,
  ],
};

describe('Mermaid sequence diagram of one request', () => {
  it('draws the Checkout request as the article does, and Mermaid’s own parser accepts it', async () => {
    const text = sequenceToMermaid(
      requestSequence(requestSpans(checkoutExample, 'c0', 3000), nameOf(checkoutExample)),
      'c0',
    );
    expect(text.split('\n').slice(0, 12)).toEqual([
      'sequenceDiagram',
      '  title c0',
      '  participant p0 as Web Client',
      '  participant p1 as API Gateway',
      '  participant p2 as Order Service',
      '  participant p3 as Payment Service',
      '  participant p4 as Bank API',
      '  participant p5 as Inventory',
      '  participant p6 as Email',
      '  p0->>p1: POST /orders',
      '  Note over p0: Waiting…',
      '  p1->>p2: POST /orders',
    ]);
    expect(text).toContain('  p2-)p5: OrderPlaced (event)');
    expect(text).toContain('  p2-->>p1: OK POST /orders');
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  it('puts the timeout at the caller, then the retry, and still parses', async () => {
    const text = sequenceToMermaid(
      requestSequence(firstRequestWhere(slowPayment, 9000, timedOutThenRetried), nameOf(slowPayment)),
    );
    expect(text).toContain('  Note over p2: timed out after 1#44;500 ms');
    expect(text).toContain('  p2->>p3: ChargeCard (attempt 2)');
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });

  it('sends compensations back after a failed saga step, and a queue answers 202', async () => {
    const saga = sequenceToMermaid(
      requestSequence(firstRequestWhere(orderSagaExample, 6000, compensatedSaga), nameOf(orderSagaExample)),
    );
    expect(saga).toMatch(
      /p4--xp1: error#58; BookCourier\n[\s\S]*p1->>p3: undo#58; ReleaseStock \(step 2\)[\s\S]*p1->>p2: undo#58; RefundCard \(step 1\)/,
    );
    await expect(mermaid.parse(saga)).resolves.toBeTruthy();
    const jobs = sequenceToMermaid(
      requestSequence(
        firstRequestWhere(jobQueueExample, 3000, (all) => all.some(nackedDelivery)),
        nameOf(jobQueueExample),
      ),
    );
    expect(jobs).toContain('202 Accepted');
    expect(jobs).toContain('nack');
    await expect(mermaid.parse(jobs)).resolves.toBeTruthy();
  });

  it('fails on text Mermaid cannot read (the check can fail)', async () => {
    await expect(mermaid.parse('sequenceDiagram\n  p0->>: bad\n')).rejects.toThrow(/Parse error/);
  });
});

const PROTO = join(import.meta.dirname, 'testing', 'opentelemetry-proto');

/** The OpenTelemetry project's own ExportTraceServiceRequest, loaded from its .proto files. */
function otlpRequestType(): protobuf.Type {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(PROTO, target);
  root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
  return root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
}

/** OTLP/JSON writes ids in hex where protobuf's JSON mapping has base64: convert, nothing else. */
function hexIdsToBase64(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIdsToBase64);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      ['traceId', 'spanId', 'parentSpanId'].includes(k)
        ? Buffer.from(v as string, 'hex').toString('base64')
        : hexIdsToBase64(v),
    ]),
  );
}

type LongClass = { fromString(text: string, unsigned: boolean): unknown };

/** protobufjs checks 64-bit integers as Long: OTLP/JSON's decimal strings, as Longs. */
function withLongs(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && (key.endsWith('UnixNano') || key === 'intValue'))
    return (protobuf.util.Long as unknown as LongClass).fromString(value, key.endsWith('UnixNano'));
  if (Array.isArray(value)) return value.map((v) => withLongs(v));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withLongs(v, k)]));
}

/** Protobuf does not tell an empty repeated field from an absent one. */
function withoutEmptyArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyArrays);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => !(Array.isArray(v) && v.length === 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutEmptyArrays(v)]));
}

describe('OTLP/JSON export', () => {
  const requests = [
    firstRequestWhere(slowPayment, 9000, timedOutThenRetried),
    firstRequestWhere(orderSagaExample, 6000, compensatedSaga),
    firstRequestWhere(jobQueueExample, 3000, (all) => all.some(nackedDelivery)),
  ];
  const otlp: OtlpTraces = spansToOtlp(requests, { nameOf: (id) => id, runKey: 'test' });

  it('is exactly what OpenTelemetry’s ExportTraceServiceRequest defines (no unknown or mistyped field)', () => {
    const type = otlpRequestType();
    const asProtobufJson = hexIdsToBase64(JSON.parse(JSON.stringify(otlp))) as Record<string, unknown>;
    expect(type.verify(withLongs(asProtobufJson) as Record<string, unknown>)).toBeNull();
    const message = type.fromObject(asProtobufJson);
    const bytes = type.encode(message).finish();
    const back = type.toObject(type.decode(bytes), {
      longs: String,
      enums: Number,
      bytes: String,
    });
    // Unknown fields vanish in the round trip, mistyped ones change: the two would differ.
    expect(withoutEmptyArrays(back)).toEqual(withoutEmptyArrays(asProtobufJson));
    expect(otlp.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('uses OpenTelemetry’s numbers for kinds and status, parents for sync hops, links for async ones', () => {
    const type = otlpRequestType();
    const spanType = type.root.lookupType('opentelemetry.proto.trace.v1.Span');
    const kinds = (spanType.lookupEnum('SpanKind') as protobuf.Enum).values;
    const all = otlp.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const timedOut = all.find((s) => s.status.message === 'timed out')!;
    expect(timedOut.kind).toBe(kinds.SPAN_KIND_CLIENT);
    expect(timedOut.status.code).toBe(
      (spanType.root.lookupEnum('opentelemetry.proto.trace.v1.Status.StatusCode') as protobuf.Enum).values
        .STATUS_CODE_ERROR,
    );
    const server = all.find((s) => s.kind === kinds.SPAN_KIND_SERVER && s.parentSpanId === timedOut.spanId);
    expect(server).toBeDefined();
    const consumer = all.find((s) => s.kind === kinds.SPAN_KIND_CONSUMER)!;
    const producer = all.find((s) => s.spanId === consumer.links[0]!.spanId)!;
    expect(producer.kind).toBe(kinds.SPAN_KIND_PRODUCER);
    expect(consumer.parentSpanId).toBeUndefined();
    const names = otlp.resourceSpans.map(
      (r) => r.resource.attributes.find((a) => a.key === 'service.name')!.value,
    );
    expect(new Set(names.map((n) => JSON.stringify(n))).size).toBe(names.length);
    // Simulated 0 is 2026-01-01T00:00:00Z: the call that timed out starts as many ms after it as it
    // started in the run.
    const simulated = requests
      .flat()
      .filter((x) => x.statusMessage === 'timed out')
      .map((x) => Math.floor(x.start));
    expect(simulated).toContain(
      Number(BigInt(timedOut.startTimeUnixNano) / 1_000_000n) - Date.UTC(2026, 0, 1),
    );
  });
});
