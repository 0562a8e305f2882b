import type { CircuitState } from './api';
import { Fifo } from './fifo';
import { Histogram } from './histogram';
import type { TimeoutLane } from './timeouts';

/** Where a message is, for conservation: each message is in exactly one of these at any moment. */
export const enum St {
  InFlight = 0,
  Waiting = 1,
  Handling = 2,
  Delivered = 3,
  DeadLettered = 4,
  Dropped = 5,
}

/** What a message is. */
export const enum Mk {
  Request = 0,
  Reply = 1,
  Queue = 2,
  Event = 3,
  QueueReply = 4,
}

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
export const enum Lk {
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

/** A service at run time: its slots, inbox, counters and active faults. */
export class Svc {
  down = 0;
  slowFactor = 1;
  injectedError = 0;
  slowFaults: number[] = [];
  errorFaults: number[] = [];
  /** Slots occupied: handling, reserved for a queue delivery on its way, or waiting on a sync reply. */
  used = 0;
  waiting = 0;
  readonly replicaUsed: Int32Array;
  rrReplica = 0;
  readonly inbox = new Fifo<Msg>();
  readonly routes = new Map<string, Action[]>();
  lastRouteKey = '';
  lastRoute: Action[] | null = null;
  out: Edg[] = [];
  consumes: Queue[] = [];
  subscriptions: Edg[] = [];
  sagaStarts: SagaDef[] = [];
  received = 0;
  handled = 0;
  failed = 0;
  maxInbox = 0;
  readonly waitHist = new Histogram();
  readonly latHist = new Histogram();
  usedIntegral = 0;
  lastUsedChange = 0;
  readonly capacity: number;

  constructor(
    readonly idx: number,
    readonly id: string,
    readonly name: string,
    readonly isClient: boolean,
    readonly replicas: number,
    readonly concurrency: number,
    readonly latKind: number,
    readonly latA: number,
    readonly latB: number,
    readonly errorRate: number,
    readonly idempotent: boolean,
  ) {
    this.capacity = replicas * concurrency;
    this.replicaUsed = new Int32Array(replicas);
  }
}

/** What a service does after handling a message: one entry per distinct call, queue, topic or saga. */
export interface Action {
  kind: 'sync' | 'queue' | 'topic' | 'saga';
  edge: Edg;
  queue?: Queue;
  topic?: Topic;
  saga?: SagaDef;
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

/** An edge at run time. */
export class Edg {
  cut = 0;
  sent = 0;
  failed = 0;
  timedOut = 0;
  retried = 0;
  circuitOpened = 0;
  circuit: CircuitState = 'closed';
  consecutiveFailures = 0;
  trialOut = false;
  breakerToken = 0;
  triggers: Set<string> | null = null;
  /** Sync: policy, serialization cost and breaker. */
  policy: CallPolicy | null = null;
  serializationMs = 0;
  breakerEnabled = false;
  breakerThreshold = 0;
  breakerOpenMs = 0;
  queue: Queue | null = null;
  topic: Topic | null = null;
  durable = true;

  constructor(
    readonly idx: number,
    readonly id: string,
    readonly kind: 'sync' | 'queue' | 'topic' | 'saga',
    readonly from: Svc,
    readonly to: Svc,
    readonly message: string,
    readonly latencyMs: number,
  ) {}
}

/** A queue: one channel shared by its edges, its consumers competing for each message. */
export class Queue {
  nameId = -1;
  readonly fifo = new Fifo<Msg>();
  consumers: Svc[] = [];
  edges: Edg[] = [];
  rr = 0;
  durable = true;
  atLeastOnce = true;
  maxDeliveries = 5;
  deadLetter = true;
  ackLossRate = 0;
  replyChannel: Queue | null = null;
  /** Declared only as someone's reply channel: no consumers, carries replies back. */
  virtual = false;
  inFlightToConsumers = 0;
  published = 0;
  delivered = 0;
  redelivered = 0;
  deadLettered = 0;
  dropped = 0;
  maxDepth = 0;
  readonly waitHist = new Histogram();
  readonly history: number[] = [];
  nextSampleAt = 0;
  lastDepth = 0;
  constructor(
    readonly name: string,
    readonly idx: number,
  ) {}
}

/** A topic: every subscription edge gets its own copy of each event. */
export class Topic {
  nameId = -1;
  subs: Edg[] = [];
  /** Copies held for down durable subscribers, per subscription edge index. */
  readonly held = new Map<number, Fifo<Msg>>();
  depth = 0;
  published = 0;
  delivered = 0;
  dropped = 0;
  maxDepth = 0;
  readonly waitHist = new Histogram();
  readonly history: number[] = [];
  nextSampleAt = 0;
  lastDepth = 0;
  constructor(
    readonly name: string,
    readonly idx: number,
  ) {}
}

/** A saga step at run time. */
export interface SagaStepDef {
  step: number;
  edge: Edg;
  action: string;
  compensation: string;
}

/** A saga definition with its counters. */
export class SagaDef {
  nameId = -1;
  actionPolicy!: CallPolicy;
  compensationPolicy!: CallPolicy;
  started = 0;
  completed = 0;
  compensated = 0;
  stuck = 0;
  constructor(
    readonly name: string,
    readonly steps: SagaStepDef[],
    readonly orchestrated: boolean,
    readonly starter: Svc,
    readonly triggers: Set<string> | null,
  ) {}
}

/** One running (or finished) saga instance. */
export class SagaInst {
  status: 'running' | 'completed' | 'compensating' | 'compensated' | 'stuck' = 'running';
  completedSteps: number[] = [];
  compensatedSteps: number[] = [];
  failedStep: number | undefined = undefined;
  listIdx = -1;
  constructor(
    readonly id: number,
    readonly def: SagaDef,
    readonly corr: number,
    readonly hop: number,
    readonly cause: number,
  ) {}
}

export const enum Owner {
  Job = 0,
  Client = 1,
  SagaAction = 2,
  SagaCompensation = 3,
}

/** One request/reply exchange with its attempts. */
export class Call {
  attempt = 0;
  token = 0;
  pending = false;
  done = false;
  calleeSuccesses = 0;
  trial = false;
  /** Interned id of why the last attempt failed (a `W` word). */
  lastFailure = -1;
  startedAt = 0;
  /** Index of the saga step (for saga owners). */
  stepIndex = 0;
  deadline = 0;
  constructor(
    readonly edge: Edg,
    readonly caller: Svc,
    readonly callee: Svc,
    readonly reversed: boolean,
    readonly type: string,
    readonly look: Lk,
    readonly policy: CallPolicy,
    readonly owner: Owner,
    readonly ownerObj: Msg | SagaInst | null,
    readonly corr: number,
    readonly cause: number,
    readonly hop: number,
  ) {}
}

/** A message; one class for every kind keeps property access monomorphic. */
export class Msg {
  state: St = St.InFlight;
  listIdx = -1;
  sentAt = 0;
  arrivesAt = 0;
  fromT = 0;
  toT = 1;
  edge: Edg;
  src: Svc;
  dst: Svc;
  look: Lk;
  inboxAt = 0;
  enqueuedAt = 0;
  deliveries = 0;
  successes = 0;
  replica = -1;
  ok = true;
  /** Queue message: 0 on the way to the broker, 1 on the way to the consumer. */
  leg = 0;
  token = 0;
  step = 0;
  call: Call | null = null;
  /** While handled: when it started and what the service does next. */
  startedAt = 0;
  actions: Action[] | null = null;
  nextAction = 0;
  queue: Queue | null = null;
  saga: SagaInst | null = null;
  constructor(
    readonly id: number,
    readonly kind: Mk,
    readonly type: string,
    readonly corr: number,
    readonly cause: number,
    readonly hop: number,
    readonly createdAt: number,
    edge: Edg,
    src: Svc,
    dst: Svc,
    look: Lk,
  ) {
    this.edge = edge;
    this.src = src;
    this.dst = dst;
    this.look = look;
  }
}
