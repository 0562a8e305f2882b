/** The runtime's public surface: everything outside source/runtime imports from here. */
export * from './api';
export { createEngine, type EngineOptions } from './engine';
export { Rng } from './rng';
export { sampleLatency, compileLatency, meanLatency } from './distributions';
export { TRACE_TYPES, type TraceRecord, type TraceType } from './trace';
export { Histogram } from './histogram';
export { EventQueue } from './heap';
export { MAX_LIVE_MESSAGES } from './sim';
export { DEFAULT_MAX_EVENTS, DENSE_EVENTS, DENSE_SPAN_MS } from './guard';
export { SAGA_STEP_TIMEOUT_MS } from './saga';
export {
  type RunSeries,
  type RunSeriesJson,
  type ClientSeries,
  type ServiceSeries,
  type ChannelSeries,
  type SagaSeries,
  type EdgeSeries,
  MAX_SERIES_BUCKETS,
  DEFAULT_SERIES_BUCKET_MS,
  BREAKER_STATE,
  seriesToJson,
  seriesBuffers,
} from './seriesShape';
export {
  evaluateObjective,
  evaluateObjectives,
  hasObjectives,
  type ObjectiveResult,
  type ObjectiveWindow,
  type ObjectiveVerdict,
  type ObjectiveTarget,
} from './objectives';
export {
  buildRequestSpans,
  type Span,
  type SpanKind,
  type SpanStatus,
  type SpanPart,
  type SpanPartName,
  type SpanEvent,
} from './spans';
export {
  RequestCollector,
  TraceCorrelator,
  type CorrelatedRecord,
  type RequestTrace,
  type CollectOptions,
} from './spansCollect';
export { collectRun, type CollectedRun } from './spansRun';
export * from './sweep';
export { runSweepJob, overloadReason, type SweepJob, type SweepRun, type Bottleneck } from './sweepPoint';
export { estimateClientCapacity, slotTimes, withClientRate, type CapacityEstimate } from './sweepCapacity';
export {
  EventLog,
  EVENT_LOG_CAPACITY,
  isErrorRecord,
  type LogRow,
  type LogFilter,
  type LogPage,
} from './spansLog';
