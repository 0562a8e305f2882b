import { sampleLatency } from './distributions';
import { Call, Lk, Mk, Owner, St, type Action, type Msg, type Svc } from './entities';
import { type SagaInst } from './sagaState';
import { matchReply, onQueueHandled, pump, publishQueue } from './queue';
import { settleAtParticipant, startSaga } from './saga';
import { FX, Ev, W, type Sim } from './sim';
import { abandonCall, sendReply, startCall } from './sync';
import { publishTopic } from './topic';
import { TR } from './trace';

/** A message reaches a service to be handled: it starts on a free slot or waits in the inbox. */
export function arriveAtService(sim: Sim, svc: Svc, m: Msg): void {
  svc.received++;
  if (svc.used < svc.capacity) {
    const r = pickReplica(svc);
    sim.occupy(svc, 1);
    svc.replicaUsed[r]!++;
    m.since = sim.now;
    startJob(sim, svc, m, r);
    return;
  }
  m.since = sim.now;
  sim.setState(m, St.Waiting);
  svc.inbox.push(m);
  if (svc.inbox.length > svc.maxInbox) svc.maxInbox = svc.inbox.length;
}

/** A replica with a free slot, round-robin; the caller has checked that one exists. */
export function pickReplica(svc: Svc): number {
  const n = svc.replicas;
  if (n === 1) return 0;
  const used = svc.replicaUsed;
  for (let i = 0; i < n; i++) {
    const r = (svc.rrReplica + i) % n;
    if (used[r]! < svc.concurrency) {
      svc.rrReplica = (r + 1) % n;
      return r;
    }
  }
  return 0;
}

/** Starts handling `m` on a slot of `replica` that is already occupied for it. */
export function startJob(sim: Sim, svc: Svc, m: Msg, replica: number): void {
  sim.setState(m, St.Handling);
  sim.activeJobs++;
  svc.waitHist.add(sim.now - m.since);
  // The message itself carries its handling (no separate job object on the hot path).
  m.replica = replica;
  m.since = sim.now;
  m.actions = null;
  m.nextAction = 0;
  m.jobIdx = svc.jobs.length;
  svc.jobs.push(m);
  const dur = sampleLatency(sim.rng, svc.latKind, svc.latA, svc.latB) * svc.slowFactor;
  // The event carries the job's token: a crash that aborts the job makes it stale.
  const token = ++sim.nextToken;
  m.jobToken = token;
  sim.rec(TR.started, m.id, svc.idx, -1, -1, replica);
  sim.at(sim.now + dur, Ev.HandleDone, m, token);
}

/** Handling time is over: fail by the error rate, or perform the outgoing edges it triggers. */
export function onHandleDone(sim: Sim, m: Msg): void {
  const svc = m.dst;
  const p = svc.injectedError > 0 ? 1 - (1 - svc.errorRate) * (1 - svc.injectedError) : svc.errorRate;
  if (p > 0 && sim.rng.next() < p) {
    finishJob(sim, m, false, W.error);
    return;
  }
  // A duplicate or unmatched reply is discarded by the pending-request table: acked, no work done.
  if (m.kind === Mk.QueueReply && !matchReply(sim, m, svc)) {
    finishJob(sim, m, true, -1);
    return;
  }
  // Compensations and replies do only what names them explicitly (never the default fan-out).
  const explicitOnly =
    m.kind === Mk.QueueReply || (m.call !== null && m.call.owner === Owner.SagaCompensation);
  m.actions = routeFor(svc, m.type, explicitOnly);
  continueJob(sim, m);
}

/** Performs the remaining actions in order; a sync call suspends the job until its outcome. */
export function continueJob(sim: Sim, m: Msg): void {
  const acts = m.actions!;
  const svc = m.dst;
  while (m.nextAction < acts.length) {
    const a = acts[m.nextAction++]!;
    if (a.kind === 'sync') {
      const e = a.edge;
      const call = new Call(
        e,
        svc,
        e.to,
        false,
        e.message || 'request',
        Lk.Request,
        e.policy!,
        Owner.Job,
        m,
        m.corr,
        m.id,
        m.hop + 1,
      );
      call.startedAt = sim.now;
      svc.waiting++;
      m.outCall = call;
      startCall(sim, call);
      return;
    }
    if (a.kind === 'queue') {
      // Handling a request of an async exchange: the reply is this service's publication on that channel.
      if (m.queue === null || a.queue !== m.queue.replyChannel)
        publishQueue(sim, a.queue!, a.edge, svc, m.id, m.corr, m.hop + 1);
    } else if (a.kind === 'topic') publishTopic(sim, a.topic!, a.edge, svc, m.id, m.corr, m.hop + 1);
    else if (m.saga === null || m.saga.def !== a.saga) startSaga(sim, a.saga!, m.id, m.corr, m.hop + 1);
  }
  finishJob(sim, m, true, -1);
}

/** The outcome of a job's sync call. */
export function onJobCallDone(sim: Sim, m: Msg, ok: boolean): void {
  m.dst.waiting--;
  m.outCall = null;
  if (ok) continueJob(sim, m);
  else finishJob(sim, m, false, W.downstream);
}

/** Ends a handling: frees the slot, answers the caller or the broker, starts the next waiting message. */
export function finishJob(sim: Sim, m: Msg, ok: boolean, reason: number): void {
  const svc = m.dst;
  sim.occupy(svc, -1);
  svc.replicaUsed[m.replica]!--;
  sim.activeJobs--;
  const jobs = svc.jobs;
  const last = jobs.pop()!;
  if (last !== m) {
    jobs[m.jobIdx] = last;
    last.jobIdx = m.jobIdx;
  }
  m.jobIdx = -1;
  m.jobToken = 0;
  svc.latHist.add(sim.now - m.since);
  if (ok) {
    svc.handled++;
    // Work finished for a caller that already gave up (timed out or moved on to a retry) is marked.
    const call = m.kind === Mk.Request ? m.call! : null;
    const gaveUp = call !== null && (!call.pending || call.token !== m.token);
    sim.rec(TR.handled, m.id, svc.idx, -1, gaveUp ? W['caller gave up'] : -1, m.replica);
  } else {
    svc.failed++;
    sim.rec(TR.failed, m.id, svc.idx, -1, reason, m.replica);
    sim.effect(FX.failed, svc.idx, -1, m.id);
  }
  if (m.kind === Mk.Request) {
    const call = m.call!;
    if (ok && ++call.calleeSuccesses > 1 && !svc.idempotent) sim.duplicate(m, svc);
    sim.setState(m, St.Delivered);
    // A choreographed step's outcome is known where it was handled: nothing travels back.
    if (call.owner >= Owner.SagaAction && !(call.ownerObj as SagaInst).def.orchestrated)
      settleAtParticipant(sim, m, ok, reason);
    else sendReply(sim, m, ok);
  } else if (m.kind >= Mk.Queue) onQueueHandled(sim, m, svc, ok);
  else sim.setState(m, St.Delivered);
  freeSlot(sim, svc);
}

/**
 * The service crashed: every handling on its slots is aborted, as a failure. A sync call it waits
 * on is abandoned; a request's caller is answered with an error at once (the connection is reset);
 * a queue message is not acked, so the broker redelivers it (at-most-once: it is lost).
 */
export function abortJobs(sim: Sim, svc: Svc): void {
  for (const m of [...svc.jobs]) {
    if (m.outCall !== null) {
      abandonCall(sim, m.outCall);
      m.outCall = null;
      svc.waiting--;
    }
    finishJob(sim, m, false, W.crashed);
  }
}

/** A slot came free: the inbox goes first, then the queues the service consumes. */
export function freeSlot(sim: Sim, svc: Svc): void {
  // A redelivery pumped by the finishing job may already have taken the slot.
  if (svc.down || svc.used >= svc.capacity) return;
  if (svc.inbox.length > 0) {
    const next = svc.inbox.shift()!;
    const r = pickReplica(svc);
    sim.occupy(svc, 1);
    svc.replicaUsed[r]!++;
    startJob(sim, svc, next, r);
    return;
  }
  const qs = svc.consumes;
  for (let i = 0; i < qs.length && svc.used < svc.capacity; i++) pump(sim, qs[i]!);
}

/** What `svc` does after handling a message named `type` (cached per name). */
export function routeFor(svc: Svc, type: string, explicitOnly: boolean): Action[] {
  if (svc.lastRouteKey === type && !explicitOnly && svc.lastRoute) return svc.lastRoute;
  const key = explicitOnly ? `\u0000${type}` : type;
  let acts = svc.routes.get(key);
  if (acts) return remember(svc, type, explicitOnly, acts);
  acts = [];
  const all = type === '\u0001all';
  for (const e of svc.out) {
    const t = e.triggers;
    const match = all || (t === null ? !explicitOnly : t.has(type));
    if (e.kind === 'saga' || !match) continue;
    if (e.kind === 'sync') acts.push({ kind: 'sync', edge: e });
    else if (e.kind === 'queue') {
      if (!acts.some((a) => a.queue === e.queue)) acts.push({ kind: 'queue', edge: e, queue: e.queue! });
    } else if (!acts.some((a) => a.topic === e.topic)) acts.push({ kind: 'topic', edge: e, topic: e.topic! });
  }
  for (const s of svc.sagaStarts) {
    const t = s.triggers;
    if (all || (t === null ? !explicitOnly : t.has(type)))
      acts.push({ kind: 'saga', edge: s.steps[0]!.edge, saga: s });
  }
  svc.routes.set(key, acts);
  return remember(svc, type, explicitOnly, acts);
}

function remember(svc: Svc, type: string, explicitOnly: boolean, acts: Action[]): Action[] {
  if (!explicitOnly) {
    svc.lastRouteKey = type;
    svc.lastRoute = acts;
  }
  return acts;
}

/** Every outgoing action of a client, whatever the trigger (a client sends each request on all its edges). */
export const CLIENT_ROUTE = '\u0001all';
