import { type Action, type Edge, type Service } from './entities';
import { Look, MessageKind, MessageState, type Message } from './messages';
import { type Subscription, type Topic } from './channels';
import type { EdgeBehaviour, MessageBehaviour } from './behaviours';
import { depthChanged } from './channels';
import { arriveAtService } from './services';
import type { Simulation } from './sim';
import { TraceCode } from './trace';

/** `leg` of a copy that was held while its edge was cut and is now on its way. */
const RELEASED = 3;

/**
 * A publisher announces an event: every subscriber service gets one copy, drawn on the publisher's
 * own edge to it when there is one (else on the subscription's first edge). A copy whose edge is cut
 * is kept by a durable subscription until the edge is back, and lost by a non-durable one.
 */
function publishTopic(
  sim: Simulation,
  t: Topic,
  edge: Edge,
  source: Service,
  cause: number,
  correlation: number,
  hop: number,
): boolean {
  t.published++;
  const subs = t.subs;
  const fanout = edge.topic!.fanout;
  sim.record(TraceCode.published, -1, source.index, edge.index, t.nameId, subs.length, correlation);
  const type = edge.message || t.name;
  for (let i = 0; i < subs.length; i++) {
    const sub = subs[i]!;
    const e = fanout[i]!;
    const m = sim.newMessage(
      MessageKind.Event,
      type,
      correlation,
      cause,
      hop,
      e,
      source,
      sub.service,
      Look.Event,
    );
    m.sub = sub;
    sim.remember(m);
    t.copies++;
    e.sent++;
    if (hop > sim.hopLimit) {
      t.dropped++;
      sim.drop(m, 'hop limit');
    } else if (e.cut > 0) {
      if (sub.durable) hold(sim, sub, m, 0);
      else {
        t.dropped++;
        sim.drop(m, 'partition');
      }
    } else sim.launch(m, 0, 2, e.latencyMs);
  }
  return true;
}

/** A copy reaches its subscriber; a down one keeps it (durable) or loses it by design (non-durable). */
function onEventArrive(sim: Simulation, m: Message): void {
  const sub = m.sub!;
  const t = sub.topic;
  const target = sub.service;
  // A copy released from a partition hold (leg 3) comes with the time it was held.
  let heldMs = 0;
  if (m.leg === RELEASED) {
    heldMs = t.releasedHeldMs.get(m) ?? 0;
    t.releasedHeldMs.delete(m);
  }
  if (target.down > 0) {
    if (sub.durable) {
      hold(sim, sub, m, 1);
      m.since -= heldMs; // so its final wait covers both holds
    } else {
      t.dropped++;
      sim.drop(m, 'subscriber down (non-durable subscription, dropped by design)', target.index);
    }
    return;
  }
  deliver(sim, t, m, heldMs);
}

function deliver(sim: Simulation, t: Topic, m: Message, waited: number): void {
  t.delivered++;
  if (++m.deliveries > 1) t.redelivered++;
  t.waitHistogram.add(waited);
  sim.record(TraceCode.arrived, m.id, m.target.index, m.edge.index, -1, NaN);
  arriveAtService(sim, m.target, m);
}

/** The subscription keeps a copy: `leg` 0 never sent (its edge is cut), 1 arrived at a down subscriber. */
function hold(sim: Simulation, sub: Subscription, m: Message, leg: number): void {
  const t = sub.topic;
  m.leg = leg;
  m.since = sim.now;
  sim.setState(m, MessageState.Waiting);
  sub.held.push(m);
  t.depth++;
  sim.record(TraceCode.held, m.id, sub.service.index, m.edge.index, t.nameId, t.depth);
  depthChanged(sim.now, t);
}

/**
 * A subscriber crashed with copies in its inbox: they go back to their subscription unhandled (kept
 * if durable, dropped by design if not), and no longer count as received.
 */
function returnToSubscription(sim: Simulation, m: Message): void {
  const sub = m.sub!;
  sub.topic.returned++;
  sub.service.received--;
  onEventArrive(sim, m);
}

/** A subscription can take its copies again (its subscriber is up, or an edge came back): release them. */
function releaseHeld(sim: Simulation, sub: Subscription): void {
  if (sub.held.length === 0 || sub.service.down > 0) return;
  const t = sub.topic;
  for (const m of sub.held.drain()) {
    if (m.leg === 0) {
      if (m.edge.cut > 0) {
        sub.held.push(m);
        continue;
      }
      t.depth--;
      m.leg = RELEASED;
      t.releasedHeldMs.set(m, sim.now - m.since);
      sim.launch(m, 0, 2, m.edge.latencyMs);
    } else {
      t.depth--;
      deliver(sim, t, m, sim.now - m.since);
    }
  }
  depthChanged(sim.now, t);
}

/** Event copies: pushed to each subscriber, held by a durable subscription while it can't take them. */
export const eventMessages: MessageBehaviour = {
  arrive: onEventArrive,
  // Topic copies are pushed, not acknowledged: a handled copy is done.
  handled(sim: Simulation, m: Message): void {
    sim.setState(m, MessageState.Delivered);
  },
  crashedInInbox: returnToSubscription,
};

/** Topic edges: publish one event, one copy per subscription. */
export const topicEdges: EdgeBehaviour = {
  route(edge, actions, behaviour): void {
    const topic = edge.topic!.topic;
    if (!actions.some((a) => a.topic === topic)) actions.push({ kind: 'topic', behaviour, edge, topic });
  },

  perform(sim: Simulation, job: Message, action: Action): boolean {
    publishTopic(sim, action.topic!, action.edge, job.target, job.id, job.correlation, job.hop + 1);
    return false;
  },

  sendFromClient(sim: Simulation, client: Service, action: Action, correlation: number): void {
    sim.clientPublished(
      client,
      publishTopic(sim, action.topic!, action.edge, client, -1, correlation, 1),
      action.edge,
    );
  },

  // Subscriptions kept while it was down deliver what they hold.
  serviceUp(sim: Simulation, service: Service): void {
    for (const sub of service.subs) releaseHeld(sim, sub);
  },

  // A subscription cut off by the edge catches up.
  edgeRestored(sim: Simulation, edge: Edge): void {
    if (edge.topic !== null) releaseHeld(sim, edge.topic.subscription);
  },
};
