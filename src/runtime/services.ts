import { sampleLatency } from './distributions';
import { inboxChanging, type Action, type Service } from './entities';
import { CallOwner, MessageKind, MessageState, type Call, type Message } from './messages';
import type { CallOwnerBehaviour } from './behaviours';
import { EffectCode, EventKind, Word, type Simulation } from './sim';
import { TraceCode } from './trace';

/*
 * The core's service verbs: a message arrives at a service, starts a job on a slot, performs what
 * its handling triggers (each action through its edge kind's behaviour), and finishes (its message
 * kind's behaviour answers the caller or the broker); the freed slot takes the next message.
 */

/** A message reaches a service to be handled: it starts on a free slot or waits in the inbox. */
export function arriveAtService(sim: Simulation, service: Service, m: Message): void {
  service.received++;
  if (service.used < service.capacity) {
    const r = pickReplica(service);
    sim.occupy(service, 1);
    service.replicaUsed[r]!++;
    m.since = sim.now;
    startJob(sim, service, m, r);
    return;
  }
  m.since = sim.now;
  sim.setState(m, MessageState.Waiting);
  inboxChanging(service, sim.now);
  service.inbox.push(m);
  if (service.inbox.length > service.maxInbox) service.maxInbox = service.inbox.length;
}

/** A replica with a free slot, round-robin; the caller has checked that one exists. */
export function pickReplica(service: Service): number {
  const n = service.replicas;
  if (n === 1) return 0;
  const used = service.replicaUsed;
  for (let i = 0; i < n; i++) {
    const r = (service.nextReplica + i) % n;
    if (used[r]! < service.concurrency) {
      service.nextReplica = (r + 1) % n;
      return r;
    }
  }
  return 0;
}

/** Starts handling `m` on a slot of `replica` that is already occupied for it. */
export function startJob(sim: Simulation, service: Service, m: Message, replica: number): void {
  sim.setState(m, MessageState.Handling);
  sim.activeJobs++;
  service.waitHistogram.add(sim.now - m.since);
  // The message itself carries its handling (no separate job object on the hot path).
  m.replica = replica;
  m.since = sim.now;
  m.actions = null;
  m.nextAction = 0;
  m.jobIndex = service.jobs.length;
  service.jobs.push(m);
  const dur =
    sampleLatency(sim.rng, service.latencyKind, service.latencyA, service.latencyB) * service.slowFactor;
  // The event carries the job's token: a crash that aborts the job makes it stale.
  const token = ++sim.nextToken;
  m.jobToken = token;
  sim.record(TraceCode.started, m.id, service.index, -1, -1, replica);
  sim.schedule(sim.now + dur, EventKind.HandleDone, m, token);
}

/** Handling time is over: fail by the error rate, or perform the outgoing edges it triggers. */
export function onHandleDone(sim: Simulation, m: Message): void {
  const service = m.target;
  const p =
    service.injectedError > 0 ? 1 - (1 - service.errorRate) * (1 - service.injectedError) : service.errorRate;
  if (p > 0 && sim.rng.next() < p) {
    finishJob(sim, m, false, Word.error);
    return;
  }
  // E.g. a duplicate or unmatched async reply, discarded by the pending-request table: no work done.
  const accept = sim.kinds.messages[m.kind]!.accept;
  if (accept !== undefined && !accept(sim, m, service)) {
    finishJob(sim, m, true, -1);
    return;
  }
  // Compensations and replies do only what names them explicitly (never the default fan-out).
  const explicitOnly =
    m.kind === MessageKind.QueueReply || (m.call !== null && m.call.owner === CallOwner.SagaCompensation);
  m.actions = routeOfHandled(sim, service, m, explicitOnly);
  continueJob(sim, m);
}

/**
 * `routeFor` a handled message, remembered on the edge it came over: an edge's messages nearly always
 * have one name and one handler, so this replaces a lookup by name with three comparisons.
 */
function routeOfHandled(sim: Simulation, service: Service, m: Message, explicitOnly: boolean): Action[] {
  const edge = m.edge;
  if (edge.routeType === m.type && edge.routeHandler === service && edge.routeExplicit === explicitOnly)
    return edge.route!;
  const actions = routeFor(sim, service, m.type, explicitOnly);
  edge.routeType = m.type;
  edge.routeHandler = service;
  edge.routeExplicit = explicitOnly;
  edge.route = actions;
  return actions;
}

/** Performs the remaining actions in order; one that waits for an outcome (a sync call) suspends the job. */
export function continueJob(sim: Simulation, m: Message): void {
  const actions = m.actions!;
  while (m.nextAction < actions.length) {
    const action = actions[m.nextAction++]!;
    if (action.behaviour.perform(sim, m, action)) return;
  }
  finishJob(sim, m, true, -1);
}

/** A job waiting on a sync call: the call's outcome resumes it (or fails it). */
export const jobCallOwner: CallOwnerBehaviour = {
  done(sim: Simulation, call: Call, ok: boolean): void {
    const m = call.ownerObject as Message;
    m.target.waiting--;
    m.outCall = null;
    if (ok) continueJob(sim, m);
    else finishJob(sim, m, false, Word.downstream);
  },
  // The job itself is aborted by the crash (see the down fault).
  abandoned(): void {},
};

/** Ends a handling: frees the slot, answers the caller or the broker, starts the next waiting message. */
export function finishJob(sim: Simulation, m: Message, ok: boolean, reason: number): void {
  const service = m.target;
  sim.occupy(service, -1);
  service.replicaUsed[m.replica]!--;
  sim.activeJobs--;
  const jobs = service.jobs;
  const last = jobs.pop()!;
  if (last !== m) {
    jobs[m.jobIndex] = last;
    last.jobIndex = m.jobIndex;
  }
  m.jobIndex = -1;
  m.jobToken = 0;
  service.latencyHistogram.add(sim.now - m.since);
  if (ok) {
    service.handled++;
    // Work finished for a caller that already gave up (timed out or moved on to a retry) is marked.
    const call = m.kind === MessageKind.Request ? m.call! : null;
    const gaveUp = call !== null && (!call.pending || call.token !== m.token);
    sim.record(TraceCode.handled, m.id, service.index, -1, gaveUp ? Word['caller gave up'] : -1, m.replica);
  } else {
    service.failed++;
    sim.record(TraceCode.failed, m.id, service.index, -1, reason, m.replica);
    sim.effect(EffectCode.failed, service.index, -1, m.id);
  }
  sim.kinds.messages[m.kind]!.handled(sim, m, service, ok, reason);
  freeSlot(sim, service);
}

/** A slot came free: the inbox goes first, then the queues the service consumes. */
export function freeSlot(sim: Simulation, service: Service): void {
  // A redelivery pumped by the finishing job may already have taken the slot.
  if (service.down || service.used >= service.capacity) return;
  if (service.inbox.length > 0) {
    inboxChanging(service, sim.now);
    const next = service.inbox.shift()!;
    const r = pickReplica(service);
    sim.occupy(service, 1);
    service.replicaUsed[r]!++;
    startJob(sim, service, next, r);
    return;
  }
  // Queue deliveries are pulled: the queues it consumes get the chance to fill the slot.
  if (service.consumes.length > 0) sim.kinds.edges.queue.slotFreed!(sim, service);
}

/** What `service` does after handling a message named `type` (cached per name). */
export function routeFor(sim: Simulation, service: Service, type: string, explicitOnly: boolean): Action[] {
  if (service.lastRouteKey === type && !explicitOnly && service.lastRoute) return service.lastRoute;
  // Explicit-only routes have their own table (a key made by concatenation would be a new string to hash each time).
  const routes = explicitOnly ? service.explicitRoutes : service.routes;
  let actions = routes.get(type);
  if (actions) return remember(service, type, explicitOnly, actions);
  actions = [];
  const all = type === CLIENT_ROUTE;
  const kinds = sim.kinds.edges;
  for (const e of service.out) {
    const t = e.triggers;
    if (all || (t === null ? !explicitOnly : t.has(type))) kinds[e.kind].route(e, actions, kinds[e.kind]);
  }
  // Sagas start last, from their starter (a saga's first edge may leave another service).
  for (const saga of service.sagaStarts) {
    const t = saga.triggers;
    if (all || (t === null ? !explicitOnly : t.has(type)))
      actions.push({ kind: 'saga', behaviour: kinds.saga, edge: saga.steps[0]!.edge, saga });
  }
  routes.set(type, actions);
  return remember(service, type, explicitOnly, actions);
}

function remember(service: Service, type: string, explicitOnly: boolean, acts: Action[]): Action[] {
  if (!explicitOnly) {
    service.lastRouteKey = type;
    service.lastRoute = acts;
  }
  return acts;
}

/** Every outgoing action of a client, whatever the trigger (a client sends each request on all its edges). */
export const CLIENT_ROUTE = '\u0001all';
