import { EFFECT_KINDS, type Effect } from './api';
import {
  LOOKS,
  St,
  type Edg,
  type Lk,
  type Msg,
  type Mk,
  type PendingReply,
  type Svc,
  Msg as MsgClass,
} from './entities';
import { type Queue, type Topic } from './channels';
import { type SagaDef, type SagaInst } from './sagaState';
import { EventQueue } from './heap';
import { Histogram } from './histogram';
import { RecentMessages } from './recent';
import { Rng } from './rng';
import { TR, type TraceLog } from './trace';

/**
 * Event kinds of the event queue (faults have their own agenda, see faults.ts). The kinds from
 * HandleDone to HalfOpen may have gone stale by the time they are due.
 */
export const enum Ev {
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
export const W = Object.fromEntries(WORDS.map((w, i) => [w, LOOKS.length + i])) as {
  [K in (typeof WORDS)[number]]: number;
};

/** Effect kinds, numbered for the hot path. */
export const FX = Object.fromEntries(EFFECT_KINDS.map((k, i) => [k, i])) as { [K in Effect['kind']]: number };

/**
 * Above this many live messages (or this many open calls, saga instances and pending async requests
 * together) the run stops as overloaded instead of exhausting memory.
 */
export const MAX_LIVE_MESSAGES = 200_000;
const RECENT_MESSAGES = 4096;
const EFFECTS_KEPT = 1000;

/** The whole mutable state of one run, shared by the behaviour modules. */
export class Sim {
  now = 0;
  events = 0;
  readonly q = new EventQueue();
  readonly rng: Rng;
  trace!: TraceLog;
  svcs: Svc[] = [];
  edges: Edg[] = [];
  queues: Queue[] = [];
  topics: Topic[] = [];
  sagas: SagaDef[] = [];
  readonly counts = new Float64Array(6);
  created = 0;
  activeJobs = 0;
  /** Calls started and not yet ended (including those waiting for a retry). */
  openCalls = 0;
  /** Async requests awaiting their reply, over every producer. */
  pendingReplies = 0;
  nextMsgId = 0;
  nextCorr = 0;
  nextToken = 0;
  nextSagaId = 0;
  readonly recent = new RecentMessages(RECENT_MESSAGES);
  /** Recent effects as numbers (built into objects only when read). */
  readonly effKind = new Uint8Array(EFFECTS_KEPT);
  readonly effAt = new Float64Array(EFFECTS_KEPT);
  readonly effSvc = new Int32Array(EFFECTS_KEPT);
  readonly effEdge = new Int32Array(EFFECTS_KEPT);
  readonly effMsg = new Float64Array(EFFECTS_KEPT);
  effectCount = 0;
  readonly dropReasons = new Map<string, number>();
  duplicates = 0;
  readonly requests = { sent: 0, succeeded: 0, failed: 0, timedOut: 0, lat: new Histogram() };
  readonly liveSagas: SagaInst[] = [];
  readonly recentSagas: SagaInst[] = [];
  overloaded: string | null = null;
  finished = false;
  hopLimit = 16;
  serRest = 1;
  serGrpc = 0.2;

  constructor(
    seed: number,
    readonly untilMs: number,
  ) {
    this.rng = new Rng(seed);
  }

  /** Schedules an event at time `t`. */
  at(t: number, kind: Ev, obj: unknown, arg: number): void {
    this.q.push(t, kind, obj, arg);
  }

  /** Appends a trace record. */
  rec(type: number, msg: number, svc: number, edge: number, detail: number, n: number): void {
    this.trace.add(type, this.now, msg, svc, edge, detail, n);
  }

  /** Interned detail id. */
  d(s: string): number {
    return this.trace.intern(s);
  }

  /** A new message, counted as in flight (the caller launches or drops it at once). */
  newMsg(
    kind: Mk,
    type: string,
    corr: number,
    cause: number,
    hop: number,
    edge: Edg,
    src: Svc,
    dst: Svc,
    look: Lk,
  ): Msg {
    const m = new MsgClass(this.nextMsgId++, kind, type, corr, cause, hop, this.now, edge, src, dst, look);
    this.created++;
    this.counts[St.InFlight]!++;
    const live =
      this.created - this.counts[St.Delivered]! - this.counts[St.DeadLettered]! - this.counts[St.Dropped]!;
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
    this.rec(TR.overloaded, -1, -1, -1, -1, limit);
  }

  /** Moves a message to another place. */
  setState(m: Msg, s: St): void {
    this.counts[m.state]!--;
    this.counts[s]!++;
    m.state = s;
    if (s >= St.Delivered && m.pending !== null) this.pendingMessageEnded(m.pending);
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
    this.rec(TR.correlated, p.requestId, p.owner.idx, -1, W.unanswered, NaN);
  }

  /** Puts a message on the wire from `from2` to `to2` halves of its edge, arriving after `dur` ms. */
  launch(m: Msg, from2: number, to2: number, dur: number): void {
    if (m.state !== St.InFlight) this.setState(m, St.InFlight);
    m.since = this.now;
    m.from2 = from2;
    m.to2 = to2;
    this.q.push(this.now + dur, Ev.Arrive, m, 0);
    this.trace.add(TR.sent, this.now, m.id, m.src.idx, m.edge.idx, m.look, NaN);
  }

  /**
   * Puts a broker message on the wire for its leg (0 to the broker, 1 to the consumer, 2 to the
   * dead-letter queue), each half of the edge; mirrored when it travels against the edge.
   */
  launchLeg(m: Msg, leg: number): void {
    m.leg = leg;
    const a = leg; // 0 → 1, 1 → 2, 2 → 1 (halves of the edge)
    const b = leg === 1 ? 2 : 1;
    if (m.rev) this.launch(m, 2 - a, 2 - b, m.edge.latencyMs / 2);
    else this.launch(m, a, b, m.edge.latencyMs / 2);
  }

  /**
   * Every message on the wire. Each has exactly one pending arrival in the event queue, so the queue
   * is the list (no list to keep up on the hot path); the order is the queue's, not the sending's.
   */
  forEachInFlight(fn: (m: Msg, arrivesAt: number) => void): void {
    this.q.forEachOf(Ev.Arrive, fn as (obj: unknown, time: number) => void);
  }

  /** Ends a message as dropped, with the reason recorded. */
  drop(m: Msg, reason: string, svc = -1): void {
    this.setState(m, St.Dropped);
    this.dropReasons.set(reason, (this.dropReasons.get(reason) ?? 0) + 1);
    this.rec(TR.dropped, m.id, svc, m.edge.idx, this.d(reason), NaN);
    this.effect(FX.dropped, svc, m.edge.idx, m.id);
  }

  /** A moment-long mark for the renderers; -1 for a field that doesn't apply. */
  effect(kind: number, svc: number, edge: number, msgId: number): void {
    const i = this.effectCount++ % EFFECTS_KEPT;
    this.effKind[i] = kind;
    this.effAt[i] = this.now;
    this.effSvc[i] = svc;
    this.effEdge[i] = edge;
    this.effMsg[i] = msgId;
  }

  /** Effects at or after `sinceMs`, oldest first. */
  effectsSince(sinceMs: number): Effect[] {
    const out: Effect[] = [];
    const n = Math.min(this.effectCount, EFFECTS_KEPT);
    for (let k = this.effectCount - n; k < this.effectCount; k++) {
      const i = k % EFFECTS_KEPT;
      if (this.effAt[i]! < sinceMs) continue;
      const e: Effect = { kind: EFFECT_KINDS[this.effKind[i]!]!, at: this.effAt[i]! };
      if (this.effSvc[i]! >= 0) e.serviceId = this.svcs[this.effSvc[i]!]!.id;
      if (this.effEdge[i]! >= 0) e.edgeId = this.edges[this.effEdge[i]!]!.id;
      if (this.effMsg[i]! >= 0) e.messageId = `m${this.effMsg[i]}`;
      out.push(e);
    }
    return out;
  }

  /** Changes a service's occupied slots, keeping the time integral for utilization. */
  occupy(svc: Svc, delta: number): void {
    svc.usedIntegral += svc.used * (this.now - svc.lastUsedChange);
    svc.lastUsedChange = this.now;
    svc.used += delta;
  }

  /** Records a duplicate side effect. */
  duplicate(m: Msg, svc: Svc): void {
    this.duplicates++;
    this.rec(TR.duplicate, m.id, svc.idx, m.edge.idx, -1, NaN);
    this.effect(FX.duplicate, svc.idx, m.edge.idx, m.id);
  }
}
