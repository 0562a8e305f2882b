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
import { Lk, LOOKS, Mk, type Msg } from './entities';
import { type SagaInst } from './sagaState';
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
  sim.forEachInFlight((m, arrivesAt) => {
    const v: InFlightMessage = {
      id: `m${m.id}`,
      edgeId: m.edge.id,
      look: LOOKS[m.look]!,
      type: m.type,
      correlationId: `c${m.corr}`,
      sentAt: m.since,
      arrivesAt,
      fromT: m.from2 / 2,
      toT: m.to2 / 2,
      kind: MESSAGE_KINDS[m.kind]!,
      direction: m.to2 >= m.from2 ? 'forward' : 'backward',
      status: statusOf(m),
    };
    if (m.saga) v.step = m.step;
    out.push(v);
  });
  // The event queue holds them in heap order; a stable order keeps the drawing from flickering.
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

/** Finds a message still alive: on the wire, waiting, held or being handled. */
function findLive(sim: Sim, id: number): Msg | undefined {
  let found: Msg | undefined;
  const look = (m: Msg) => {
    if (m.id === id) found = m;
  };
  sim.forEachInFlight(look);
  for (const s of sim.svcs) {
    s.inbox.forEach(look);
    s.jobs.forEach(look);
  }
  for (const q of sim.queues) q.fifo.forEach(look);
  for (const t of sim.topics) for (const sub of t.subs) sub.held.forEach(look);
  return found;
}

/** Names of `Mk` kinds for envelopes. */
const KIND_NAMES = ['request', 'reply', 'event', 'queue message', 'async reply'];

/**
 * The envelope of a message, with the hops its correlation took (among messages still remembered).
 * A live message shows its current state (attempt, deliveries); one that has ended, what it was when
 * it was created.
 */
export function envelopeView(sim: Sim, messageId: string): (Envelope & { path: PathHop[] }) | undefined {
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
  if (live && base.kind >= Mk.Queue) payload.deliveries = live.deliveries;
  // A reply's look (ok or error) is fixed when it is sent.
  if (base.kind === Mk.Reply) payload.ok = base.look !== Lk.ReplyError;
  if (base.requestId >= 0) payload.requestId = `m${base.requestId}`;
  if (base.saga >= 0) {
    payload.saga = sim.sagas[base.saga]!.name;
    payload.step = base.step;
  }
  const path: PathHop[] = sim.recent.correlated(base.corr).map((o) => ({
    edgeId: sim.edges[o.edge]!.id,
    at: o.createdAt,
    what: `${o.type} (${KIND_NAMES[o.kind]})`,
  }));
  return {
    id: `m${id}`,
    type: base.type,
    version: 1,
    timestamp: base.createdAt,
    source: sim.svcs[base.src]!.id,
    correlationId: `c${base.corr}`,
    causationId: base.cause >= 0 ? `m${base.cause}` : null,
    payload,
    path,
  };
}
