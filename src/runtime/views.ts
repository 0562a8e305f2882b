import type {
  ChannelState,
  EdgeState,
  Envelope,
  InFlightMessage,
  MessageFacts,
  MessageStatus,
  PathHop,
  SagaInstanceState,
  ServiceState,
} from './api';
import { Look, MESSAGE_KIND_NAMES, MessageKind, type Message } from './messages';
import { MESSAGE_LOOKS } from './api';
import { type SagaInstance } from './sagaState';
import type { Simulation } from './sim';

function statusOf(m: Message): MessageStatus {
  if (m.look === Look.DeadLetter) return 'dead-letter';
  if (m.look === Look.ReplyError) return 'error';
  if (m.look === Look.Retry) return 'retry';
  return 'normal';
}

/** Messages on the wire now, for drawing. */
export function inFlightView(sim: Simulation): InFlightMessage[] {
  const out: InFlightMessage[] = [];
  sim.forEachInFlight((m, arrivesAt) => out.push(describeInFlight(m, arrivesAt)));
  // The event queue holds them in heap order; a stable order keeps the drawing from flickering.
  return out.sort((a, b) => a.sentAt - b.sentAt || Number(a.id.slice(1)) - Number(b.id.slice(1)));
}

/** One message on the wire, described for drawing. */
export function describeInFlight(m: Message, arrivesAt: number): InFlightMessage {
  const v: InFlightMessage = {
    id: `m${m.id}`,
    edgeId: m.edge.id,
    look: MESSAGE_LOOKS[m.look]!,
    type: m.type,
    correlationId: `c${m.correlation}`,
    sentAt: m.since,
    arrivesAt,
    fromT: m.fromHalf / 2,
    toT: m.toHalf / 2,
    kind: MESSAGE_KIND_NAMES[m.kind]!,
    direction: m.toHalf >= m.fromHalf ? 'forward' : 'backward',
    status: statusOf(m),
  };
  if (m.saga) v.step = m.step;
  return v;
}

/** Every service's current state. */
export function servicesView(sim: Simulation): ServiceState[] {
  return sim.services.map((s) => ({
    id: s.id,
    status: s.down > 0 ? 'down' : 'up',
    busy: s.used - s.waiting,
    capacity: s.capacity,
    waiting: s.waiting,
    inbox: s.inbox.length,
    slowFactor: s.slowFactor,
    injectedErrorRate: s.injectedError,
    handled: s.handled,
    failed: s.failed,
  }));
}

/** Every queue and topic's current state. */
export function channelsView(sim: Simulation): ChannelState[] {
  const out: ChannelState[] = [];
  for (const q of sim.queues) {
    out.push({
      name: q.name,
      kind: 'queue',
      depth: q.fifo.length,
      inFlightToConsumers: q.inFlightToConsumers,
      deadLettered: q.deadLettered,
      depthHistory: [...q.history],
      anchorEdgeId: q.edges[0]?.id ?? '',
    });
  }
  for (const t of sim.topics) {
    out.push({
      name: t.name,
      kind: 'topic',
      depth: t.depth,
      inFlightToConsumers: 0,
      deadLettered: 0,
      depthHistory: [...t.history],
      anchorEdgeId: t.subs[0]?.edges[0]?.id ?? '',
    });
  }
  return out;
}

/** Every edge's current state. */
export function edgesView(sim: Simulation): EdgeState[] {
  return sim.edges.map((e) => ({
    id: e.id,
    circuit: e.breaker?.state ?? 'closed',
    cut: e.cut > 0,
    sent: e.sent,
    failed: e.failed,
    shortCircuited: e.breaker?.shortCircuited ?? 0,
  }));
}

function sagaState(i: SagaInstance): SagaInstanceState {
  const s: SagaInstanceState = {
    id: `s${i.id}`,
    saga: i.def.name,
    status: i.status,
    completedSteps: [...i.completedSteps],
    compensatedSteps: [...i.compensatedSteps],
    completedEdges: i.doneIndexes.map((k) => i.def.steps[k]!.edge.id),
    compensatedEdges: i.undoneIndexes.map((k) => i.def.steps[k]!.edge.id),
  };
  if (i.failedStep !== undefined) s.failedStep = i.failedStep;
  if (i.uncertainStep !== undefined) s.uncertainStep = i.uncertainStep;
  if (i.suspended) s.suspended = true;
  return s;
}

/** Saga instances still running and the most recently finished ones. */
export function sagaInstancesView(sim: Simulation): SagaInstanceState[] {
  return [...sim.lastSagas(), ...sim.liveSagas].map(sagaState);
}

/** Finds a message still alive: on the wire, waiting, held or being handled. */
function findLive(sim: Simulation, id: number): Message | undefined {
  let found: Message | undefined;
  const look = (m: Message) => {
    if (m.id === id) found = m;
  };
  sim.forEachInFlight(look);
  for (const s of sim.services) {
    s.inbox.forEach(look);
    s.jobs.forEach(look);
  }
  for (const q of sim.queues) q.fifo.forEach(look);
  for (const t of sim.topics) for (const sub of t.subs) sub.held.forEach(look);
  return found;
}

/** What a remembered message was at creation (see `Engine.messageFacts`); O(1), no search. */
export function messageFactsView(sim: Simulation, messageId: string): MessageFacts | undefined {
  const id = Number(messageId.replace(/^m/, ''));
  if (!Number.isInteger(id)) return undefined;
  const base = sim.recent.get(id);
  if (!base) return undefined;
  const facts: MessageFacts = {
    id: `m${id}`,
    kind: MESSAGE_KIND_NAMES[base.kind]!,
    type: base.type,
    correlationId: `c${base.correlation}`,
    causationId: base.cause >= 0 ? `m${base.cause}` : null,
    edgeId: sim.edges[base.edge]!.id,
    source: sim.services[base.source]!.id,
    createdAt: base.createdAt,
    attempt: base.attempt,
    compensation: base.look === Look.Compensation,
  };
  if (base.requestId >= 0) facts.requestId = `m${base.requestId}`;
  if (base.saga >= 0) {
    facts.saga = sim.sagas[base.saga]!.name;
    facts.step = base.step;
  }
  return facts;
}

/** Names of `MessageKind` kinds for envelopes. */
const KIND_NAMES = ['request', 'reply', 'event', 'queue message', 'async reply'];

/**
 * The envelope of a message, with the hops its correlation took (among messages still remembered).
 * A live message shows its current state (attempt, deliveries); one that has ended, what it was when
 * it was created.
 */
export function envelopeView(
  sim: Simulation,
  messageId: string,
): (Envelope & { path: PathHop[] }) | undefined {
  const id = Number(messageId.replace(/^m/, ''));
  if (!Number.isInteger(id)) return undefined;
  const live = findLive(sim, id);
  // What never changes comes from the remembered record (or the live message once it has left the
  // ring); what does (attempt, deliveries) from the live message.
  const base = sim.recent.get(id) ?? (live && sim.recent.describe(live));
  if (!base) return undefined;
  const payload: Record<string, string | number | boolean> = {
    kind: KIND_NAMES[base.kind]!,
    hop: base.hop,
  };
  const attempt = live ? (live.call?.attempt ?? 0) : base.attempt;
  if (attempt > 0) payload.attempt = attempt;
  if (live && base.kind >= MessageKind.Queue) payload.deliveries = live.deliveries;
  // A reply's look (ok or error) is fixed when it is sent.
  if (base.kind === MessageKind.Reply) payload.ok = base.look !== Look.ReplyError;
  if (base.requestId >= 0) payload.requestId = `m${base.requestId}`;
  if (base.saga >= 0) {
    payload.saga = sim.sagas[base.saga]!.name;
    payload.step = base.step;
  }
  const path: PathHop[] = sim.recent.correlated(base.correlation).map((o) => ({
    edgeId: sim.edges[o.edge]!.id,
    at: o.createdAt,
    what: `${o.type} (${KIND_NAMES[o.kind]})`,
  }));
  return {
    id: `m${id}`,
    type: base.type,
    version: 1,
    timestamp: base.createdAt,
    source: sim.services[base.source]!.id,
    correlationId: `c${base.correlation}`,
    causationId: base.cause >= 0 ? `m${base.cause}` : null,
    payload,
    path,
  };
}
