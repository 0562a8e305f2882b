import { type Action, type Edge, type Service } from './entities';
import { Look, MessageKind, PendingReply, MessageState, type Message } from './messages';
import type { EdgeBehaviour, MessageBehaviour } from './behaviours';
import { depthChanged, toConsumersChanging, type Queue } from './channels';
import { pickReplica, startJob } from './services';
import { EffectCode, Word, type Simulation } from './sim';
import { TraceCode } from './trace';

/**
 * A producer publishes to a queue: the message travels to the broker (first half of the edge). On a
 * channel with a reply channel the producer first records the request in its pending-request table.
 */
function publishQueue(
  sim: Simulation,
  q: Queue,
  edge: Edge,
  source: Service,
  cause: number,
  correlation: number,
  hop: number,
): boolean {
  const m = sim.newMessage(
    MessageKind.Queue,
    edge.message || q.name,
    correlation,
    cause,
    hop,
    edge,
    source,
    edge.to,
    Look.Queue,
  );
  m.queue = q;
  q.published++;
  edge.sent++;
  if (q.replyChannel !== null) {
    const p = new PendingReply(m.id, source, q.replyChannel);
    source.pendingReplies.set(m.id, p);
    sim.pendingReplies++;
    m.pending = p;
  }
  sim.remember(m);
  sim.record(TraceCode.published, m.id, source.index, edge.index, q.nameId, NaN);
  return sendToBroker(sim, q, m, hop);
}

/** The first leg, unless the hop limit or a cut edge stops it (both counted as dropped by the channel). */
function sendToBroker(sim: Simulation, q: Queue, m: Message, hop: number): boolean {
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
function anyConsumerUp(q: Queue): boolean {
  for (const c of q.consumers) if (c.down === 0) return true;
  return false;
}

/** The message reaches the broker: a non-durable queue with nobody to consume drops it. */
function onBrokerArrive(sim: Simulation, m: Message): void {
  const q = m.queue!;
  if (!q.durable && !anyConsumerUp(q)) {
    q.dropped++;
    sim.drop(m, 'no consumer up (non-durable queue)');
    return;
  }
  enqueue(sim, q, m);
  pump(sim, q);
}

function enqueue(sim: Simulation, q: Queue, m: Message): void {
  m.since = sim.now;
  sim.setState(m, MessageState.Waiting);
  q.fifo.push(m);
  sim.record(TraceCode.enqueued, m.id, -1, m.edge.index, -1, q.fifo.length);
  depthChanged(sim.now, q);
}

/** Delivers waiting messages to consumer replicas that have a free slot, round-robin (pull). */
function pump(sim: Simulation, q: Queue): void {
  const cs = q.consumers;
  const n = cs.length;
  while (q.fifo.length > 0) {
    let chosen: Service | null = null;
    let edge: Edge | null = null;
    for (let i = 0; i < n; i++) {
      const k = (q.nextConsumer + i) % n;
      const c = cs[k]!;
      if (c.down > 0 || c.used >= c.capacity) continue;
      const e = deliveryEdge(q, c, q.fifo.peek()!);
      if (e.cut > 0) continue;
      chosen = c;
      edge = e;
      q.nextConsumer = (k + 1) % n;
      break;
    }
    if (!chosen || !edge) break;
    dispatch(sim, q, q.fifo.shift()!, chosen, edge);
  }
}

/** The edge a delivery to `c` is drawn on: the queue's edge to it (a virtual reply channel: a request edge from it). */
function deliveryEdge(q: Queue, c: Service, m: Message): Edge {
  if (q.virtual) {
    for (const e of q.requestEdges) if (e.from === c && e.to === m.source) return e;
    for (const e of q.requestEdges) if (e.from === c) return e;
    return m.edge;
  }
  if (m.edge.to === c && m.edge.queue === q) return m.edge;
  for (const e of q.edges) if (e.to === c && e.from === m.source) return e;
  for (const e of q.edges) if (e.to === c) return e;
  return m.edge;
}

function dispatch(sim: Simulation, q: Queue, m: Message, c: Service, edge: Edge): void {
  m.deliveries++;
  q.delivered++;
  if (m.deliveries > 1) q.redelivered++;
  q.waitHistogram.add(sim.now - m.since);
  const r = pickReplica(c);
  sim.occupy(c, 1);
  c.replicaUsed[r]!++;
  m.replica = r;
  m.target = c;
  m.edge = edge;
  m.reversed = q.virtual;
  m.look = m.deliveries > 1 ? Look.Retry : m.kind === MessageKind.QueueReply ? Look.ReplyOk : Look.Queue;
  toConsumersChanging(q, sim.now);
  q.inFlightToConsumers++;
  sim.record(TraceCode.delivered, m.id, c.index, edge.index, -1, m.deliveries);
  depthChanged(sim.now, q);
  sim.launchLeg(m, 1);
}

/** A delivery reaches its consumer: handling starts on the slot reserved for it. */
function onConsumerArrive(sim: Simulation, m: Message): void {
  const q = m.queue!;
  const c = m.target;
  toConsumersChanging(q, sim.now);
  q.inFlightToConsumers--;
  if (c.down > 0) {
    // The consumer died while the message was on its way: the broker takes it back unhandled.
    sim.occupy(c, -1);
    c.replicaUsed[m.replica]!--;
    if (!q.atLeastOnce) {
      q.dropped++;
      sim.drop(m, 'consumer down (at-most-once)', c.index);
      return;
    }
    sim.setState(m, MessageState.Waiting);
    m.since = sim.now;
    q.fifo.unshift(m);
    depthChanged(sim.now, q);
    pump(sim, q);
    return;
  }
  c.received++;
  sim.record(TraceCode.arrived, m.id, c.index, m.edge.index, -1, NaN);
  m.since = sim.now;
  startJob(sim, c, m, m.replica);
}

/** The consumer finished: ack (maybe lost), or nack; then redelivery, dead-letter or loss. */
function onQueueHandled(sim: Simulation, m: Message, service: Service, ok: boolean): void {
  const q = m.queue!;
  if (ok) {
    if (m.kind === MessageKind.Queue) {
      if (++m.successes > 1 && !service.idempotent) sim.duplicate(m, service);
      if (q.replyChannel !== null) sendQueueReply(sim, m, service, q.replyChannel);
    }
    if (q.atLeastOnce && q.ackLossRate > 0 && sim.rng.next() < q.ackLossRate) {
      sim.record(TraceCode['ack-lost'], m.id, service.index, m.edge.index, -1, m.deliveries);
      redeliver(sim, q, m);
      return;
    }
    sim.record(TraceCode.acked, m.id, service.index, m.edge.index, -1, m.deliveries);
    q.acked++;
    sim.setState(m, MessageState.Delivered);
    return;
  }
  if (!q.atLeastOnce) {
    q.dropped++;
    sim.drop(m, 'handling failed (at-most-once)', service.index);
    return;
  }
  sim.record(TraceCode.nacked, m.id, service.index, m.edge.index, -1, m.deliveries);
  redeliver(sim, q, m);
}

function redeliver(sim: Simulation, q: Queue, m: Message): void {
  if (m.deliveries < q.maxDeliveries) {
    enqueue(sim, q, m);
    pump(sim, q);
    return;
  }
  if (q.deadLetter) {
    // Drawn going back to the broker's dead-letter queue; it settles there on arrival.
    m.look = Look.DeadLetter;
    sim.launchLeg(m, 2);
    return;
  }
  q.dropped++;
  sim.drop(m, 'max deliveries reached', m.target.index);
}

/** A dead-lettered message reaches the dead-letter queue. */
function onDeadLetterArrive(sim: Simulation, m: Message): void {
  const q = m.queue!;
  q.deadLettered++;
  sim.setState(m, MessageState.DeadLettered);
  sim.record(TraceCode['dead-lettered'], m.id, -1, m.edge.index, q.nameId, m.deliveries);
  sim.effect(EffectCode['dead-lettered'], -1, m.edge.index, m.id);
}

/**
 * Async request-reply: the consumer publishes its reply on the reply channel, a queue like any other
 * (depth, wait, durability, redelivery). It is drawn on the consumer's own edge of that channel when
 * it has one, else back along the request's edge.
 */
function sendQueueReply(sim: Simulation, req: Message, service: Service, rq: Queue): void {
  let own: Edge | null = null;
  for (const e of rq.edges) if (e.from === service) own = own ?? e;
  const edge = own ?? req.edge;
  const r = sim.newMessage(
    MessageKind.QueueReply,
    own?.message || rq.name,
    req.correlation,
    req.id,
    req.hop + 1,
    edge,
    service,
    req.source,
    Look.ReplyOk,
  );
  r.queue = rq;
  r.reversed = own === null;
  r.pending = req.pending;
  if (r.pending !== null) r.pending.live++;
  sim.remember(r);
  rq.published++;
  if (own !== null) own.sent++;
  sim.record(TraceCode.published, r.id, service.index, edge.index, rq.nameId, req.id);
  sendToBroker(sim, rq, r, r.hop);
}

/**
 * A consumer of a reply channel handled a reply: its pending-request table matches it by the
 * request's id (the correlation identifier). False for a reply it must discard: a duplicate (already
 * answered) or unmatched (it never sent that request: the reply channel is shared).
 */
function matchReply(sim: Simulation, r: Message, service: Service): boolean {
  const p = r.pending;
  const stats = r.queue!.replies!;
  let verdict: number;
  if (p === null || p.owner !== service) verdict = Word.unmatched;
  else if (service.pendingReplies.get(p.requestId) === p) {
    service.pendingReplies.delete(p.requestId);
    sim.pendingReplies--;
    p.answered = true;
    stats.matched++;
    sim.record(TraceCode.correlated, r.id, service.index, r.edge.index, -1, p.requestId);
    return true;
  } else verdict = Word.duplicate;
  if (verdict === Word.unmatched) stats.unmatched++;
  else stats.duplicate++;
  sim.record(
    TraceCode.correlated,
    r.id,
    service.index,
    r.edge.index,
    verdict,
    p === null ? NaN : p.requestId,
  );
  return false;
}

/** Drops the backlog of non-durable queues that no longer have a consumer up. */
function dropOrphanedBacklog(sim: Simulation, q: Queue): void {
  if (q.durable || anyConsumerUp(q)) return;
  for (const m of q.fifo.drain()) {
    q.dropped++;
    sim.drop(m, 'no consumer up (non-durable queue)');
  }
  depthChanged(sim.now, q);
}

/** A queue message reached the end of its leg: the broker, its consumer, or the dead-letter queue. */
function arriveOnLeg(sim: Simulation, m: Message): void {
  if (m.leg === 0) onBrokerArrive(sim, m);
  else if (m.leg === 1) onConsumerArrive(sim, m);
  else onDeadLetterArrive(sim, m);
}

function neverInInbox(_sim: Simulation, m: Message): void {
  throw new Error(`m${m.id} is a queue message: deliveries reserve their slot, they never wait in an inbox`);
}

/** Queue messages: published to a broker, pulled by a consumer, acknowledged or redelivered. */
export const queueMessages: MessageBehaviour = {
  arrive: arriveOnLeg,
  handled: onQueueHandled,
  crashedInInbox: neverInInbox,
};

/** Async replies: queue messages on a reply channel, matched by their producer's pending-request table. */
export const asyncReplyMessages: MessageBehaviour = {
  arrive: arriveOnLeg,
  accept: matchReply,
  handled: onQueueHandled,
  crashedInInbox: neverInInbox,
};

/** Queue edges: publish to the channel (one message per channel, however many of its edges a service has). */
export const queueEdges: EdgeBehaviour = {
  route(edge, actions, behaviour): void {
    if (!actions.some((a) => a.queue === edge.queue))
      actions.push({ kind: 'queue', behaviour, edge, queue: edge.queue! });
  },

  // Handling a request of an async exchange: the reply is this service's publication on that channel.
  perform(sim: Simulation, job: Message, action: Action): boolean {
    if (job.queue === null || action.queue !== job.queue.replyChannel)
      publishQueue(sim, action.queue!, action.edge, job.target, job.id, job.correlation, job.hop + 1);
    return false;
  },

  // The broker acknowledges at once; the producer's wait is one round trip to it.
  sendFromClient(sim: Simulation, client: Service, action: Action, correlation: number): void {
    sim.clientPublished(
      client,
      publishQueue(sim, action.queue!, action.edge, client, -1, correlation, 1),
      action.edge,
    );
  },

  serviceDown(sim: Simulation, service: Service): void {
    for (const q of service.consumes) dropOrphanedBacklog(sim, q);
  },

  serviceUp(sim: Simulation, service: Service): void {
    for (const q of service.consumes) pump(sim, q);
  },

  slotFreed(sim: Simulation, service: Service): void {
    const queues = service.consumes;
    for (let i = 0; i < queues.length && service.used < service.capacity; i++) pump(sim, queues[i]!);
  },

  // Queues drawn on the edge deliver again (a virtual reply channel is drawn on request edges).
  edgeRestored(sim: Simulation): void {
    for (const q of sim.queues) pump(sim, q);
  },
};
