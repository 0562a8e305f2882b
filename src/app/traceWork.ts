import { requestSequence, sequenceToMermaid, spansToOtlp, type RequestTraceView } from '../export/index';
import type { Diagram, Fault } from '../model/schema';
import {
  buildRequestSpans,
  collectRun,
  createEngine,
  type Engine,
  type EventLog,
  type Envelope,
  type PathHop,
  type LogFilter,
  type LogPage,
} from '../runtime/index';

type EnvelopeView = Envelope & { path: PathHop[] };

/** What the page asks the trace worker: rows of the log, one request's trace, or which request to show. */
export type TraceAsk =
  | { kind: 'rows'; filter: LogFilter; offset: number; limit: number }
  | { kind: 'trace'; correlationId: string }
  | { kind: 'pick'; which: 'slowest' | 'failed' | 'compensated' };

export interface TraceWorkRequest {
  id: number;
  runKey: string;
  diagram: Diagram;
  faults: Fault[];
  atMs: number;
  ask: TraceAsk;
}

export interface TraceWorkAnswer {
  id: number;
  atMs: number;
  page?: LogPage;
  trace?: RequestTraceView | null;
  picked?: string | null;
  error?: string;
}

/** The replay kept between asks, moved forward while the same run goes on. */
let kept: { runKey: string; faults: string; engine: Engine; log: EventLog } | null = null;

function replay(r: TraceWorkRequest): NonNullable<typeof kept> {
  const diagram = { ...r.diagram, faults: [...r.faults] };
  const engine = createEngine(diagram, { seed: diagram.run.seed, eventLog: {} });
  return { runKey: r.runKey, faults: JSON.stringify(r.faults), engine, log: engine.eventLog! };
}

/**
 * Answers one ask: replays the run (the engine is deterministic, so the replay's records are the run
 * on screen's) to `atMs`, keeping the event log, then reads rows, builds a request's trace (a fresh
 * replay that keeps only that request), or names the request to show.
 */
export function handleTraceRequest(r: TraceWorkRequest): TraceWorkAnswer {
  try {
    const faults = JSON.stringify(r.faults);
    if (!kept || kept.runKey !== r.runKey || kept.faults !== faults || kept.engine.now > r.atMs)
      kept = replay(r);
    kept.engine.advanceTo(Math.min(r.atMs, kept.engine.untilMs));
    const atMs = kept.engine.now;
    const ask = r.ask;
    if (ask.kind === 'rows')
      return { id: r.id, atMs, page: kept.log.page(ask.filter, ask.offset, ask.limit) };
    if (ask.kind === 'pick') {
      const p = kept.log.notable;
      const picked = ask.which === 'slowest' ? p.slowest : ask.which === 'failed' ? p.failed : p.compensated;
      return { id: r.id, atMs, picked };
    }
    return { id: r.id, atMs, trace: requestTrace(r, ask.correlationId, atMs) };
  } catch (e) {
    kept = null;
    return { id: r.id, atMs: r.atMs, error: String(e) };
  }
}

function requestTrace(r: TraceWorkRequest, correlationId: string, atMs: number): RequestTraceView | null {
  const diagram = { ...r.diagram, faults: [...r.faults] };
  const { collector, engine } = collectRun(diagram, { untilMs: atMs, only: new Set([correlationId]) });
  const request = collector.get(correlationId);
  if (!request) return null;
  const nameOf = (id: string) => diagram.services.find((s) => s.id === id)?.name ?? id;
  const spans = buildRequestSpans(request, engine.now);
  const sequence = requestSequence(spans, nameOf);
  const first = spans.find((s) => s.messageId !== undefined);
  const failed = spans.find(
    (s) => s.status === 'error' && s.messageId !== undefined && s.messageId !== first?.messageId,
  );
  const envelopes = [first, failed]
    .map((s) => (s?.messageId === undefined ? undefined : engine.envelope(s.messageId)))
    .filter((e): e is EnvelopeView => e !== undefined);
  return {
    correlationId,
    spans,
    sequence,
    mermaid: sequenceToMermaid(sequence, `${diagram.name}: ${correlationId}`),
    otlp: JSON.stringify(spansToOtlp([spans], { nameOf, runKey: String(diagram.run.seed) }), null, 2),
    envelopes,
  };
}
