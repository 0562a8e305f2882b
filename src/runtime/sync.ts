import { Look, MessageKind, CallOwner, MessageState, type Call, type Edge, type Message } from './entities';
import { type SagaInstance } from './sagaState';
import { onCompensationDone, onSagaActionDone, suspendOnAbandon } from './saga';
import { arriveAtService, onJobCallDone } from './services';
import { EffectCode, EventKind, Word, type Simulation } from './sim';
import type { TimeoutLane } from './timeouts';
import { TraceCode } from './trace';

/** Starts a request/reply exchange (its first attempt). */
export function startCall(sim: Simulation, call: Call): void {
  sim.openCalls++;
  if (call.owner === CallOwner.Client) {
    const list = call.caller.clientCalls;
    call.listIndex = list.length;
    list.push(call);
  }
  attempt(sim, call);
}

/** Sends one attempt, unless the hop limit stops it or the circuit is open (fail fast, no network). */
export function attempt(sim: Simulation, call: Call): void {
  const e = call.edge;
  // The hop limit comes first: a call it stops never reaches the breaker, so it can't hold a trial.
  if (call.hop > sim.hopLimit) {
    call.attempt++;
    e.sent++;
    e.failed++;
    sim.drop(newRequest(sim, call), 'hop limit');
    call.lastFailure = Word['hop limit'];
    endCall(sim, call, false);
    return;
  }
  if (e.breakerEnabled && e.circuit !== 'closed') {
    if (e.circuit === 'open' || e.trialOut) {
      sim.record(TraceCode.failed, -1, call.caller.index, e.index, Word['circuit open'], call.attempt + 1);
      sim.effect(EffectCode['circuit-open'], -1, e.index, -1);
      call.lastFailure = Word['circuit open'];
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

function newRequest(sim: Simulation, call: Call): Message {
  const m = sim.newMessage(
    MessageKind.Request,
    call.type,
    call.correlation,
    call.cause,
    call.hop,
    call.edge,
    call.caller,
    call.callee,
    call.attempt > 1 ? Look.Retry : call.look,
  );
  m.call = call;
  m.token = call.token;
  if (call.owner >= CallOwner.SagaAction) {
    const inst = call.ownerObj as SagaInstance;
    m.saga = inst;
    m.step = inst.def.steps[call.stepIndex]!.step;
  }
  sim.recent.add(m);
  return m;
}

function armTimeout(sim: Simulation, call: Call): void {
  const lane = call.policy.lane;
  call.deadline = sim.now + call.policy.timeoutMs;
  lane.push(call);
  if (lane.armedAt === -1) {
    lane.armedAt = call.deadline;
    sim.schedule(call.deadline, EventKind.Timeout, lane, 0);
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
export function laneIsStale(sim: Simulation, lane: TimeoutLane, t: number): boolean {
  const head = lane.head();
  if (head !== undefined && head.deadline <= t) return false;
  lane.armedAt = head === undefined ? -1 : head.deadline;
  if (head !== undefined) sim.schedule(head.deadline, EventKind.Timeout, lane, 0);
  return true;
}

/** A lane's deadline came: every attempt due now times out. */
export function onLaneDue(sim: Simulation, lane: TimeoutLane): void {
  // While firing, calls started by the outcomes must not arm the lane: its head is due sooner.
  lane.armedAt = -2;
  for (let c = lane.head(); c !== undefined && c.deadline <= sim.now; c = lane.head()) {
    lane.shift();
    onTimeout(sim, c);
  }
  const next = lane.head();
  lane.armedAt = next === undefined ? -1 : next.deadline;
  if (next !== undefined) sim.schedule(next.deadline, EventKind.Timeout, lane, 0);
}

/** A request reaches its callee: a down callee refuses at once, otherwise it is handled. */
export function onRequestArrive(sim: Simulation, m: Message): void {
  const callee = m.target;
  if (callee.down > 0) {
    sim.record(TraceCode.refused, m.id, callee.index, m.edge.index, -1, NaN);
    sim.effect(EffectCode.refused, callee.index, m.edge.index, m.id);
    sim.setState(m, MessageState.Delivered);
    sendReply(sim, m, false);
    return;
  }
  sim.record(TraceCode.arrived, m.id, callee.index, m.edge.index, -1, NaN);
  arriveAtService(sim, callee, m);
}

/** The callee answers along the same edge, back the way the request came. */
export function sendReply(sim: Simulation, req: Message, ok: boolean): void {
  const e = req.edge;
  const r = sim.newMessage(
    MessageKind.Reply,
    req.type,
    req.correlation,
    req.id,
    req.hop,
    e,
    req.target,
    req.source,
    ok ? Look.ReplyOk : Look.ReplyError,
  );
  r.call = req.call;
  r.token = req.token;
  sim.recent.add(r);
  if (req.call!.local) sim.launch(r, req.toHalf, req.fromHalf, 0);
  else if (e.cut > 0) sim.drop(r, 'partition');
  else sim.launch(r, req.toHalf, req.fromHalf, e.latencyMs + e.serializationMs);
}

/** A reply reaches the caller: it settles the attempt, or is discarded if the caller gave up. */
export function onReplyArrive(sim: Simulation, r: Message): void {
  sim.setState(r, MessageState.Delivered);
  const call = r.call!;
  if (call.pending && call.token === r.token) {
    sim.record(TraceCode.arrived, r.id, r.target.index, r.edge.index, -1, NaN);
    const ok = r.look !== Look.ReplyError;
    attemptResult(sim, call, ok, ok ? -1 : Word['error reply']);
  } else sim.record(TraceCode['late-reply'], r.id, r.target.index, r.edge.index, -1, NaN);
}

/** The attempt's timer ran out before its reply came. */
export function onTimeout(sim: Simulation, call: Call): void {
  const e = call.edge;
  e.timedOut++;
  sim.record(TraceCode['timed-out'], -1, call.caller.index, e.index, -1, call.attempt);
  sim.effect(EffectCode.timeout, call.caller.index, e.index, -1);
  attemptResult(sim, call, false, Word.timeout);
}

/** Settles an attempt: updates the breaker, then ends the call or schedules a retry after backoff. */
export function attemptResult(sim: Simulation, call: Call, ok: boolean, reason: number): void {
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
    sim.record(TraceCode.retried, -1, call.caller.index, e.index, reason, call.attempt + 1);
    sim.schedule(sim.now + delay, EventKind.Retry, call, 0);
    return;
  }
  endCall(sim, call, false);
}

function breakerOutcome(sim: Simulation, e: Edge, ok: boolean, call: Call): void {
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
    sim.effect(EffectCode['circuit-open'], -1, e.index, -1);
    sim.schedule(sim.now + e.breakerOpenMs, EventKind.HalfOpen, e, ++e.breakerToken);
  }
}

/**
 * The open period is over: let one trial through. A trial of an earlier half-open period that is
 * still pending (the circuit re-opened on another call's failure) stays the one trial.
 */
export function onHalfOpen(sim: Simulation, e: Edge): void {
  setCircuit(sim, e, 'half-open');
}

function setCircuit(sim: Simulation, e: Edge, state: Edge['circuit']): void {
  e.circuit = state;
  sim.record(TraceCode.circuit, -1, e.from.index, e.index, sim.intern(state), NaN);
}

function close(sim: Simulation, call: Call): void {
  call.done = true;
  sim.openCalls--;
  if (call.owner === CallOwner.Client) {
    const list = call.caller.clientCalls;
    const last = list.pop()!;
    if (last !== call) {
      list[call.listIndex] = last;
      last.listIndex = call.listIndex;
    }
    call.listIndex = -1;
  }
}

/** The call's final outcome, handed to whoever made it. */
export function endCall(sim: Simulation, call: Call, ok: boolean): void {
  close(sim, call);
  sim.record(
    TraceCode['call-done'],
    -1,
    call.caller.index,
    call.edge.index,
    ok ? Word.ok : call.lastFailure,
    call.attempt,
  );
  switch (call.owner) {
    case CallOwner.Job:
      onJobCallDone(sim, call.ownerObj as Message, ok);
      break;
    case CallOwner.Client: {
      const r = sim.requests;
      if (ok) {
        r.succeeded++;
        r.latency.add(sim.now - call.startedAt);
      } else if (call.lastFailure === Word.timeout) r.timedOut++;
      else r.failed++;
      break;
    }
    case CallOwner.SagaAction:
      onSagaActionDone(sim, call.ownerObj as SagaInstance, call, ok);
      break;
    case CallOwner.SagaCompensation:
      onCompensationDone(sim, call.ownerObj as SagaInstance, call, ok);
      break;
  }
}

/**
 * The caller crashed: the call ends without an outcome. Its pending attempt is abandoned (a late
 * reply is discarded), a scheduled retry never runs, and a breaker trial it held is released.
 * A client's request counts as failed; an orchestrator's saga waits to be resumed.
 */
export function abandonCall(sim: Simulation, call: Call): void {
  if (call.done) return;
  stopCall(sim, call, Word['caller crashed']);
  if (call.owner === CallOwner.Client) sim.requests.failed++;
  else if (call.owner !== CallOwner.Job) suspendOnAbandon(sim, call.ownerObj as SagaInstance);
}

/** Ends a call without an outcome (its owner has stopped waiting for one); `reason` is a `Word`. */
export function stopCall(sim: Simulation, call: Call, reason: number): void {
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
  sim.record(TraceCode['call-done'], -1, call.caller.index, call.edge.index, reason, call.attempt);
}
