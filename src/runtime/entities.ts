import type { CircuitState } from './api';
import type { Queue, Subscription, Topic } from './channels';
import { Fifo } from './fifo';
import { Histogram } from './histogram';
import type { SagaDefinition } from './sagaState';
import type { Call, Message, PendingReply } from './messages';
import type { TimeoutLane } from './timeouts';
import type { CompiledLatency } from './distributions';
import type { EdgeBehaviour } from './behaviours';
import type { EdgeKind } from '../model/schema';

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
  /** What it does after handling a message, by the message's name (see `routeFor`), and for messages that do only what names them explicitly. */
  readonly routes = new Map<string, Action[]>();
  readonly explicitRoutes = new Map<string, Action[]>();
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
  /** The route of the last message handled after coming over this edge: its name, handler, whether explicit only, and actions. */
  routeType = '';
  routeHandler: Service | null = null;
  routeExplicit = false;
  route: Action[] | null = null;

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
