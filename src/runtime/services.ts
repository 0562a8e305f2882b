import { sampleLatency } from './distributions';
import {
  Call,
  Look,
  MessageKind,
  CallOwner,
  MessageState,
  type Action,
  type Message,
  type Service,
} from './entities';
import { type SagaInstance } from './sagaState';
import { matchReply, onQueueHandled, pump, publishQueue } from './queue';
import { settleAtParticipant, startSaga } from './saga';
import { EffectCode, EventKind, Word, type Simulation } from './sim';
import { abandonCall, sendReply, startCall } from './sync';
import { publishTopic } from './topic';
import { TraceCode } from './trace';

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
  // A duplicate or unmatched reply is discarded by the pending-request table: acked, no work done.
  if (m.kind === MessageKind.QueueReply && !matchReply(sim, m, service)) {
    finishJob(sim, m, true, -1);
    return;
  }
  // Compensations and replies do only what names them explicitly (never the default fan-out).
  const explicitOnly =
    m.kind === MessageKind.QueueReply || (m.call !== null && m.call.owner === CallOwner.SagaCompensation);
  m.actions = routeFor(service, m.type, explicitOnly);
  continueJob(sim, m);
}

/** Performs the remaining actions in order; a sync call suspends the job until its outcome. */
export function continueJob(sim: Simulation, m: Message): void {
  const acts = m.actions!;
  const service = m.target;
  while (m.nextAction < acts.length) {
    const a = acts[m.nextAction++]!;
    if (a.kind === 'sync') {
      const e = a.edge;
      const call = new Call(
        e,
        service,
        e.to,
        false,
        e.message || 'request',
        Look.Request,
        e.policy!,
        CallOwner.Job,
        m,
        m.correlation,
        m.id,
        m.hop + 1,
      );
      call.startedAt = sim.now;
      service.waiting++;
      m.outCall = call;
      startCall(sim, call);
      return;
    }
    if (a.kind === 'queue') {
      // Handling a request of an async exchange: the reply is this service's publication on that channel.
      if (m.queue === null || a.queue !== m.queue.replyChannel)
        publishQueue(sim, a.queue!, a.edge, service, m.id, m.correlation, m.hop + 1);
    } else if (a.kind === 'topic')
      publishTopic(sim, a.topic!, a.edge, service, m.id, m.correlation, m.hop + 1);
    else if (m.saga === null || m.saga.def !== a.saga)
      startSaga(sim, a.saga!, m.id, m.correlation, m.hop + 1);
  }
  finishJob(sim, m, true, -1);
}

/** The outcome of a job's sync call. */
export function onJobCallDone(sim: Simulation, m: Message, ok: boolean): void {
  m.target.waiting--;
  m.outCall = null;
  if (ok) continueJob(sim, m);
  else finishJob(sim, m, false, Word.downstream);
}

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
  if (m.kind === MessageKind.Request) {
    const call = m.call!;
    if (ok && ++call.calleeSuccesses > 1 && !service.idempotent) sim.duplicate(m, service);
    sim.setState(m, MessageState.Delivered);
    // A choreographed step's outcome is known where it was handled: nothing travels back.
    if (call.owner >= CallOwner.SagaAction && !(call.ownerObj as SagaInstance).def.orchestrated)
      settleAtParticipant(sim, m, ok, reason);
    else sendReply(sim, m, ok);
  } else if (m.kind >= MessageKind.Queue) onQueueHandled(sim, m, service, ok);
  else sim.setState(m, MessageState.Delivered);
  freeSlot(sim, service);
}

/**
 * The service crashed: every handling on its slots is aborted, as a failure. A sync call it waits
 * on is abandoned; a request's caller is answered with an error at once (the connection is reset);
 * a queue message is not acked, so the broker redelivers it (at-most-once: it is lost).
 */
export function abortJobs(sim: Simulation, service: Service): void {
  for (const m of [...service.jobs]) {
    if (m.outCall !== null) {
      abandonCall(sim, m.outCall);
      m.outCall = null;
      service.waiting--;
    }
    finishJob(sim, m, false, Word.crashed);
  }
}

/** A slot came free: the inbox goes first, then the queues the service consumes. */
export function freeSlot(sim: Simulation, service: Service): void {
  // A redelivery pumped by the finishing job may already have taken the slot.
  if (service.down || service.used >= service.capacity) return;
  if (service.inbox.length > 0) {
    const next = service.inbox.shift()!;
    const r = pickReplica(service);
    sim.occupy(service, 1);
    service.replicaUsed[r]!++;
    startJob(sim, service, next, r);
    return;
  }
  const qs = service.consumes;
  for (let i = 0; i < qs.length && service.used < service.capacity; i++) pump(sim, qs[i]!);
}

/** What `service` does after handling a message named `type` (cached per name). */
export function routeFor(service: Service, type: string, explicitOnly: boolean): Action[] {
  if (service.lastRouteKey === type && !explicitOnly && service.lastRoute) return service.lastRoute;
  const key = explicitOnly ? `\u0000${type}` : type;
  let acts = service.routes.get(key);
  if (acts) return remember(service, type, explicitOnly, acts);
  acts = [];
  const all = type === '\u0001all';
  for (const e of service.out) {
    const t = e.triggers;
    const match = all || (t === null ? !explicitOnly : t.has(type));
    if (e.kind === 'saga' || !match) continue;
    if (e.kind === 'sync') acts.push({ kind: 'sync', edge: e });
    else if (e.kind === 'queue') {
      if (!acts.some((a) => a.queue === e.queue)) acts.push({ kind: 'queue', edge: e, queue: e.queue! });
    } else if (!acts.some((a) => a.topic === e.topic)) acts.push({ kind: 'topic', edge: e, topic: e.topic! });
  }
  for (const s of service.sagaStarts) {
    const t = s.triggers;
    if (all || (t === null ? !explicitOnly : t.has(type)))
      acts.push({ kind: 'saga', edge: s.steps[0]!.edge, saga: s });
  }
  service.routes.set(key, acts);
  return remember(service, type, explicitOnly, acts);
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
