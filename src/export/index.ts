/** One request's trace for other tools and for the trace view: its sequence, Mermaid text, OTLP/JSON. */
export {
  requestSequence,
  ms,
  type Sequence,
  type SequenceStep,
  type Lifeline,
  type ArrowStyle,
} from './sequence';
export { sequenceToMermaid } from './mermaid';
export {
  spansToOtlp,
  hexId,
  DEFAULT_EPOCH_MS,
  type OtlpTraces,
  type OtlpSpan,
  type OtlpOptions,
} from './otlp';
export type { Span, SpanKind, SpanStatus, SpanPart, SpanPartName, SpanEvent } from '../runtime/index';
export type { RequestTraceView } from './traceView';
export type { LogRow, LogFilter, LogPage } from '../runtime/index';
