import type { Diagram, Fault } from '../model/schema';
import type {
  BreakHit,
  InvariantReport,
  ChannelState,
  EdgeState,
  Effect,
  Engine,
  EngineCheckpoint,
  Envelope,
  InFlightMessage,
  MessageLook,
  Metrics,
  PathHop,
  SagaInstanceState,
  ServiceState,
  WireMessage,
} from '../runtime/api';
import type {
  ChannelSeries,
  ClientSeries,
  EdgeSeries,
  RunSeries,
  SagaSeries,
  ServiceSeries,
} from '../runtime/seriesShape';

/*
 * The runtime types the canvas and panels need, re-exported here because those folders may import
 * src/playback but not src/runtime (the lint boundary).
 */
export type {
  BreakHit,
  ChannelState,
  EdgeState,
  Effect,
  Engine,
  EngineCheckpoint,
  Envelope,
  InFlightMessage,
  MessageLook,
  Metrics,
  PathHop,
  SagaInstanceState,
  ServiceState,
  WireMessage,
  RunSeries,
  ClientSeries,
  ServiceSeries,
  ChannelSeries,
  SagaSeries,
  EdgeSeries,
};
export {
  BREAKER_STATE,
  DEFAULT_SERIES_BUCKET_MS,
  MAX_SERIES_BUCKETS,
  seriesBuffers,
  seriesToJson,
  type RunSeriesJson,
} from '../runtime/seriesShape';

/** One record of the engine's trace, as the event log shows it. */
export type TraceRecord = ReturnType<Engine['recentTrace']>[number];

/** Builds an engine for a diagram; `createEngine` from src/runtime in the app, a fake in tests. */
export type EngineFactory = (
  diagram: Diagram,
  options: { seed: number; untilMs?: number; seriesBucketMs?: number },
) => Engine;

/** A fault as the interface asks for it: only kind and target are required. */
/** A fault to apply now: its kind and target; every number left out takes the schema's default. */
export type LiveFaultInput = Pick<Fault, 'kind' | 'target'> &
  Partial<Omit<Fault, 'kind' | 'target' | 'atMs' | 'source'>>;

/** The envelope of a message with the path its causal chain took so far. */
export type EnvelopeView = Envelope & { path: PathHop[] };

export { EFFECT_KINDS, MESSAGE_LOOKS } from '../runtime/api';

/** The part of the run's state the canvas shows, refreshed with every panel refresh. */
export type LiveRunState = Omit<
  RunState,
  'metrics' | 'recentTrace' | 'sagaInstances' | 'series' | 'invariants'
>;

/** The state of the run that panels show, refreshed at most ~10 times a second. */
export interface RunState {
  services: ServiceState[];
  channels: ChannelState[];
  edges: EdgeState[];
  sagaInstances: SagaInstanceState[];
  metrics: Metrics | null;
  recentTrace: TraceRecord[];
  /** Faults applied in this run so far, scripted and live, in time order. */
  faults: Fault[];
  /**
   * The run's time series up to its `endMs` (null before the engine sent any, and with a fake
   * engine). Sent with the full-detail refreshes only (a few times a second), as transferred arrays.
   */
  series: RunSeries | null;
  /**
   * The engine's invariant check (message conservation, saga accounting) where the run stands, with
   * the full-detail refreshes (null before the engine sent one).
   */
  invariants: (InvariantReport & { atMs: number }) | null;
}
