import type {
  ChannelState,
  EdgeState,
  Envelope,
  InFlightMessage,
  MessageKind,
  MessageStatus,
  PathHop,
  SagaInstanceState,
  ServiceState,
} from './api';
import { Lk, LOOKS, Mk, type Msg, type SagaInst } from './entities';
import type { Sim } from './sim';

/** `MessageKind` of each `Mk`. */
const MESSAGE_KINDS: readonly MessageKind[] = ['request', 'reply', 'event', 'queue', 'async-reply'];

function statusOf(m: Msg): MessageStatus {
  if (m.look === Lk.DeadLetter) return 'dead-letter';
  if (m.look === Lk.ReplyError) return 'error';
  if (m.look === Lk.Retry) return 'retry';
  return 'normal';
}

/** Messages on the wire now, for drawing. */
export function inFlightView(sim: Sim): InFlightMessage[] {
  const out: InFlightMessage[] = [];
  for (const m of sim.inFlight) {
    const v: InFlightMessage = {
      id: `m${m.id}`,
      edgeId: m.edge.id,
      look: LOOKS[m.look]!,
      type: m.type,
      correlationId: `c${m.corr}`,
      sentAt: m.sentAt,
      arrivesAt: m.arrivesAt,
      fromT: m.fromT,
      toT: m.toT,
      kind: MESSAGE_KINDS[m.kind]!,
      direction: m.toT >= m.fromT ? 'forward' : 'backward',
      status: statusOf(m),
    };
    if (m.saga) v.step = m.step;
    out.push(v);
  }
  // The wire list is unordered (swap-removal); a stable order keeps the drawing from flickering.
  return out.sort((a, b) => a.sentAt - b.sentAt || Number(a.id.slice(1)) - Number(b.id.slice(1)));
}

/** Every service's current state. */
export function servicesView(sim: Sim): ServiceState[] {
  return sim.svcs.map((s) => ({
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
export function channelsView(sim: Sim): ChannelState[] {
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
export function edgesView(sim: Sim): EdgeState[] {
  return sim.edges.map((e) => ({
    id: e.id,
    circuit: e.circuit,
    cut: e.cut > 0,
    sent: e.sent,
    failed: e.failed,
    shortCircuited: e.shortCircuited,
  }));
}

function sagaState(i: SagaInst): SagaInstanceState {
  const s: SagaInstanceState = {
    id: `s${i.id}`,
    saga: i.def.name,
    status: i.status,
    completedSteps: [...i.completedSteps],
    compensatedSteps: [...i.compensatedSteps],
  };
  if (i.failedStep !== undefined) s.failedStep = i.failedStep;
  if (i.uncertainStep !== undefined) s.uncertainStep = i.uncertainStep;
  if (i.suspended) s.suspended = true;
  return s;
}

/** Saga instances still running and the most recently finished ones. */
export function sagaInstancesView(sim: Sim): SagaInstanceState[] {
  return [...sim.recentSagas, ...sim.liveSagas].map(sagaState);
}

/** Finds a message the engine still knows (on the wire, waiting, or created recently). */
function findMsg(sim: Sim, id: number): Msg | undefined {
  const recent = sim.recentMsgs[id % sim.recentMsgs.length];
  if (recent && recent.id === id) return recent;
  for (const m of sim.inFlight) if (m.id === id) return m;
  let found: Msg | undefined;
  const look = (m: Msg) => {
    if (m.id === id) found = m;
  };
  for (const s of sim.svcs) s.inbox.forEach(look);
  for (const q of sim.queues) q.fifo.forEach(look);
  for (const t of sim.topics) for (const sub of t.subs) sub.held.forEach(look);
  return found;
}

/** Names of `Mk` kinds for envelopes. */
const KIND_NAMES = ['request', 'reply', 'event', 'queue message', 'async reply'];

/** The envelope of a message, with the hops its correlation took (among messages still remembered). */
export function envelopeView(sim: Sim, messageId: string): (Envelope & { path: PathHop[] }) | undefined {
  const id = Number(messageId.replace(/^m/, ''));
  if (!Number.isInteger(id)) return undefined;
  const m = findMsg(sim, id);
  if (!m) return undefined;
  const payload: Record<string, string | number | boolean> = { kind: KIND_NAMES[m.kind]!, hop: m.hop };
  if (m.call) payload.attempt = m.call.attempt;
  if (m.kind >= Mk.Queue) payload.deliveries = m.deliveries;
  if (m.kind === Mk.Reply) payload.ok = m.ok;
  if (m.pending !== null) payload.requestId = `m${m.pending.requestId}`;
  if (m.saga) {
    payload.saga = m.saga.def.name;
    payload.step = m.step;
  }
  // Messages of the same correlation still remembered, in creation order (ids grow with time).
  const related = sim.recentMsgs.filter((o): o is Msg => o !== undefined && o.corr === m.corr);
  related.sort((a, b) => a.id - b.id);
  const path: PathHop[] = related.map((o) => ({
    edgeId: o.edge.id,
    at: o.createdAt,
    what: `${o.type} (${KIND_NAMES[o.kind]})`,
  }));
  return {
    id: `m${m.id}`,
    type: m.type,
    version: 1,
    timestamp: m.createdAt,
    source: m.src.id,
    correlationId: `c${m.corr}`,
    causationId: m.cause >= 0 ? `m${m.cause}` : null,
    payload,
    path,
  };
}
