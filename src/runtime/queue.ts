import { Lk, Mk, PendingReply, St, type Edg, type Msg, type Svc } from './entities';
import { type Queue } from './channels';
import { pickReplica, startJob } from './services';
import { FX, W, type Sim } from './sim';
import { TR } from './trace';

const DEPTH_SAMPLE_MS = 250;
const DEPTH_HISTORY = 120;

/**
 * A producer publishes to a queue: the message travels to the broker (first half of the edge). On a
 * channel with a reply channel the producer first records the request in its pending-request table.
 */
export function publishQueue(
  sim: Sim,
  q: Queue,
  edge: Edg,
  src: Svc,
  cause: number,
  corr: number,
  hop: number,
): boolean {
  const m = sim.newMsg(Mk.Queue, edge.message || q.name, corr, cause, hop, edge, src, edge.to, Lk.Queue);
  m.queue = q;
  q.published++;
  edge.sent++;
  if (q.replyChannel !== null) {
    const p = new PendingReply(m.id, src, q.replyChannel);
    src.pendingReplies.set(m.id, p);
    sim.pendingReplies++;
    m.pending = p;
  }
  sim.recent.add(m);
  sim.rec(TR.published, m.id, src.idx, edge.idx, q.nameId, NaN);
  return sendToBroker(sim, q, m, hop);
}

/** The first leg, unless the hop limit or a cut edge stops it (both counted as dropped by the channel). */
function sendToBroker(sim: Sim, q: Queue, m: Msg, hop: number): boolean {
  if (hop > sim.hopLimit) {
    q.dropped++;
    sim.drop(m, 'hop limit');
    return false;
  }
  if (m.edge.cut > 0) {
    q.dropped++;
    sim.drop(m, 'partition');
    return false;
  }
  sim.launchLeg(m, 0);
  return true;
}

/** True when some consumer of `q` is up. */
export function anyConsumerUp(q: Queue): boolean {
  for (const c of q.consumers) if (c.down === 0) return true;
  return false;
}

/** The message reaches the broker: a non-durable queue with nobody to consume drops it. */
export function onBrokerArrive(sim: Sim, m: Msg): void {
  const q = m.queue!;
  if (!q.durable && !anyConsumerUp(q)) {
    q.dropped++;
    sim.drop(m, 'no consumer up (non-durable queue)');
    return;
  }
  enqueue(sim, q, m);
  pump(sim, q);
}

function enqueue(sim: Sim, q: Queue, m: Msg): void {
  m.since = sim.now;
  sim.setState(m, St.Waiting);
  q.fifo.push(m);
  sim.rec(TR.enqueued, m.id, -1, m.edge.idx, -1, q.fifo.length);
  depthChanged(sim, q);
}

/** Delivers waiting messages to consumer replicas that have a free slot, round-robin (pull). */
export function pump(sim: Sim, q: Queue): void {
  const cs = q.consumers;
  const n = cs.length;
  while (q.fifo.length > 0) {
    let chosen: Svc | null = null;
    let edge: Edg | null = null;
    for (let i = 0; i < n; i++) {
      const k = (q.rr + i) % n;
      const c = cs[k]!;
      if (c.down > 0 || c.used >= c.capacity) continue;
      const e = deliveryEdge(q, c, q.fifo.peek()!);
      if (e.cut > 0) continue;
      chosen = c;
      edge = e;
      q.rr = (k + 1) % n;
      break;
    }
    if (!chosen || !edge) break;
    dispatch(sim, q, q.fifo.shift()!, chosen, edge);
  }
}

/** The edge a delivery to `c` is drawn on: the queue's edge to it (a virtual reply channel: a request edge from it). */
function deliveryEdge(q: Queue, c: Svc, m: Msg): Edg {
  if (q.virtual) {
    for (const e of q.requestEdges) if (e.from === c && e.to === m.src) return e;
    for (const e of q.requestEdges) if (e.from === c) return e;
    return m.edge;
  }
  if (m.edge.to === c && m.edge.queue === q) return m.edge;
  for (const e of q.edges) if (e.to === c && e.from === m.src) return e;
  for (const e of q.edges) if (e.to === c) return e;
  return m.edge;
}

function dispatch(sim: Sim, q: Queue, m: Msg, c: Svc, edge: Edg): void {
  m.deliveries++;
  q.delivered++;
  if (m.deliveries > 1) q.redelivered++;
  q.waitHist.add(sim.now - m.since);
  const r = pickReplica(c);
  sim.occupy(c, 1);
  c.replicaUsed[r]!++;
  m.replica = r;
  m.dst = c;
  m.edge = edge;
  m.rev = q.virtual;
  m.look = m.deliveries > 1 ? Lk.Retry : m.kind === Mk.QueueReply ? Lk.ReplyOk : Lk.Queue;
  q.inFlightToConsumers++;
  sim.rec(TR.delivered, m.id, c.idx, edge.idx, -1, m.deliveries);
  depthChanged(sim, q);
  sim.launchLeg(m, 1);
}

/** A delivery reaches its consumer: handling starts on the slot reserved for it. */
export function onConsumerArrive(sim: Sim, m: Msg): void {
  const q = m.queue!;
  const c = m.dst;
  q.inFlightToConsumers--;
  if (c.down > 0) {
    // The consumer died while the message was on its way: the broker takes it back unhandled.
    sim.occupy(c, -1);
    c.replicaUsed[m.replica]!--;
    if (!q.atLeastOnce) {
      q.dropped++;
      sim.drop(m, 'consumer down (at-most-once)', c.idx);
      return;
    }
    sim.setState(m, St.Waiting);
    m.since = sim.now;
    q.fifo.unshift(m);
    depthChanged(sim, q);
    pump(sim, q);
    return;
  }
  c.received++;
  sim.rec(TR.arrived, m.id, c.idx, m.edge.idx, -1, NaN);
  m.since = sim.now;
  startJob(sim, c, m, m.replica);
}

/** The consumer finished: ack (maybe lost), or nack; then redelivery, dead-letter or loss. */
export function onQueueHandled(sim: Sim, m: Msg, svc: Svc, ok: boolean): void {
  const q = m.queue!;
  if (ok) {
    if (m.kind === Mk.Queue) {
      if (++m.successes > 1 && !svc.idempotent) sim.duplicate(m, svc);
      if (q.replyChannel !== null) sendQueueReply(sim, m, svc, q.replyChannel);
    }
    if (q.atLeastOnce && q.ackLossRate > 0 && sim.rng.next() < q.ackLossRate) {
      sim.rec(TR['ack-lost'], m.id, svc.idx, m.edge.idx, -1, m.deliveries);
      redeliver(sim, q, m);
      return;
    }
    sim.rec(TR.acked, m.id, svc.idx, m.edge.idx, -1, m.deliveries);
    q.acked++;
    sim.setState(m, St.Delivered);
    return;
  }
  if (!q.atLeastOnce) {
    q.dropped++;
    sim.drop(m, 'handling failed (at-most-once)', svc.idx);
    return;
  }
  sim.rec(TR.nacked, m.id, svc.idx, m.edge.idx, -1, m.deliveries);
  redeliver(sim, q, m);
}

function redeliver(sim: Sim, q: Queue, m: Msg): void {
  if (m.deliveries < q.maxDeliveries) {
    enqueue(sim, q, m);
    pump(sim, q);
    return;
  }
  if (q.deadLetter) {
    // Drawn going back to the broker's dead-letter queue; it settles there on arrival.
    m.look = Lk.DeadLetter;
    sim.launchLeg(m, 2);
    return;
  }
  q.dropped++;
  sim.drop(m, 'max deliveries reached', m.dst.idx);
}

/** A dead-lettered message reaches the dead-letter queue. */
export function onDeadLetterArrive(sim: Sim, m: Msg): void {
  const q = m.queue!;
  q.deadLettered++;
  sim.setState(m, St.DeadLettered);
  sim.rec(TR['dead-lettered'], m.id, -1, m.edge.idx, q.nameId, m.deliveries);
  sim.effect(FX['dead-lettered'], -1, m.edge.idx, m.id);
}

/**
 * Async request-reply: the consumer publishes its reply on the reply channel, a queue like any other
 * (depth, wait, durability, redelivery). It is drawn on the consumer's own edge of that channel when
 * it has one, else back along the request's edge.
 */
function sendQueueReply(sim: Sim, req: Msg, svc: Svc, rq: Queue): void {
  let own: Edg | null = null;
  for (const e of rq.edges) if (e.from === svc) own = own ?? e;
  const edge = own ?? req.edge;
  const r = sim.newMsg(
    Mk.QueueReply,
    own?.message || rq.name,
    req.corr,
    req.id,
    req.hop + 1,
    edge,
    svc,
    req.src,
    Lk.ReplyOk,
  );
  r.queue = rq;
  r.rev = own === null;
  r.pending = req.pending;
  if (r.pending !== null) r.pending.live++;
  sim.recent.add(r);
  rq.published++;
  if (own !== null) own.sent++;
  sim.rec(TR.published, r.id, svc.idx, edge.idx, rq.nameId, req.id);
  sendToBroker(sim, rq, r, r.hop);
}

/**
 * A consumer of a reply channel handled a reply: its pending-request table matches it by the
 * request's id (the correlation identifier). False for a reply it must discard: a duplicate (already
 * answered) or unmatched (it never sent that request: the reply channel is shared).
 */
export function matchReply(sim: Sim, r: Msg, svc: Svc): boolean {
  const p = r.pending;
  const stats = r.queue!.replies!;
  let verdict: number;
  if (p === null || p.owner !== svc) verdict = W.unmatched;
  else if (svc.pendingReplies.get(p.requestId) === p) {
    svc.pendingReplies.delete(p.requestId);
    sim.pendingReplies--;
    p.answered = true;
    stats.matched++;
    sim.rec(TR.correlated, r.id, svc.idx, r.edge.idx, -1, p.requestId);
    return true;
  } else verdict = W.duplicate;
  if (verdict === W.unmatched) stats.unmatched++;
  else stats.duplicate++;
  sim.rec(TR.correlated, r.id, svc.idx, r.edge.idx, verdict, p === null ? NaN : p.requestId);
  return false;
}

/** Drops the backlog of non-durable queues that no longer have a consumer up. */
export function dropOrphanedBacklog(sim: Sim, q: Queue): void {
  if (q.durable || anyConsumerUp(q)) return;
  for (const m of q.fifo.drain()) {
    q.dropped++;
    sim.drop(m, 'no consumer up (non-durable queue)');
  }
  depthChanged(sim, q);
}

/** Tracks max depth and the sparkline history. */
export function depthChanged(
  sim: Sim,
  q: {
    fifo?: { length: number };
    depth?: number;
    maxDepth: number;
    history: number[];
    nextSampleAt: number;
    lastDepth: number;
  },
): void {
  const depth = q.fifo ? q.fifo.length : (q.depth ?? 0);
  if (depth > q.maxDepth) q.maxDepth = depth;
  if (sim.now >= q.nextSampleAt) {
    const h = q.history;
    let gaps =
      q.nextSampleAt > 0
        ? Math.min(DEPTH_HISTORY, Math.floor((sim.now - q.nextSampleAt) / DEPTH_SAMPLE_MS))
        : 0;
    while (gaps-- > 0) h.push(q.lastDepth);
    h.push(depth);
    if (h.length > DEPTH_HISTORY) h.splice(0, h.length - DEPTH_HISTORY);
    q.nextSampleAt = sim.now + DEPTH_SAMPLE_MS;
  }
  q.lastDepth = depth;
}
