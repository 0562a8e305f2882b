import { EFFECT_KINDS, MESSAGE_LOOKS, type Effect } from './api';
import { type Edge, type Service } from './entities';
import {
  MessageState,
  type Look,
  type Message,
  type MessageKind,
  type PendingReply,
  Message as MessageClass,
} from './messages';
import { type Queue, type Topic } from './channels';
import { type SagaDefinition, type SagaInstance } from './sagaState';
import type { Behaviours } from './behaviours';
import { EventQueue } from './heap';
import { Histogram } from './histogram';
import { RecentMessages } from './recent';
import { Rng } from './rng';
import type { EventLog } from './spansLog';
import { TraceCode, type TraceLog } from './trace';
import type { BreakWatch } from './breakpoints';

/**
 * Event kinds of the event queue (faults have their own agenda, see faults.ts). The kinds from
 * HandleDone to HalfOpen may have gone stale by the time they are due.
 */
export const enum EventKind {
  Arrive = 0,
  HandleDone = 1,
  Timeout = 2,
  Retry = 3,
  HalfOpen = 4,
  ClientTick = 5,
  Burst = 6,
}

/** Detail words the hot path records, interned up front (after the looks) so recording needs no lookup. */
export const WORDS = [
  'ok',
  'failed',
  'started',
  'done',
  'timeout',
  'error',
  'error reply',
  'downstream',
  'circuit open',
  'completed',
  'compensated',
  'stuck',
  'caller gave up',
  'hop limit',
  'partition',
  'crashed',
  'caller crashed',
  'suspended',
  'resumed',
  'duplicate',
  'unmatched',
  'unanswered',
] as const;
/** Interned id of each word in `WORDS`. */
export const Word = Object.fromEntries(WORDS.map((w, i) => [w, MESSAGE_LOOKS.length + i])) as {
  [K in (typeof WORDS)[number]]: number;
};

/** Effect kinds, numbered for the hot path. */
export const EffectCode = Object.fromEntries(EFFECT_KINDS.map((k, i) => [k, i])) as {
  [K in Effect['kind']]: number;
};

/**
 * Above this many live messages (or this many open calls, saga instances and pending async requests
 * together) the run stops as overloaded instead of exhausting memory.
 */
export const MAX_LIVE_MESSAGES = 200_000;
const RECENT_MESSAGES = 4096;
/** How many finished saga instances the views show. */
export const RECENT_SAGAS = 200;
const EFFECTS_KEPT = 1000;

/**
 * The simulation core: the whole mutable state of one run and its basic verbs (schedule, record,
 * new message, launch, drop). The behaviours of each kind are registered in `kinds`.
 */
export class Simulation {
  /** The registered behaviour of every edge kind, message kind, call owner and fault kind. */
  kinds!: Behaviours;
  now = 0;
  events = 0;
  readonly eventQueue = new EventQueue();
  readonly rng: Rng;
  trace!: TraceLog;
  /** The run's event log, when asked for (`EngineOptions.eventLog`): it reads the trace's ring; `remember` tells it each message. */
  eventLog: EventLog | null = null;
  services: Service[] = [];
  edges: Edge[] = [];
  queues: Queue[] = [];
  topics: Topic[] = [];
  sagas: SagaDefinition[] = [];
  readonly messageCounts = new Float64Array(6);
  created = 0;
  activeJobs = 0;
  /** Calls started and not yet ended (including those waiting for a retry). */
  openCalls = 0;
  /** Async requests awaiting their reply, over every producer. */
  pendingReplies = 0;
  nextMessageId = 0;
  nextCorrelation = 0;
  nextToken = 0;
  nextSagaId = 0;
  readonly recent = new RecentMessages(RECENT_MESSAGES);
  /** Recent effects as numbers (built into objects only when read). */
  readonly effectKinds = new Uint8Array(EFFECTS_KEPT);
  readonly effectTimes = new Float64Array(EFFECTS_KEPT);
  readonly effectServices = new Int32Array(EFFECTS_KEPT);
  readonly effectEdges = new Int32Array(EFFECTS_KEPT);
  readonly effectMessages = new Float64Array(EFFECTS_KEPT);
  effectCount = 0;
  readonly dropReasons = new Map<string, number>();
  duplicates = 0;
  readonly requests = { sent: 0, succeeded: 0, failed: 0, timedOut: 0, latency: new Histogram() };
  readonly liveSagas: SagaInstance[] = [];
  /** Finished saga instances, oldest first: the last `RECENT_SAGAS` of them and up to as many older ones (see `rememberSaga`). */
  readonly recentSagas: SagaInstance[] = [];
  overloaded: string | null = null;
  finished = false;
  hopLimit = 16;
  restSerializationMs = 1;
  grpcSerializationMs = 0.2;

  constructor(
    seed: number,
    readonly untilMs: number,
  ) {
    this.rng = new Rng(seed);
  }

  /** Schedules an event at time `t`. */
  schedule(t: number, kind: EventKind, obj: unknown, arg: number): void {
    this.eventQueue.push(t, kind, obj, arg);
  }

  /** The breakpoints the run stops at (set by the engine only while the run plays; see breakpoints.ts). */
  watch: BreakWatch | null = null;

  /**
   * Appends a trace record. `correlation`: the request a record that names no message belongs to,
   * when the caller knows it (for the event log; not part of the trace).
   */
  record(
    type: number,
    msg: number,
    service: number,
    edge: number,
    detail: number,
    n: number,
    correlation = -1,
  ) {
    // The time is the trace's clock (this simulation): passed, it would be boxed on every record.
    // The event log reads the records from the trace's ring, a block at a time (`EventLog.take`).
    this.trace.addNow(type, msg, service, edge, detail, n, correlation);
    if (this.watch !== null) this.watch.onRecord(type, msg, service, edge, detail, n);
  }

  /**
   * Remembers a message just created (its call, saga and pending entry set), before its first
   * record: the recent messages, and the event log's memory of its request and name.
   */
  remember(m: Message): void {
    this.recent.add(m);
    if (this.eventLog !== null) this.eventLog.remember(m.id, m.correlation, m.type, m.edge.index);
  }

  /**
   * Keeps a finished saga instance among the recent ones. The list is trimmed by `RECENT_SAGAS` at a
   * time, when it holds twice as many: shifting a 200-long list for every saga cost about 1 % of
   * the reference run.
   */
  rememberSaga(inst: SagaInstance): void {
    this.recentSagas.push(inst);
    if (this.recentSagas.length >= 2 * RECENT_SAGAS) this.recentSagas.splice(0, RECENT_SAGAS);
  }

  /** The last `RECENT_SAGAS` finished saga instances, oldest first. */
  lastSagas(): SagaInstance[] {
    return this.recentSagas.slice(-RECENT_SAGAS);
  }

  /** Interned detail id. */
  intern(s: string): number {
    return this.trace.intern(s);
  }

  /** A new message, counted as in flight (the caller launches or drops it at once). */
  newMessage(
    kind: MessageKind,
    type: string,
    correlation: number,
    cause: number,
    hop: number,
    edge: Edge,
    source: Service,
    target: Service,
    look: Look,
  ): Message {
    const m = new MessageClass(
      this.nextMessageId++,
      kind,
      type,
      correlation,
      cause,
      hop,
      this.now,
      edge,
      source,
      target,
      look,
    );
    this.created++;
    this.messageCounts[MessageState.InFlight]!++;
    const live =
      this.created -
      this.messageCounts[MessageState.Delivered]! -
      this.messageCounts[MessageState.DeadLettered]! -
      this.messageCounts[MessageState.Dropped]!;
    if (live > MAX_LIVE_MESSAGES) this.overload(`${MAX_LIVE_MESSAGES} messages alive at once`);
    else if (this.openCalls + this.liveSagas.length + this.pendingReplies > MAX_LIVE_MESSAGES)
      this.overload(`${MAX_LIVE_MESSAGES} calls, saga instances and async requests open at once`);
    return m;
  }

  /** Stops the run: it floods itself, and going on would exhaust memory. */
  overload(what: string): void {
    this.stop(
      `Overloaded at ${Math.round(this.now)} ms: more than ${what}. ` +
        'The diagram produces work faster than it can finish it (or floods itself through a cycle); the run stopped here.',
      MAX_LIVE_MESSAGES,
    );
  }

  /** Stops the run early with `message` (why and where); `limit` is the bound it reached, for the trace. */
  stop(message: string, limit: number): void {
    if (this.overloaded) return;
    this.overloaded = message;
    this.record(TraceCode.overloaded, -1, -1, -1, -1, limit);
  }

  /** Moves a message to another place. */
  setState(m: Message, s: MessageState): void {
    this.messageCounts[m.state]!--;
    this.messageCounts[s]!++;
    m.state = s;
    if (s >= MessageState.Delivered && m.pending !== null) this.pendingMessageEnded(m.pending);
  }

  /**
   * A request or reply of an async exchange ended. When the last one ends and no reply was matched,
   * the request can never be answered: the producer's entry is released and counted unanswered.
   */
  private pendingMessageEnded(p: PendingReply): void {
    if (--p.live > 0 || p.answered || p.owner.pendingReplies.get(p.requestId) !== p) return;
    p.owner.pendingReplies.delete(p.requestId);
    this.pendingReplies--;
    p.channel.replies!.unanswered++;
    this.record(TraceCode.correlated, p.requestId, p.owner.index, -1, Word.unanswered, NaN);
  }

  /** Puts a message on the wire from `fromHalf` to `toHalf` halves of its edge, arriving after `dur` ms. */
  launch(m: Message, fromHalf: number, toHalf: number, dur: number): void {
    if (m.state !== MessageState.InFlight) this.setState(m, MessageState.InFlight);
    m.since = this.now;
    m.fromHalf = fromHalf;
    m.toHalf = toHalf;
    this.eventQueue.push(this.now + dur, EventKind.Arrive, m, 0);
    // Not through `record`: no breakpoint watches a send, and this is the hottest record.
    this.trace.addNow(TraceCode.sent, m.id, m.source.index, m.edge.index, m.look, NaN, -1);
  }

  /**
   * Puts a broker message on the wire for its leg (0 to the broker, 1 to the consumer, 2 to the
   * dead-letter queue), each half of the edge; mirrored when it travels against the edge.
   */
  launchLeg(m: Message, leg: number): void {
    m.leg = leg;
    const a = leg; // 0 → 1, 1 → 2, 2 → 1 (halves of the edge)
    const b = leg === 1 ? 2 : 1;
    if (m.reversed) this.launch(m, 2 - a, 2 - b, m.edge.latencyMs / 2);
    else this.launch(m, a, b, m.edge.latencyMs / 2);
  }

  /**
   * Every message on the wire. Each has exactly one pending arrival in the event queue, so the queue
   * is the list (no list to keep up on the hot path); the order is the queue's, not the sending's.
   */
  forEachInFlight(fn: (m: Message, arrivesAt: number) => void): void {
    this.eventQueue.forEachOf(EventKind.Arrive, fn as (obj: unknown, time: number) => void);
  }

  /** Ends a message as dropped, with the reason recorded. */
  drop(m: Message, reason: string, service = -1): void {
    this.setState(m, MessageState.Dropped);
    this.dropReasons.set(reason, (this.dropReasons.get(reason) ?? 0) + 1);
    this.record(TraceCode.dropped, m.id, service, m.edge.index, this.intern(reason), NaN);
    this.effect(EffectCode.dropped, service, m.edge.index, m.id);
  }

  /** A moment-long mark for the renderers; -1 for a field that doesn't apply. */
  effect(kind: number, service: number, edge: number, msgId: number): void {
    const i = this.effectCount++ % EFFECTS_KEPT;
    this.effectKinds[i] = kind;
    this.effectTimes[i] = this.now;
    this.effectServices[i] = service;
    this.effectEdges[i] = edge;
    this.effectMessages[i] = msgId;
  }

  /** Effects at or after `sinceMs`, oldest first. */
  effectsSince(sinceMs: number): Effect[] {
    const out: Effect[] = [];
    const n = Math.min(this.effectCount, EFFECTS_KEPT);
    for (let k = this.effectCount - n; k < this.effectCount; k++) {
      const i = k % EFFECTS_KEPT;
      if (this.effectTimes[i]! < sinceMs) continue;
      const e: Effect = { kind: EFFECT_KINDS[this.effectKinds[i]!]!, at: this.effectTimes[i]! };
      if (this.effectServices[i]! >= 0) e.serviceId = this.services[this.effectServices[i]!]!.id;
      if (this.effectEdges[i]! >= 0) e.edgeId = this.edges[this.effectEdges[i]!]!.id;
      if (this.effectMessages[i]! >= 0) e.messageId = `m${this.effectMessages[i]}`;
      out.push(e);
    }
    return out;
  }

  /** Changes a service's occupied slots, keeping the time integral for utilization. */
  occupy(service: Service, delta: number): void {
    service.usedIntegral += service.used * (this.now - service.lastUsedChange);
    service.lastUsedChange = this.now;
    service.used += delta;
  }

  /** A client published a request to a queue or topic: the broker's ack is its reply, one edge latency later. */
  clientPublished(client: Service, ok: boolean, edge: Edge): void {
    this.clientSent(client);
    if (ok) this.clientSucceeded(client, edge.latencyMs);
    else this.clientFailed(client);
  }

  /** A client sent a request (counted for the client and for all requests). */
  clientSent(client: Service): void {
    this.requests.sent++;
    client.requests!.sent++;
  }

  /** A client's request succeeded after `latencyMs`. */
  clientSucceeded(client: Service, latencyMs: number): void {
    const r = this.requests;
    r.succeeded++;
    r.latency.add(latencyMs);
    const own = client.requests!;
    own.succeeded++;
    own.latency.add(latencyMs);
  }

  /** A client's request failed (error, refused, abandoned by a crash). */
  clientFailed(client: Service): void {
    this.requests.failed++;
    client.requests!.failed++;
  }

  /** A client's request timed out. */
  clientTimedOut(client: Service): void {
    this.requests.timedOut++;
    client.requests!.timedOut++;
  }

  /** Records a duplicate side effect. */
  duplicate(m: Message, service: Service): void {
    this.duplicates++;
    m.edge.duplicates++;
    this.record(TraceCode.duplicate, m.id, service.index, m.edge.index, -1, NaN);
    this.effect(EffectCode.duplicate, service.index, m.edge.index, m.id);
  }
}
