/**
 * What travels through a run: messages, the calls (request/reply exchanges) they make, an async
 * request's pending reply, and their states, kinds, looks and owners. Services, edges and their
 * counters are in entities.ts.
 */
import type { Queue, Subscription } from './channels';
import type { SagaInstance } from './sagaState';
import type { Action, CallPolicy, Edge, Exchange, Service } from './entities';

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

/** A message's look as the engine keeps it: its index in `MESSAGE_LOOKS` (api.ts). */
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
