import type { MessageFacts } from './api';
import { walkMessage, type WalkedSpan } from './spansWalk';
import type { CorrelatedRecord, RequestTrace } from './spansCollect';

/** What a span is, in OpenTelemetry's terms: a sync caller, its callee, an async sender or receiver. */
export type SpanKind = 'client' | 'server' | 'producer' | 'consumer' | 'internal';

/** A span's outcome: ok, error (with a message), or unset while it is still open. */
export type SpanStatus = 'ok' | 'error' | 'unset';

/** A stretch of a span spent in one way: on the network, in an inbox, handling, waiting in a queue… */
export interface SpanPart {
  name: SpanPartName;
  start: number;
  end: number;
}

/** The parts a span can have, in the order they usually come. */
export type SpanPartName =
  | 'network out'
  | 'to broker'
  | 'queue wait'
  | 'to consumer'
  | 'delivery'
  | 'held'
  | 'inbox'
  | 'handling'
  | 'network back';

/** A moment on a span: a timeout, a late reply, an ack, a saga step's outcome… */
export interface SpanEvent {
  t: number;
  name: string;
}

/** One span of a request, in simulated milliseconds. */
export interface Span {
  /** Unique within the run: the message id plus a suffix (`m4`, `m4/in`, `m9/in2`, `saga3`). */
  id: string;
  /** The synchronous parent (a call's caller, a handler's call); none for a root or an async receiver. */
  parentId?: string;
  /** Async causation: the producer span that sent what this span receives. */
  links: string[];
  kind: SpanKind;
  /** Message name (`POST /orders`), or `saga order`, `backoff`. */
  name: string;
  /** The service the span runs in. */
  service: string;
  /** The other end: the callee of a client span, the sender of a server or consumer span. */
  peer?: string;
  edgeId?: string;
  /** The queue (channel) or topic an async message went through, when the trace names it. */
  channel?: string;
  messageId?: string;
  correlationId: string;
  start: number;
  /** When it ended, or the last moment known for a span still open. */
  end: number;
  ended: boolean;
  status: SpanStatus;
  statusMessage?: string;
  /** Request attempt (1 = first) on call spans. */
  attempt?: number;
  saga?: { name: string; step?: number; compensation: boolean };
  parts: SpanPart[];
  events: SpanEvent[];
}

/**
 * Builds one request's spans, end to end, from its records and facts (see `RequestCollector`): per
 * sync hop a client span (network out, network back; its timeout) with the callee's server span as a
 * child (inbox wait, handling); retries as new attempts with their backoff between; per async hop a
 * producer span in the sender's handling and one consumer span per delivery, linked to it; a saga
 * as a span whose children are its steps and compensations. `now` closes spans still open.
 */
export function buildRequestSpans(request: RequestTrace, now?: number): Span[] {
  const { records, facts, correlationId } = request;
  const last = now ?? (records.length > 0 ? records[records.length - 1]!.t : 0);
  const byMessage = groupByMessage(records);
  const walked = new Map<string, WalkedSpan[]>();
  const spans: Span[] = [];
  const replyOf = new Map<string, CorrelatedRecord[]>();
  for (const [msg, list] of byMessage) {
    const f = facts.get(msg);
    if (f?.kind === 'reply' && f.causationId !== null) replyOf.set(f.causationId, list);
  }
  for (const [msg, list] of byMessage) {
    const f = facts.get(msg);
    if (f === undefined || f.kind === 'reply') continue;
    const made = walkMessage(f, list, replyOf.get(msg) ?? [], correlationId, last);
    walked.set(msg, made);
    spans.push(...made.map((w) => w.span));
  }
  const sagas = sagaSpans(records, correlationId, last);
  spans.push(...sagas);
  linkSpans(spans, walked, facts, sagas);
  spans.push(...backoffSpans(walked, facts));
  return spans.sort((a, b) => a.start - b.start || order(a) - order(b));
}

/** Sorts spans that start together: a parent before its child (callers before callees). */
function order(span: Span): number {
  return span.kind === 'internal' ? 0 : span.kind === 'client' || span.kind === 'producer' ? 1 : 2;
}

function groupByMessage(records: readonly CorrelatedRecord[]): Map<string, CorrelatedRecord[]> {
  const byMessage = new Map<string, CorrelatedRecord[]>();
  const add = (msg: string, r: CorrelatedRecord) => {
    const list = byMessage.get(msg);
    if (list) list.push(r);
    else byMessage.set(msg, [r]);
  };
  for (const r of records) {
    if (r.timedOutMessage !== undefined) add(r.timedOutMessage, r);
    else if (r.msg !== undefined && r.type !== 'saga-started') add(r.msg, r);
  }
  return byMessage;
}

/** Saga instances of the request: started, steps and compensations as events, how they ended. */
function sagaSpans(records: readonly CorrelatedRecord[], correlationId: string, last: number): Span[] {
  const spans: Span[] = [];
  let current: Span | undefined;
  for (const r of records) {
    if (r.type === 'saga-started') {
      current = {
        id: `saga${r.n ?? spans.length}`,
        links: [],
        kind: 'internal',
        name: `saga ${r.detail ?? ''}`.trim(),
        service: r.service ?? '',
        correlationId,
        start: r.t,
        end: last,
        ended: false,
        status: 'unset',
        saga: { name: r.detail ?? '', compensation: false },
        parts: [],
        events: [],
      };
      spans.push(current);
    } else if (current && r.type === 'saga-step') {
      current.events.push({ t: r.t, name: `step ${r.n} ${r.detail ?? ''}`.trim() });
    } else if (current && r.type === 'compensation') {
      current.events.push({ t: r.t, name: `compensation ${r.n} ${r.detail ?? ''}`.trim() });
    } else if (r.type === 'saga-ended') {
      const span = spans.find((s) => s.id === `saga${r.n}`);
      if (!span) continue;
      span.end = r.t;
      span.ended = true;
      span.status = r.detail === 'completed' ? 'ok' : 'error';
      if (r.detail !== 'completed') span.statusMessage = r.detail;
      span.events.push({ t: r.t, name: r.detail ?? 'ended' });
    }
  }
  return spans;
}

/** Sets parents (sync) and links (async) from causation, and saga steps under their saga. */
function linkSpans(
  spans: Span[],
  walked: Map<string, WalkedSpan[]>,
  facts: Map<string, MessageFacts>,
  sagas: Span[],
): void {
  for (const [msg, made] of walked) {
    const f = facts.get(msg)!;
    const cause = f.causationId;
    const sender = made.find((w) => w.role === 'sender')!.span;
    const saga = f.saga === undefined ? undefined : latestBefore(sagas, sender.start);
    const handler = cause === null ? undefined : handlingSpan(walked.get(cause), f.source, sender.start);
    const parent = saga ?? handler;
    if (parent) sender.parentId = parent.id;
    for (const w of made) {
      if (w.role === 'callee') w.span.parentId = sender.id;
      if (w.role === 'receiver') w.span.links.push(sender.id);
    }
  }
  void spans;
}

function latestBefore(spans: readonly Span[], t: number): Span | undefined {
  let found: Span | undefined;
  for (const s of spans) if (s.start <= t) found = s;
  return found;
}

/** The span in which `service` was handling message `made` at `t` (its callee or receiver span). */
function handlingSpan(made: WalkedSpan[] | undefined, service: string, t: number): Span | undefined {
  if (!made) return undefined;
  let found: Span | undefined;
  for (const w of made)
    if (w.role !== 'sender' && w.span.service === service && w.span.start <= t) found = w.span;
  return found;
}

/** A retry's backoff: from the end of the attempt before it to its own start, beside it. */
function backoffSpans(walked: Map<string, WalkedSpan[]>, facts: Map<string, MessageFacts>): Span[] {
  const out: Span[] = [];
  const calls = [...walked.values()].flat().filter((w) => w.role === 'sender' && w.span.kind === 'client');
  for (const w of calls) {
    const f = facts.get(w.span.messageId!)!;
    if (f.attempt < 2) continue;
    const previous = calls.find((p) => {
      const pf = facts.get(p.span.messageId!)!;
      return pf.edgeId === f.edgeId && pf.causationId === f.causationId && pf.attempt === f.attempt - 1;
    });
    if (!previous || previous.span.end > w.span.start) continue;
    out.push({
      id: `${w.span.id}/backoff`,
      parentId: w.span.parentId,
      links: [],
      kind: 'internal',
      name: `backoff before attempt ${f.attempt}`,
      service: w.span.service,
      edgeId: f.edgeId,
      correlationId: w.span.correlationId,
      start: previous.span.end,
      end: w.span.start,
      ended: true,
      status: 'ok',
      parts: [],
      events: [],
    });
  }
  return out;
}
