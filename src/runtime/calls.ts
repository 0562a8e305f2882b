import { breakerLetsThrough, breakerOutcome } from './breaker';
import { CallOwner, Look, MessageKind, type Call, type Message } from './messages';
import type { SagaInstance } from './sagaState';
import { EffectCode, EventKind, Word, type Simulation } from './sim';
import type { TimeoutLane } from './timeouts';
import { TraceCode } from './trace';

/*
 * The core's request/reply verbs, shared by sync edges, saga steps and clients: a call sends
 * attempts (hop limit, circuit breaker, timeout, retries with backoff) and hands its final outcome
 * to its owner's behaviour. The request and reply messages themselves are in replies.ts.
 */

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
  if (e.breaker !== null && e.breaker.state !== 'closed' && !breakerLetsThrough(sim, e, call)) {
    endCall(sim, call, false);
    return;
  }
  call.attempt++;
  call.token = ++sim.nextToken;
  call.pending = true;
  e.sent++;
  call.exchange.pending++;
  const m = newRequest(sim, call);
  const ms = e.latencyMs + call.exchange.serializationMs;
  if (call.local) sim.launch(m, call.reversed ? 0 : 2, call.reversed ? 0 : 2, 0);
  else if (e.cut > 0) sim.drop(m, 'partition');
  else if (call.reversed) sim.launch(m, 2, 0, ms);
  else sim.launch(m, 0, 2, ms);
  armTimeout(sim, call);
}

/** A new request message for the call's current attempt. */
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
    const inst = call.ownerObject as SagaInstance;
    m.saga = inst;
    m.step = inst.def.steps[call.stepIndex]!.step;
  }
  sim.remember(m);
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
  call.exchange.pending--;
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

/** The attempt's timer ran out before its reply came. */
export function onTimeout(sim: Simulation, call: Call): void {
  const e = call.edge;
  call.exchange.timedOut++;
  sim.record(TraceCode['timed-out'], -1, call.caller.index, e.index, -1, call.attempt, call.correlation);
  sim.effect(EffectCode.timeout, call.caller.index, e.index, -1);
  attemptResult(sim, call, false, Word.timeout);
}

/** Settles an attempt: updates the breaker, then ends the call or schedules a retry after backoff. */
export function attemptResult(sim: Simulation, call: Call, ok: boolean, reason: number): void {
  settleAttempt(call);
  const e = call.edge;
  if (e.breaker !== null) breakerOutcome(sim, e, ok, call);
  if (ok) {
    call.exchange.ok++;
    endCall(sim, call, true);
    return;
  }
  e.failed++;
  call.lastFailure = reason;
  const p = call.policy;
  const circuitOpen = e.breaker !== null && e.breaker.state === 'open';
  if (call.attempt < p.maxAttempts && !circuitOpen && !sim.finished) {
    const raw = Math.min(p.maxMs, p.baseMs * Math.pow(p.factor, call.attempt - 1));
    const delay = raw * (1 + p.jitter * (2 * sim.rng.next() - 1));
    call.exchange.retried++;
    sim.record(TraceCode.retried, -1, call.caller.index, e.index, reason, call.attempt + 1, call.correlation);
    sim.schedule(sim.now + delay, EventKind.Retry, call, 0);
    return;
  }
  endCall(sim, call, false);
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
    call.correlation,
  );
  sim.kinds.callOwners[call.owner]!.done(sim, call, ok);
  if (sim.watch !== null && call.owner === CallOwner.Client) sim.watch.onRequestEnded(call);
}

/**
 * The caller crashed: the call ends without an outcome. Its pending attempt is abandoned (a late
 * reply is discarded), a scheduled retry never runs, and a breaker trial it held is released.
 * A client's request counts as failed; an orchestrator's saga waits to be resumed.
 */
export function abandonCall(sim: Simulation, call: Call): void {
  if (call.done) return;
  stopCall(sim, call, Word['caller crashed']);
  sim.kinds.callOwners[call.owner]!.abandoned(sim, call);
}

/** Ends a call without an outcome (its owner has stopped waiting for one); `reason` is a `Word`. */
export function stopCall(sim: Simulation, call: Call, reason: number): void {
  if (call.done) return;
  if (call.pending) {
    settleAttempt(call);
    call.exchange.abandoned++;
  }
  if (call.trial) {
    call.trial = false;
    call.edge.breaker!.trialOut = false;
  }
  close(sim, call);
  sim.record(
    TraceCode['call-done'],
    -1,
    call.caller.index,
    call.edge.index,
    reason,
    call.attempt,
    call.correlation,
  );
}
