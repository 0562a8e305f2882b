import type { Breakpoint, BreakpointKind, Fault } from '../model/schema';
import type { RunSeries } from './seriesShape';
import type { InvariantReport, Metrics } from './reportShape';
import type { TraceRecord } from './trace';
import type { EventLog } from './spansLog';

/**
 * The engine's public contract: what the playback layer, the worker, the CLI and the tests use.
 * The engine itself lives beside this file; everything outside source/runtime imports only from
 * `source/runtime/index.ts`, which re-exports this contract and `createEngine`.
 */

/**
 * Every message look, in a fixed order: one entry per mark in the legend. A look crosses threads
 * (engine to page to drawing worker) as its index here, and the engine's `Look` enum follows it.
 */
export const MESSAGE_LOOKS = [
  'request',
  'reply-ok',
  'reply-error',
  'queue',
  'event',
  'saga-action',
  'compensation',
  'retry',
  'dead-letter',
] as const;

/** How a message is drawn; one entry per mark in the legend. */
export type MessageLook = (typeof MESSAGE_LOOKS)[number];

/**
 * What a message is, whatever it looks like: a sync (or saga) request, its reply, a topic copy, a
 * queue message, or an async reply on a reply channel.
 */
export type MessageKind = 'request' | 'reply' | 'event' | 'queue' | 'async-reply';

/** A message's standing: a first attempt, a retry or redelivery, an error reply, or on its way to the dead-letter queue. */
export type MessageStatus = 'normal' | 'retry' | 'error' | 'dead-letter';

/** A message travelling along one edge right now, positioned by interpolation between its times. */
export interface InFlightMessage {
  /** The envelope id; a retry is a new message with the same correlation id. */
  id: string;
  edgeId: string;
  look: MessageLook;
  /** Message name, e.g. `POST /orders` or `OrderPlaced`. */
  type: string;
  correlationId: string;
  sentAt: number;
  arrivesAt: number;
  /**
   * Where along the edge's path it starts and ends, 0 = the edge's source, 1 = its target.
   * A request goes 0→1 and its reply 1→0; a queue message goes 0→0.5 to the broker and 0.5→1 to
   * the consumer (a dead-lettered one goes back 1→0.5 to the broker's dead-letter queue); a
   * compensation travels toward the participant that undoes its step, in its own look: 0→1 from an
   * orchestrator, 1→0 back along the next edge of a choreographed chain (a participant undoing its
   * own step sends nothing over the network). An async reply goes 1→0.5 to the reply channel's broker
   * and 0.5→0 to the producer along the request's edge (or 0→0.5→1 on an edge of a reply channel
   * drawn in the diagram). Use fromT/toT as given.
   */
  fromT: number;
  toT: number;
  /** Saga step number for saga actions and compensations. */
  step?: number;
  /** What it is (always set by the engine; optional for older producers of this type). */
  kind?: MessageKind;
  /** 'forward' when it travels from the edge's source toward its target (toT > fromT). */
  direction?: 'forward' | 'backward';
  /** First attempt, retry/redelivery, error reply or dead-letter (always set by the engine). */
  status?: MessageStatus;
}

/** Every effect kind, in legend order (the engine numbers them by this order too). */
export const EFFECT_KINDS = [
  'failed',
  'timeout',
  'refused',
  'dropped',
  'dead-lettered',
  'duplicate',
  'circuit-open',
  'compensated',
] as const;

/** A moment-long mark where something happened: a failure burst, a timeout, a drop… */
export interface Effect {
  kind: (typeof EFFECT_KINDS)[number];
  at: number;
  serviceId?: string;
  edgeId?: string;
  messageId?: string;
}

export type ServiceStatus = 'up' | 'down';

/** What a service is doing at this moment. */
export interface ServiceState {
  id: string;
  status: ServiceStatus;
  /** Slots handling a message right now, out of `capacity` (replicas × concurrency). */
  busy: number;
  capacity: number;
  /** Slots held while waiting on a sync reply ("Waiting…"). */
  waiting: number;
  inbox: number;
  slowFactor: number;
  /** Extra failure rate injected by an `error` fault (0 when none). */
  injectedErrorRate: number;
  handled: number;
  failed: number;
}

/** A queue (by channel name) or a topic (by topic name). */
export interface ChannelState {
  name: string;
  kind: 'queue' | 'topic';
  /** Messages waiting in the broker (for a topic: copies held for durable subscribers). */
  depth: number;
  inFlightToConsumers: number;
  deadLettered: number;
  /** Recent depth samples, oldest first, for a sparkline (bounded length). */
  depthHistory: number[];
  /** The edge on which the channel is drawn (its queue glyph sits at that edge's midpoint). */
  anchorEdgeId: string;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface EdgeState {
  id: string;
  circuit: CircuitState;
  cut: boolean;
  /** Attempts sent (messages for queue and topic edges). */
  sent: number;
  /** Attempts sent that failed (error reply, timeout, hop limit); never more than `sent`. */
  failed: number;
  /** Calls an open circuit failed fast without sending them (set by the engine). */
  shortCircuited?: number;
}

export interface SagaInstanceState {
  id: string;
  saga: string;
  status: 'running' | 'completed' | 'compensating' | 'compensated' | 'stuck';
  /** Steps done so far, and compensations done, in the order they happened. */
  completedSteps: number[];
  compensatedSteps: number[];
  /** The same as the steps' edge ids (in a parallel stage, several steps share a number). */
  completedEdges: string[];
  compensatedEdges: string[];
  failedStep?: number;
  /** A step that timed out: it may have happened, so it is compensated before the ones it follows. */
  uncertainStep?: number;
  /** Its orchestrator is down; it resumes the current step when the orchestrator is back. */
  suspended?: boolean;
}

export type { InvariantReport, Metrics, Percentiles } from './reportShape';

/** A message's envelope, as a real event would carry it. */
export interface Envelope {
  id: string;
  type: string;
  version: number;
  timestamp: number;
  source: string;
  correlationId: string;
  causationId: string | null;
  payload: Record<string, string | number | boolean>;
}

/**
 * What a message was when it was created, as the engine remembers it (cheap: no search, no path).
 * Read by trace tools (spans, exports) while records stream, when the message is surely remembered.
 */
export interface MessageFacts {
  id: string;
  kind: MessageKind;
  /** Message name, e.g. `POST /orders`. */
  type: string;
  correlationId: string;
  causationId: string | null;
  edgeId: string;
  /** The service that sent it. */
  source: string;
  createdAt: number;
  /** Request attempt (1 for the first), or 0 when not a request. */
  attempt: number;
  /** Async exchange: the request's message id. */
  requestId?: string;
  /** Saga name and step, for saga actions and compensations. */
  saga?: string;
  step?: number;
  /** Drawn as a compensation (a saga undoing a step). */
  compensation: boolean;
}

/** One hop a message (or its causal chain) took: along which edge, when. */
export interface PathHop {
  edgeId: string;
  at: number;
  what: string;
}

/**
 * A message on the wire as visitInFlight passes it: numbers and its edge. The engine's own object,
 * read only and only until the engine next moves.
 */
export interface WireMessage {
  /** The envelope's number: InFlightMessage.id is `m` followed by it. */
  readonly id: number;
  /** When it was put on the wire (InFlightMessage.sentAt). */
  readonly since: number;
  /** Where along its edge it starts and ends, in halves: twice InFlightMessage.fromT and toT. */
  readonly fromHalf: number;
  readonly toHalf: number;
  readonly edge: { readonly id: string };
}

/** The engine, stepped by whoever drives it (the worker for the app, a loop for the CLI). */
export interface Engine {
  /** Simulated now, in ms. */
  readonly now: number;
  /** The run's end (from the diagram's run settings unless overridden). */
  readonly untilMs: number;
  /** Process every event due at or before `t` (capped at `untilMs`) and set `now` to `t`. */
  advanceTo(t: number): void;
  /** Process the next event only; returns its time, or null when nothing is left. */
  step(): number | null;
  /** Time of the next pending event, or null. */
  nextEventTime(): number | null;
  /** Apply a fault now; it is recorded (source 'live', atMs = now) so the run replays. */
  inject(fault: Omit<Fault, 'atMs' | 'source'> & { atMs?: number }): void;
  /**
   * Ends a fault that has no end of its own (duration 0) now, and records the duration it had so the
   * run replays; false when no such fault is in force.
   */
  endFault(faultId: string): boolean;
  /** Every fault applied in this run, scripted and live, in time order. */
  faults(): Fault[];
  /** Messages on the wire now, described for drawing, oldest sent first. */
  inFlight(): InFlightMessage[];
  /**
   * Visits the messages on the wire now without describing them (no strings built, no sort): what a
   * caller that sends only the changes from one frame to the next needs (playback/inFlightDiff.ts).
   */
  visitInFlight(visit: (message: WireMessage, arrivesAt: number) => void): void;
  /** The description inFlight() gives of a message visitInFlight passed (until the engine next moves). */
  describeInFlight(message: WireMessage, arrivesAt: number): InFlightMessage;
  /** Effects that happened at or after `sinceMs` (bounded: the most recent ones). */
  effects(sinceMs: number): Effect[];
  services(): ServiceState[];
  channels(): ChannelState[];
  edges(): EdgeState[];
  sagaInstances(): SagaInstanceState[];
  metrics(): Metrics;
  /**
   * The run's time series so far (see `RunSeries`), fresh arrays the caller may keep or transfer;
   * null when the engine was created without `series`.
   */
  series(): RunSeries | null;
  check(): InvariantReport;
  /** The most recent trace records, oldest first (a bounded ring buffer, for the event log). */
  recentTrace(limit?: number): TraceRecord[];
  /** Number of events processed so far. */
  readonly events: number;
  /** A stable hash of the whole trace so far (same diagram + seed + faults ⇒ same hash). */
  traceHash(): string;
  /** The envelope of a message still known to the engine, with the path its causal chain took. */
  envelope(messageId: string): (Envelope & { path: PathHop[] }) | undefined;
  /**
   * What a recently created message was (the last few thousand are remembered), without its path.
   * Optional so that stand-in engines (test fakes) need not answer it; the real engine always does.
   */
  messageFacts?(messageId: string): MessageFacts | undefined;
  /** The run's event log, when the engine was created with `eventLog`; otherwise null (or absent in fakes). */
  readonly eventLog?: EventLog | null;
  /**
   * Set when the run floods itself (too many messages, calls, saga instances or pending requests
   * alive, or too many events for the simulated time they span, as a cycle of instant services
   * makes) or reaches its event budget: the engine stops and says why; `now` is where it stopped.
   */
  readonly overloaded: string | null;
  /**
   * Breakpoints that stop `advanceTo` and `step` right after the event that hits one (null: none);
   * clears the last hit. The run's driver sets them while playing and takes them off to seek.
   * Absent on test fakes.
   */
  pauseOn?(breakpoints: readonly Breakpoint[] | null): void;
  /** The breakpoint that stopped the last `advanceTo` or `step` (before `now` reached its target), or null. */
  readonly breakHit?: BreakHit | null;
  /** A copy of the whole run as it stands, to `restore` later (seeking); absent on test fakes. */
  checkpoint?(): EngineCheckpoint;
  /** Puts the run back exactly where `checkpoint` was taken; it continues as the original did. */
  restore?(checkpoint: EngineCheckpoint): void;
}

/** Where a breakpoint stopped the run: which one, when, and what hit it (the fields its kind knows). */
export interface BreakHit {
  breakpointId: string;
  kind: BreakpointKind;
  /** Simulated time of the event that hit it: the run stopped right after that event. */
  atMs: number;
  edgeId?: string;
  serviceId?: string;
  /** The queue's channel (dead letter, queue depth). */
  channel?: string;
  saga?: string;
  messageId?: string;
  /** The request concerned (a slow request, a saga instance), to open its trace. */
  correlationId?: string;
  /** A number that goes with it: the queue's depth, the request's duration in ms. */
  n?: number;
}

/** A run's state at one moment (opaque: only the engine that took it can restore it). */
export interface EngineCheckpoint {
  /** Simulated time it was taken at. */
  readonly atMs: number;
  /** The run's fault list then, in the order applied (scripted first, then live ones as injected). */
  readonly faults: readonly Fault[];
}
