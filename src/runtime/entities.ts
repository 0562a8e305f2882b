import type { CircuitState } from './api';
import type { Queue, Subscription, Topic } from './channels';
import { Fifo } from './fifo';
import { Histogram } from './histogram';
import type { SagaDefinition, SagaInstance } from './sagaState';
import type { TimeoutLane } from './timeouts';
import type { CompiledLatency } from './distributions';
import type { EdgeBehaviour } from './behaviours';
import type { EdgeKind } from '../model/schema';

/** Where a message is, for conservation: each message is in exactly one of these at any moment. */
export const enum MessageState {
  InFlight = 0,
  Waiting = 1,
  Handling = 2,
  Delivered = 3,
  DeadLettered = 4,
  Dropped = 5,
}

/** What a message is; the queue kinds come last so `kind >= MessageKind.Queue` means "travels through a broker queue". */
export const enum MessageKind {
  Request = 0,
  Reply = 1,
  Event = 2,
  Queue = 3,
  /** An async reply: a queue message on the reply channel, matched by the producer's pending-request table. */
  QueueReply = 4,
}

/** Names of the message kinds, in `MessageKind` order (the keys of the message registry). */
export const MESSAGE_KIND_NAMES = ['request', 'reply', 'event', 'queue', 'async-reply'] as const;

/** Message looks, in the order of `MessageLook`. */
export const LOOKS = [
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
export const enum Look {
  Request = 0,
  ReplyOk = 1,
  ReplyError = 2,
  Queue = 3,
  Event = 4,
  SagaAction = 5,
  Compensation = 6,
  Retry = 7,
  DeadLetter = 8,
}

/** A client's own requests (the engine's `requests` counts every client's together). */
export class ClientRequests {
  sent = 0;
  succeeded = 0;
  failed = 0;
  timedOut = 0;
  readonly latency = new Histogram();
}

/** A service at run time: its slots, inbox, counters and active faults. */
export class Service {
  down = 0;
  slowFactor = 1;
  injectedError = 0;
  slowFaults: number[] = [];
  errorFaults: number[] = [];
  /** Slots occupied: handling, reserved for a queue delivery on its way, or waiting on a sync reply. */
  used = 0;
  waiting = 0;
  readonly replicaUsed: Int32Array;
  nextReplica = 0;
  readonly inbox = new Fifo<Message>();
  readonly routes = new Map<string, Action[]>();
  lastRouteKey = '';
  lastRoute: Action[] | null = null;
  out: Edge[] = [];
  consumes: Queue[] = [];
  subs: Subscription[] = [];
  sagaStarts: SagaDefinition[] = [];
  /** Messages being handled on its slots (handling, or waiting on a sync call), for a crash to abort. */
  readonly jobs: Message[] = [];
  /** A client's calls still open, for a crash to abandon. */
  readonly clientCalls: Call[] = [];
  /** Async requests it sent that still await their reply, by request message id. */
  readonly pendingReplies = new Map<number, PendingReply>();
  received = 0;
  handled = 0;
  failed = 0;
  /** Requests refused from its inbox when it crashed (received, never handled). */
  refused = 0;
  maxInbox = 0;
  readonly waitHistogram = new Histogram();
  readonly latencyHistogram = new Histogram();
  usedIntegral = 0;
  lastUsedChange = 0;
  /** Time integral of the inbox length up to `inboxSince` (message·ms), for the time-averaged inbox. */
  inboxArea = 0;
  inboxSince = 0;
  readonly capacity: number;
  /** A client's requests; null for other services. */
  readonly requests: ClientRequests | null;

  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly isClient: boolean;
  readonly replicas: number;
  readonly concurrency: number;
  /** Its handling time, compiled (see `sampleLatency`). */
  readonly latencyKind: number;
  readonly latencyA: number;
  readonly latencyB: number;
  readonly errorRate: number;
  readonly idempotent: boolean;

  constructor(spec: ServiceSpec) {
    this.index = spec.index;
    this.id = spec.id;
    this.name = spec.name;
    this.isClient = spec.isClient;
    this.replicas = spec.replicas;
    this.concurrency = spec.concurrency;
    this.latencyKind = spec.latency.kind;
    this.latencyA = spec.latency.a;
    this.latencyB = spec.latency.b;
    this.errorRate = spec.errorRate;
    this.idempotent = spec.idempotent;
    this.capacity = spec.replicas * spec.concurrency;
    this.replicaUsed = new Int32Array(spec.replicas);
    this.requests = spec.isClient ? new ClientRequests() : null;
  }
}

/** Call before a service's inbox length changes at `now`: adds the time since the last change to its integral. */
export function inboxChanging(service: Service, now: number): void {
  service.inboxArea += service.inbox.length * (now - service.inboxSince);
  service.inboxSince = now;
}

/** Time integral of a service's inbox length from 0 to `t` (message·ms); `t` ≥ its last change. */
export function inboxIntegral(service: Service, t: number): number {
  return service.inboxArea + service.inbox.length * (t - service.inboxSince);
}

/** Time integral of a service's occupied slots from 0 to `t` (slot·ms); `t` ≥ its last change. */
export function usedIntegral(service: Service, t: number): number {
  return service.usedIntegral + service.used * (t - service.lastUsedChange);
}

/** What a service is in the diagram: everything `Service` starts from. */
export interface ServiceSpec {
  /** Position in the diagram's service list (trace records name services by it). */
  index: number;
  id: string;
  name: string;
  isClient: boolean;
  replicas: number;
  concurrency: number;
  latency: CompiledLatency;
  errorRate: number;
  idempotent: boolean;
}

/**
 * What a service does after handling a message: one entry per distinct call, queue, topic or saga,
 * carrying the behaviour of its edge kind (so performing it needs no lookup).
 */
export interface Action {
  kind: EdgeKind;
  behaviour: EdgeBehaviour;
  edge: Edge;
  queue?: Queue;
  topic?: Topic;
  saga?: SagaDefinition;
}

/** Settings of a request/reply exchange (sync edges, and the synthetic ones saga steps use). */
export interface CallPolicy {
  /** Pending timeouts under this policy (one lane per edge or saga). */
  lane: TimeoutLane;
  timeoutMs: number;
  maxAttempts: number;
  baseMs: number;
  factor: number;
  maxMs: number;
  jitter: number;
}

/** An edge at run time: what every kind has; what only some kinds have is in its kind's part. */
export class Edge {
  cut = 0;
  /** Sync and saga: attempts put on the wire. Queue: messages published. Topic: copies drawn on it. */
  sent = 0;
  /** Sync and saga: attempts that failed (error reply, timeout, hop limit; fast-fails excluded). */
  failed = 0;
  /** Duplicate side effects of messages that arrived over it (a retry or redelivery of work already done). */
  duplicates = 0;
  triggers: Set<string> | null = null;
  /** Sync and saga edges: their request/reply exchanges. */
  exchange: Exchange | null = null;
  /** Sync edges with a circuit breaker. */
  breaker: Breaker | null = null;
  /** Queue edges: their channel. */
  queue: Queue | null = null;
  /** Topic edges: their topic and subscription. */
  topic: TopicLink | null = null;

  constructor(
    readonly index: number,
    readonly id: string,
    readonly kind: EdgeKind,
    readonly from: Service,
    readonly to: Service,
    readonly message: string,
    readonly latencyMs: number,
  ) {}
}

/** Request/reply attempts on a sync or saga edge: sent = ok + failed + pending + abandoned. */
export class Exchange {
  ok = 0;
  pending = 0;
  abandoned = 0;
  timedOut = 0;
  retried = 0;
  constructor(
    /** Sync edges: timeout and retries (saga steps use their saga's policies). */
    readonly policy: CallPolicy | null,
    /** Added to each way's network latency. */
    readonly serializationMs: number,
  ) {}
}

/** A sync edge's circuit breaker. */
export class Breaker {
  state: CircuitState = 'closed';
  consecutiveFailures = 0;
  /** Half-open: the one trial let through is still pending. */
  trialOut = false;
  /** Makes a scheduled half-open stale when the circuit re-opened meanwhile. */
  token = 0;
  opened = 0;
  /** Calls failed fast by an open circuit, never sent. */
  shortCircuited = 0;
  constructor(
    readonly threshold: number,
    readonly openMs: number,
  ) {}
}

/** A topic edge's place in its topic. */
export interface TopicLink {
  topic: Topic;
  /** The subscription of its target. */
  subscription: Subscription;
  /** The edge each subscription's copy takes when this edge's source publishes, by subscription. */
  fanout: Edge[];
}

/** Who made a call and gets its outcome (see the call-owner registry in `behaviours.ts`). */
export const enum CallOwner {
  Job = 0,
  Client = 1,
  SagaAction = 2,
  SagaCompensation = 3,
}

/** Names of the call owners, in `CallOwner` order (the keys of the call-owner registry). */
export const CALL_OWNERS = ['job', 'client', 'saga-action', 'saga-compensation'] as const;

/** What a call is: who calls whom on which edge, for whom, and under which policy. */
export interface CallSpec {
  edge: Edge;
  caller: Service;
  callee: Service;
  /** Sent against the edge's direction (a choreographed compensation going back). */
  reversed: boolean;
  type: string;
  look: Look;
  policy: CallPolicy;
  owner: CallOwner;
  /** The job (`CallOwner.Job`) or saga instance (saga owners) waiting for the outcome; null for a client. */
  ownerObject: Message | SagaInstance | null;
  correlation: number;
  /** Id of the message that caused it, or -1. */
  cause: number;
  hop: number;
}

/** One request/reply exchange with its attempts. */
export class Call {
  attempt = 0;
  token = 0;
  pending = false;
  done = false;
  calleeSuccesses = 0;
  trial = false;
  /** Caller and callee are one service: no network (a choreographed participant undoing its own step). */
  local = false;
  /** A choreographed saga step: its outcome is settled where the callee handles it, no reply travels back. */
  outcomeAtCallee = false;
  /** The outcome was settled where the callee handled it (a choreographed step: no reply travels back). */
  settledAtCallee = false;
  /** Index in the caller's `clientCalls` (clients only). */
  listIndex = -1;
  /** Slot of its pending attempt in its timeout lane, or -1. */
  laneSlot = -1;
  /** Interned id of why the last attempt failed (a `Word`). */
  lastFailure = -1;
  startedAt = 0;
  /** Index of the saga step (for saga owners). */
  stepIndex = 0;
  deadline = 0;
  readonly edge: Edge;
  /** The edge's request/reply counters. */
  readonly exchange: Exchange;
  readonly caller: Service;
  readonly callee: Service;
  readonly reversed: boolean;
  readonly type: string;
  readonly look: Look;
  readonly policy: CallPolicy;
  readonly owner: CallOwner;
  readonly ownerObject: Message | SagaInstance | null;
  readonly correlation: number;
  readonly cause: number;
  readonly hop: number;

  constructor(spec: CallSpec) {
    this.edge = spec.edge;
    this.exchange = spec.edge.exchange!;
    this.caller = spec.caller;
    this.callee = spec.callee;
    this.reversed = spec.reversed;
    this.type = spec.type;
    this.look = spec.look;
    this.policy = spec.policy;
    this.owner = spec.owner;
    this.ownerObject = spec.ownerObject;
    this.correlation = spec.correlation;
    this.cause = spec.cause;
    this.hop = spec.hop;
  }
}

/** A message; one class for every kind keeps property access monomorphic. */
export class Message {
  state: MessageState = MessageState.InFlight;
  /** Where along the edge it starts and ends, in halves (0, 1, 2 = source, middle, target): small integers, no boxed doubles. */
  fromHalf = 0;
  toHalf = 2;
  edge: Edge;
  source: Service;
  target: Service;
  look: Look;
  /**
   * When its current stage began: sent on the wire (until it arrives; its arrival time is its event's
   * in the queue), arrival at the service (until it starts), handling start (until it ends), entry
   * into a queue or a held subscription (until it leaves). Stages never overlap, so one field serves
   * all (each double field costs an allocation per message).
   */
  since = 0;
  deliveries = 0;
  successes = 0;
  replica = -1;
  /**
   * Queue message: 0 on the way to the broker, 1 on the way to the consumer, 2 to the dead-letter
   * queue. Topic copy: 0 never sent (held while its edge is cut), 1 arrived at a down subscriber
   * (held), 3 released from a cut-edge hold and on its way (`RELEASED` in topic.ts).
   */
  leg = 0;
  /** Drawn against its edge's direction (replies along request edges). */
  reversed = false;
  token = 0;
  step = 0;
  call: Call | null = null;
  /** While handled: what the service does next, the sync call it waits on. */
  actions: Action[] | null = null;
  nextAction = 0;
  jobIndex = -1;
  jobToken = 0;
  outCall: Call | null = null;
  queue: Queue | null = null;
  sub: Subscription | null = null;
  /** Async request-reply: the producer's pending entry this request or reply belongs to. */
  pending: PendingReply | null = null;
  saga: SagaInstance | null = null;
  constructor(
    readonly id: number,
    readonly kind: MessageKind,
    readonly type: string,
    readonly correlation: number,
    readonly cause: number,
    readonly hop: number,
    readonly createdAt: number,
    edge: Edge,
    source: Service,
    target: Service,
    look: Look,
  ) {
    this.edge = edge;
    this.source = source;
    this.target = target;
    this.look = look;
  }
}

/** A producer's record of an async request awaiting its reply. */
export class PendingReply {
  answered = false;
  /** The request and its replies still alive; at 0 an unanswered entry can never be answered. */
  live = 1;
  constructor(
    readonly requestId: number,
    readonly owner: Service,
    readonly channel: Queue,
  ) {}
}
