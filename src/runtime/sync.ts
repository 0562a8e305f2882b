import { Lk, Mk, Owner, St, type Call, type Edg, type Msg } from './entities';
import { type SagaInst } from './sagaState';
import { onCompensationDone, onSagaActionDone, suspendOnAbandon } from './saga';
import { arriveAtService, onJobCallDone } from './services';
import { FX, Ev, W, type Sim } from './sim';
import type { TimeoutLane } from './timeouts';
import { TR } from './trace';

/** Starts a request/reply exchange (its first attempt). */
export function startCall(sim: Sim, call: Call): void {
  sim.openCalls++;
  if (call.owner === Owner.Client) {
    const list = call.caller.clientCalls;
    call.listIdx = list.length;
    list.push(call);
  }
  attempt(sim, call);
}

/** Sends one attempt, unless the hop limit stops it or the circuit is open (fail fast, no network). */
export function attempt(sim: Sim, call: Call): void {
  const e = call.edge;
  // The hop limit comes first: a call it stops never reaches the breaker, so it can't hold a trial.
  if (call.hop > sim.hopLimit) {
    call.attempt++;
    e.sent++;
    e.failed++;
    sim.drop(newRequest(sim, call), 'hop limit');
    call.lastFailure = W['hop limit'];
    endCall(sim, call, false);
    return;
  }
  if (e.breakerEnabled && e.circuit !== 'closed') {
    if (e.circuit === 'open' || e.trialOut) {
      sim.rec(TR.failed, -1, call.caller.idx, e.idx, W['circuit open'], call.attempt + 1);
      sim.effect(FX['circuit-open'], -1, e.idx, -1);
      call.lastFailure = W['circuit open'];
      e.shortCircuited++;
      endCall(sim, call, false);
      return;
    }
    e.trialOut = true;
    call.trial = true;
  }
  call.attempt++;
  call.token = ++sim.nextToken;
  call.pending = true;
  e.sent++;
  e.pending++;
  const m = newRequest(sim, call);
  if (call.local) sim.launch(m, call.reversed ? 0 : 2, call.reversed ? 0 : 2, 0);
  else if (e.cut > 0) sim.drop(m, 'partition');
  else if (call.reversed) sim.launch(m, 2, 0, e.latencyMs + e.serializationMs);
  else sim.launch(m, 0, 2, e.latencyMs + e.serializationMs);
  armTimeout(sim, call);
}

function newRequest(sim: Sim, call: Call): Msg {
  const m = sim.newMsg(
    Mk.Request,
    call.type,
    call.corr,
    call.cause,
    call.hop,
    call.edge,
    call.caller,
    call.callee,
    call.attempt > 1 ? Lk.Retry : call.look,
  );
  m.call = call;
  m.token = call.token;
  if (call.owner >= Owner.SagaAction) {
    const inst = call.ownerObj as SagaInst;
    m.saga = inst;
    m.step = inst.def.steps[call.stepIndex]!.step;
  }
  sim.recent.add(m);
  return m;
}

function armTimeout(sim: Sim, call: Call): void {
  const lane = call.policy.lane;
  call.deadline = sim.now + call.policy.timeoutMs;
  lane.push(call);
  if (lane.armedAt === -1) {
    lane.armedAt = call.deadline;
    sim.at(call.deadline, Ev.Timeout, lane, 0);
  }
}

/** Ends the pending attempt of a call (reply, timeout, settlement at the callee, abandonment). */
function settleAttempt(call: Call): void {
  call.pending = false;
  call.policy.lane.settle(call);
  call.edge.pending--;
}

/**
 * Whether a lane's heap event has nothing to fire; re-arms the lane for its next live deadline.
 * Lazy cancellation: settled attempts are only skipped here.
 */
export function laneIsStale(sim: Sim, lane: TimeoutLane, t: number): boolean {
  const head = lane.head();
  if (head !== undefined && head.deadline <= t) return false;
  lane.armedAt = head === undefined ? -1 : head.deadline;
  if (head !== undefined) sim.at(head.deadline, Ev.Timeout, lane, 0);
  return true;
}

/** A lane's deadline came: every attempt due now times out. */
export function onLaneDue(sim: Sim, lane: TimeoutLane): void {
  // While firing, calls started by the outcomes must not arm the lane: its head is due sooner.
  lane.armedAt = -2;
  for (let c = lane.head(); c !== undefined && c.deadline <= sim.now; c = lane.head()) {
    lane.shift();
    onTimeout(sim, c);
  }
  const next = lane.head();
  lane.armedAt = next === undefined ? -1 : next.deadline;
  if (next !== undefined) sim.at(next.deadline, Ev.Timeout, lane, 0);
}

/** A request reaches its callee: a down callee refuses at once, otherwise it is handled. */
export function onRequestArrive(sim: Sim, m: Msg): void {
  const callee = m.dst;
  if (callee.down > 0) {
    sim.rec(TR.refused, m.id, callee.idx, m.edge.idx, -1, NaN);
    sim.effect(FX.refused, callee.idx, m.edge.idx, m.id);
    sim.setState(m, St.Delivered);
    sendReply(sim, m, false);
    return;
  }
  sim.rec(TR.arrived, m.id, callee.idx, m.edge.idx, -1, NaN);
  arriveAtService(sim, callee, m);
}

/** The callee answers along the same edge, back the way the request came. */
export function sendReply(sim: Sim, req: Msg, ok: boolean): void {
  const e = req.edge;
  const r = sim.newMsg(
    Mk.Reply,
    req.type,
    req.corr,
    req.id,
    req.hop,
    e,
    req.dst,
    req.src,
    ok ? Lk.ReplyOk : Lk.ReplyError,
  );
  r.call = req.call;
  r.token = req.token;
  sim.recent.add(r);
  if (req.call!.local) sim.launch(r, req.to2, req.from2, 0);
  else if (e.cut > 0) sim.drop(r, 'partition');
  else sim.launch(r, req.to2, req.from2, e.latencyMs + e.serializationMs);
}

/** A reply reaches the caller: it settles the attempt, or is discarded if the caller gave up. */
export function onReplyArrive(sim: Sim, r: Msg): void {
  sim.setState(r, St.Delivered);
  const call = r.call!;
  if (call.pending && call.token === r.token) {
    sim.rec(TR.arrived, r.id, r.dst.idx, r.edge.idx, -1, NaN);
    const ok = r.look !== Lk.ReplyError;
    attemptResult(sim, call, ok, ok ? -1 : W['error reply']);
  } else sim.rec(TR['late-reply'], r.id, r.dst.idx, r.edge.idx, -1, NaN);
}

/** The attempt's timer ran out before its reply came. */
export function onTimeout(sim: Sim, call: Call): void {
  const e = call.edge;
  e.timedOut++;
  sim.rec(TR['timed-out'], -1, call.caller.idx, e.idx, -1, call.attempt);
  sim.effect(FX.timeout, call.caller.idx, e.idx, -1);
  attemptResult(sim, call, false, W.timeout);
}

/** Settles an attempt: updates the breaker, then ends the call or schedules a retry after backoff. */
export function attemptResult(sim: Sim, call: Call, ok: boolean, reason: number): void {
  settleAttempt(call);
  const e = call.edge;
  if (e.breakerEnabled) breakerOutcome(sim, e, ok, call);
  if (ok) {
    e.ok++;
    endCall(sim, call, true);
    return;
  }
  e.failed++;
  call.lastFailure = reason;
  const p = call.policy;
  if (call.attempt < p.maxAttempts && !(e.breakerEnabled && e.circuit === 'open') && !sim.finished) {
    const raw = Math.min(p.maxMs, p.baseMs * Math.pow(p.factor, call.attempt - 1));
    const delay = raw * (1 + p.jitter * (2 * sim.rng.next() - 1));
    e.retried++;
    sim.rec(TR.retried, -1, call.caller.idx, e.idx, reason, call.attempt + 1);
    sim.at(sim.now + delay, Ev.Retry, call, 0);
    return;
  }
  endCall(sim, call, false);
}

function breakerOutcome(sim: Sim, e: Edg, ok: boolean, call: Call): void {
  if (call.trial) {
    call.trial = false;
    e.trialOut = false;
  }
  if (ok) {
    e.consecutiveFailures = 0;
    if (e.circuit === 'half-open') setCircuit(sim, e, 'closed');
    return;
  }
  e.consecutiveFailures++;
  if (e.circuit === 'half-open' || (e.circuit === 'closed' && e.consecutiveFailures >= e.breakerThreshold)) {
    setCircuit(sim, e, 'open');
    e.circuitOpened++;
    sim.effect(FX['circuit-open'], -1, e.idx, -1);
    sim.at(sim.now + e.breakerOpenMs, Ev.HalfOpen, e, ++e.breakerToken);
  }
}

/**
 * The open period is over: let one trial through. A trial of an earlier half-open period that is
 * still pending (the circuit re-opened on another call's failure) stays the one trial.
 */
export function onHalfOpen(sim: Sim, e: Edg): void {
  setCircuit(sim, e, 'half-open');
}

function setCircuit(sim: Sim, e: Edg, state: Edg['circuit']): void {
  e.circuit = state;
  sim.rec(TR.circuit, -1, e.from.idx, e.idx, sim.d(state), NaN);
}

function close(sim: Sim, call: Call): void {
  call.done = true;
  sim.openCalls--;
  if (call.owner === Owner.Client) {
    const list = call.caller.clientCalls;
    const last = list.pop()!;
    if (last !== call) {
      list[call.listIdx] = last;
      last.listIdx = call.listIdx;
    }
    call.listIdx = -1;
  }
}

/** The call's final outcome, handed to whoever made it. */
export function endCall(sim: Sim, call: Call, ok: boolean): void {
  close(sim, call);
  sim.rec(TR['call-done'], -1, call.caller.idx, call.edge.idx, ok ? W.ok : call.lastFailure, call.attempt);
  switch (call.owner) {
    case Owner.Job:
      onJobCallDone(sim, call.ownerObj as Msg, ok);
      break;
    case Owner.Client: {
      const r = sim.requests;
      if (ok) {
        r.succeeded++;
        r.lat.add(sim.now - call.startedAt);
      } else if (call.lastFailure === W.timeout) r.timedOut++;
      else r.failed++;
      break;
    }
    case Owner.SagaAction:
      onSagaActionDone(sim, call.ownerObj as SagaInst, call, ok);
      break;
    case Owner.SagaCompensation:
      onCompensationDone(sim, call.ownerObj as SagaInst, call, ok);
      break;
  }
}

/**
 * The caller crashed: the call ends without an outcome. Its pending attempt is abandoned (a late
 * reply is discarded), a scheduled retry never runs, and a breaker trial it held is released.
 * A client's request counts as failed; an orchestrator's saga waits to be resumed.
 */
export function abandonCall(sim: Sim, call: Call): void {
  if (call.done) return;
  stopCall(sim, call, W['caller crashed']);
  if (call.owner === Owner.Client) sim.requests.failed++;
  else if (call.owner !== Owner.Job) suspendOnAbandon(sim, call.ownerObj as SagaInst);
}

/** Ends a call without an outcome (its owner has stopped waiting for one); `reason` is a `W` word. */
export function stopCall(sim: Sim, call: Call, reason: number): void {
  if (call.done) return;
  if (call.pending) {
    settleAttempt(call);
    call.edge.abandoned++;
  }
  if (call.trial) {
    call.trial = false;
    call.edge.trialOut = false;
  }
  close(sim, call);
  sim.rec(TR['call-done'], -1, call.caller.idx, call.edge.idx, reason, call.attempt);
}
