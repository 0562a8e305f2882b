import { Fifo } from './fifo';
import { Histogram } from './histogram';
import type { Edge, Service } from './entities';
import type { Message } from './messages';

const DEPTH_SAMPLE_MS = 250;
const DEPTH_HISTORY = 120;

/** A queue: one channel shared by its edges, its consumers competing for each message. */
export class Queue {
  nameId = -1;
  readonly fifo = new Fifo<Message>();
  consumers: Service[] = [];
  edges: Edge[] = [];
  nextConsumer = 0;
  durable = true;
  atLeastOnce = true;
  maxDeliveries = 5;
  deadLetter = true;
  ackLossRate = 0;
  replyChannel: Queue | null = null;
  /** Declared only as someone's reply channel: consumed by the producers that name it, drawn along their request edges. */
  virtual = false;
  /** Virtual reply channel: the request edges it is drawn along (reversed). */
  requestEdges: Edge[] = [];
  /** Reply channel: how the replies it carried were matched by the producers' pending-request tables. */
  replies: ReplyStats | null = null;
  inFlightToConsumers = 0;
  /** Time integral of `inFlightToConsumers` up to `toConsumersSince` (message·ms). */
  toConsumersArea = 0;
  toConsumersSince = 0;
  published = 0;
  acked = 0;
  delivered = 0;
  redelivered = 0;
  deadLettered = 0;
  dropped = 0;
  maxDepth = 0;
  readonly waitHistogram = new Histogram();
  readonly history: number[] = [];
  nextSampleAt = 0;
  lastDepth = 0;
  /** Time integral of the depth up to `depthSince` (message·ms), for time-averaged depth. */
  depthArea = 0;
  depthSince = 0;
  constructor(
    readonly name: string,
    readonly index: number,
  ) {}
}

/** Counts of a reply channel's replies. */
export interface ReplyStats {
  matched: number;
  duplicate: number;
  unmatched: number;
  unanswered: number;
}

/** One subscriber service's subscription to a topic (however many edges draw it): one copy per event. */
export class Subscription {
  durable = true;
  edges: Edge[] = [];
  /** Copies kept for it while it is down or cut off (durable only). */
  readonly held = new Fifo<Message>();
  constructor(
    readonly topic: Topic,
    readonly service: Service,
  ) {}
}

/** A topic: every subscriber gets its own copy of each event. */
export class Topic {
  nameId = -1;
  subs: Subscription[] = [];
  depth = 0;
  published = 0;
  /** Copies made (one per subscription per event). */
  copies = 0;
  /** Copies handed to subscribers, and those a crashed subscriber handed back unhandled. */
  delivered = 0;
  returned = 0;
  redelivered = 0;
  dropped = 0;
  /** Copies released from a partition hold and on their way, with how long they were held (rare). */
  readonly releasedHeldMs = new Map<Message, number>();
  maxDepth = 0;
  readonly waitHistogram = new Histogram();
  readonly history: number[] = [];
  nextSampleAt = 0;
  lastDepth = 0;
  /** Time integral of the depth up to `depthSince` (message·ms), for time-averaged depth. */
  depthArea = 0;
  depthSince = 0;
  constructor(
    readonly name: string,
    readonly index: number,
  ) {}
}

/** Tracks max depth, the depth's time integral and the sparkline history; call after every depth change. */
export function depthChanged(
  now: number,
  q: {
    fifo?: { length: number };
    depth?: number;
    maxDepth: number;
    history: number[];
    nextSampleAt: number;
    lastDepth: number;
    depthArea: number;
    depthSince: number;
  },
): void {
  const depth = q.fifo ? q.fifo.length : (q.depth ?? 0);
  q.depthArea += q.lastDepth * (now - q.depthSince);
  q.depthSince = now;
  if (depth > q.maxDepth) q.maxDepth = depth;
  if (now >= q.nextSampleAt) {
    const h = q.history;
    let gaps =
      q.nextSampleAt > 0 ? Math.min(DEPTH_HISTORY, Math.floor((now - q.nextSampleAt) / DEPTH_SAMPLE_MS)) : 0;
    while (gaps-- > 0) h.push(q.lastDepth);
    h.push(depth);
    if (h.length > DEPTH_HISTORY) h.splice(0, h.length - DEPTH_HISTORY);
    q.nextSampleAt = now + DEPTH_SAMPLE_MS;
  }
  q.lastDepth = depth;
}

/** Time integral of a queue's or topic's depth from 0 to `t` (message·ms); `t` ≥ its last change. */
export function depthIntegral(
  q: { lastDepth: number; depthArea: number; depthSince: number },
  t: number,
): number {
  return q.depthArea + q.lastDepth * (t - q.depthSince);
}

/** Call before a queue's `inFlightToConsumers` changes at `now`: adds the time since the last change to its integral. */
export function toConsumersChanging(q: Queue, now: number): void {
  q.toConsumersArea += q.inFlightToConsumers * (now - q.toConsumersSince);
  q.toConsumersSince = now;
}

/** Time integral of a queue's deliveries on their way to consumers from 0 to `t` (message·ms). */
export function toConsumersIntegral(q: Queue, t: number): number {
  return q.toConsumersArea + q.inFlightToConsumers * (t - q.toConsumersSince);
}
