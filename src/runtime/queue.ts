import { Lk, Mk, St, type Edg, type Msg, type Queue, type Svc } from './entities';
import { pickReplica, startJob } from './services';
import { FX, type Sim } from './sim';
import { TR } from './trace';

const DEPTH_SAMPLE_MS = 250;
const DEPTH_HISTORY = 120;

/** A producer publishes to a queue: the message travels to the broker (first half of the edge). */
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
  sim.rec(TR.published, m.id, src.idx, edge.idx, q.nameId, NaN);
  if (hop > sim.hopLimit) {
    sim.drop(m, 'hop limit');
    return false;
  }
  if (edge.cut > 0) {
    q.dropped++;
    sim.drop(m, 'partition');
    return false;
  }
  sim.launch(m, 0, 0.5, edge.latencyMs / 2);
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
  m.enqueuedAt = sim.now;
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

function deliveryEdge(q: Queue, c: Svc, m: Msg): Edg {
  if (m.edge.to === c && m.edge.queue === q) return m.edge;
  for (const e of q.edges) if (e.to === c && e.from === m.src) return e;
  for (const e of q.edges) if (e.to === c) return e;
  return m.edge;
}

function dispatch(sim: Sim, q: Queue, m: Msg, c: Svc, edge: Edg): void {
  m.deliveries++;
  q.delivered++;
  if (m.deliveries > 1) q.redelivered++;
  q.waitHist.add(sim.now - m.enqueuedAt);
  const r = pickReplica(c);
  sim.occupy(c, 1);
  c.replicaUsed[r]!++;
  m.replica = r;
  m.dst = c;
  m.edge = edge;
  m.leg = 1;
  m.look = m.deliveries > 1 ? Lk.Retry : Lk.Queue;
  q.inFlightToConsumers++;
  sim.rec(TR.delivered, m.id, c.idx, edge.idx, -1, m.deliveries);
  depthChanged(sim, q);
  sim.launch(m, 0.5, 1, edge.latencyMs / 2);
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
    m.enqueuedAt = sim.now;
    q.fifo.unshift(m);
    depthChanged(sim, q);
    pump(sim, q);
    return;
  }
  c.received++;
  sim.rec(TR.arrived, m.id, c.idx, m.edge.idx, -1, NaN);
  m.inboxAt = sim.now;
  startJob(sim, c, m, m.replica);
}

/** The consumer finished: ack (maybe lost), or nack; then redelivery, dead-letter or loss. */
export function onQueueHandled(sim: Sim, m: Msg, svc: Svc, ok: boolean): void {
  const q = m.queue!;
  if (ok) {
    if (++m.successes > 1 && !svc.idempotent) sim.duplicate(m, svc);
    if (q.replyChannel) sendQueueReply(sim, m, svc, q.replyChannel);
    if (q.atLeastOnce && q.ackLossRate > 0 && sim.rng.next() < q.ackLossRate) {
      sim.rec(TR['ack-lost'], m.id, svc.idx, m.edge.idx, -1, m.deliveries);
      redeliver(sim, q, m);
      return;
    }
    sim.rec(TR.acked, m.id, svc.idx, m.edge.idx, -1, m.deliveries);
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
    m.leg = 2;
    sim.launch(m, 1, 0.5, m.edge.latencyMs / 2);
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

/** Async request-reply: the consumer's reply goes back to the producer over the reply channel. */
function sendQueueReply(sim: Sim, m: Msg, svc: Svc, rq: Queue): void {
  const r = sim.newMsg(Mk.QueueReply, rq.name, m.corr, m.id, m.hop, m.edge, svc, m.src, Lk.ReplyOk);
  r.queue = rq;
  rq.published++;
  if (m.edge.cut > 0) {
    rq.dropped++;
    sim.drop(r, 'partition');
  } else sim.launch(r, 1, 0, m.edge.latencyMs);
}

/** A reply reaches the producer, matched to its request by correlation id. */
export function onQueueReplyArrive(sim: Sim, r: Msg): void {
  const rq = r.queue!;
  if (r.dst.down > 0) {
    rq.dropped++;
    sim.drop(r, 'producer down', r.dst.idx);
    return;
  }
  rq.delivered++;
  rq.waitHist.add(0);
  sim.setState(r, St.Delivered);
  sim.rec(TR.correlated, r.id, r.dst.idx, r.edge.idx, -1, r.cause);
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
