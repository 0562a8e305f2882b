import type { CallOwnerBehaviour, EdgeBehaviour } from './behaviours';
import { abandonCall, startCall, stopCall } from './calls';
import { type Action, type CallPolicy, type Edge, type Service } from './entities';
import { Call, Look, CallOwner, type Message } from './messages';
import { removeFrom, SagaInstance, type SagaDefinition, type SagaStep } from './sagaState';
import { EffectCode, Word, type Simulation } from './sim';
import { TraceCode } from './trace';

/** A saga step waits this long for its outcome before it counts as failed. */
export const SAGA_STEP_TIMEOUT_MS = 5_000;
/** Saga actions get one attempt; compensations the same policy but retried (with backoff) until they succeed. */
export const SAGA_ACTION_POLICY: Omit<CallPolicy, 'lane'> = {
  timeoutMs: SAGA_STEP_TIMEOUT_MS,
  maxAttempts: 1,
  baseMs: 100,
  factor: 2,
  maxMs: 2_000,
  jitter: 0.2,
};

/** Starts a saga instance, triggered by message `cause`. */
export function startSaga(
  sim: Simulation,
  def: SagaDefinition,
  cause: number,
  correlation: number,
  hop: number,
): void {
  const inst = new SagaInstance(++sim.nextSagaId, def, correlation, hop, cause);
  def.started++;
  inst.listIndex = sim.liveSagas.length;
  sim.liveSagas.push(inst);
  sim.record(TraceCode['saga-started'], cause, def.starter.index, -1, def.nameId, inst.id, correlation);
  startStage(sim, inst, 0);
}

/** Which exchange of a saga step: its action or its compensation, between whom, on which edge. */
interface StepCall {
  /** Index of the step. */
  step: number;
  edge: Edge;
  caller: Service;
  callee: Service;
  /** Sent against the edge's direction (a choreographed compensation going back). */
  reversed?: boolean;
  compensation: boolean;
  /** The message's type when it is neither the step's action nor its compensation (a failure event). */
  type?: string;
}

/** A call for a step of `inst`, which joins the instance's calls under way. */
function newCall(sim: Simulation, inst: SagaInstance, spec: StepCall): Call {
  const def = inst.def;
  const step = def.steps[spec.step]!;
  const compensation = spec.compensation;
  const call = new Call({
    edge: spec.edge,
    caller: spec.caller,
    callee: spec.callee,
    reversed: spec.reversed === true,
    type: spec.type ?? (compensation ? step.compensation : step.action),
    look: compensation ? Look.Compensation : Look.SagaAction,
    policy: compensation ? def.compensationPolicy : def.actionPolicy,
    owner: compensation ? CallOwner.SagaCompensation : CallOwner.SagaAction,
    ownerObject: inst,
    correlation: inst.correlation,
    cause: inst.cause,
    hop: inst.hop,
  });
  // A choreography has no one waiting for replies: each step's outcome is known where it is handled.
  call.outcomeAtCallee = !def.orchestrated;
  call.stepIndex = spec.step;
  call.startedAt = sim.now;
  inst.calls.push(call);
  return call;
}

/**
 * Starts stage `s`: the action of each of its steps, all at once (several participants react to one
 * event in parallel). Every step is pending before the first is sent: a call can end at once (the hop
 * limit, an open circuit), and the stage must not look settled while its other steps are unsent.
 */
function startStage(sim: Simulation, inst: SagaInstance, s: number): void {
  inst.stage = s;
  inst.pending = inst.def.stages[s]!.slice();
  for (const k of inst.def.stages[s]!) sendAction(sim, inst, k);
}

/** Sends step k's action: from the orchestrator, or (choreography) from the participant before it. */
function sendAction(sim: Simulation, inst: SagaInstance, k: number): void {
  const step = inst.def.steps[k]!;
  const caller = inst.def.orchestrated ? inst.def.starter : step.edge.from;
  startCall(
    sim,
    newCall(sim, inst, { step: k, edge: step.edge, caller, callee: step.edge.to, compensation: false }),
  );
}

/** Takes `call` off the instance's calls under way. */
function settle(inst: SagaInstance, call: Call): void {
  removeFrom(inst.calls, call);
}

/**
 * A step's outcome. When its stage has settled: on to the next stage, complete, or (a step failed)
 * compensate what was done, each participant undoing only its own step, newest first.
 */
function onSagaActionDone(sim: Simulation, inst: SagaInstance, call: Call, ok: boolean): void {
  const k = call.stepIndex;
  const def = inst.def;
  const step = def.steps[k]!;
  settle(inst, call);
  // In place (a step is pending once): no closure and no new array per step.
  removeFrom(inst.pending, k);
  sim.record(
    TraceCode['saga-step'],
    -1,
    call.callee.index,
    step.edge.index,
    ok ? Word.ok : Word.failed,
    step.step,
    inst.correlation,
  );
  const firstFailure = inst.failedStep === undefined;
  // Where the saga is: where its latest outcome became known, or where it first failed.
  if (!def.orchestrated && firstFailure) inst.at = call.settledAtCallee ? call.callee : call.caller;
  if (ok) {
    inst.completedSteps.push(step.step);
    inst.doneIndexes.push(k);
  } else {
    if (firstFailure) inst.failedStep = step.step;
    // A step that timed out may have happened all the same: it is compensated too (compensations
    // must cope with "nothing to undo"). A step that failed or was refused left nothing behind.
    if (call.lastFailure === Word.timeout) {
      inst.uncertainStep ??= step.step;
      inst.uncertainIndexes.push(k);
    }
  }
  // The stage's other reactions are still under way: their outcomes decide what is undone.
  if (inst.pending.length > 0) return;
  if (inst.failedStep === undefined) {
    if (inst.stage + 1 < def.stages.length) startStage(sim, inst, inst.stage + 1);
    else end(sim, inst, 'completed');
    return;
  }
  inst.status = 'compensating';
  inst.undo = [...inst.uncertainIndexes, ...[...inst.doneIndexes].reverse()];
  compensateNext(sim, inst);
}

/** Starts the next compensation, or ends the saga compensated when nothing is left to undo. */
function compensateNext(sim: Simulation, inst: SagaInstance): void {
  const j = inst.undo.shift();
  if (j === undefined) {
    end(sim, inst, 'compensated');
    return;
  }
  inst.cursor = j;
  compensate(sim, inst, j);
}

/**
 * Compensates step index `j`. Orchestrated: from the orchestrator. Choreographed: from where the saga
 * is now — the participant itself (no network), the next participant back along the edge of a step
 * that followed it, the sender of step j forward along its edge (after a timeout) — or, when the saga
 * failed in a sibling reaction, first a failure event back to the service both reacted to.
 */
function compensate(sim: Simulation, inst: SagaInstance, j: number): void {
  const def = inst.def;
  const step = def.steps[j]!;
  const participant = step.edge.to;
  // Object literals, not spreads: a spread copies its source property by property.
  let call: Call;
  if (def.orchestrated)
    call = newCall(sim, inst, {
      step: j,
      edge: step.edge,
      caller: def.starter,
      callee: participant,
      compensation: true,
    });
  else {
    const at = inst.at;
    const back = stepBetween(def, def.stageOf[j]! + 1, participant, at);
    const relay = def.parallel && !back && at !== participant && at !== step.edge.from;
    const toSibling = relay ? stepBetween(def, def.stageOf[j]!, step.edge.from, at) : undefined;
    if (at === participant) {
      call = newCall(sim, inst, {
        step: j,
        edge: step.edge,
        caller: participant,
        callee: participant,
        compensation: true,
      });
      call.local = true;
    } else if (back)
      call = newCall(sim, inst, {
        step: j,
        edge: back.edge,
        caller: at,
        callee: participant,
        reversed: true,
        compensation: true,
      });
    else if (toSibling) {
      relayFailure(sim, inst, j, toSibling);
      return;
    } else
      call = newCall(sim, inst, {
        step: j,
        edge: step.edge,
        caller: step.edge.from,
        callee: participant,
        compensation: true,
      });
  }
  sim.record(
    TraceCode.compensation,
    -1,
    participant.index,
    call.edge.index,
    Word.started,
    step.step,
    inst.correlation,
  );
  startCall(sim, call);
}

/** A step of stage `s` whose edge goes from `from` to `to`, if the saga has one. */
function stepBetween(def: SagaDefinition, s: number, from: Service, to: Service): SagaStep | undefined {
  for (const i of def.stages[s] ?? []) {
    const e = def.steps[i]!.edge;
    if (e.from === from && e.to === to) return def.steps[i];
  }
  return undefined;
}

/**
 * The saga failed at a reaction (`sibling`'s participant, where it is now) beside the one step j's
 * compensation undoes: the failure event ("ChargeCard failed") goes back along the sibling's edge to
 * the service both reacted to, which then sends step j's compensation (compensate, once it is there).
 */
function relayFailure(sim: Simulation, inst: SagaInstance, j: number, sibling: SagaStep): void {
  inst.relaying = true;
  const call = newCall(sim, inst, {
    step: j,
    edge: sibling.edge,
    caller: inst.at,
    callee: sibling.edge.from,
    reversed: true,
    compensation: true,
    type: `${sibling.action} failed`,
  });
  startCall(sim, call);
}

/** A compensation finished (it only fails for good on the hop limit: then the saga is stuck). */
function onCompensationDone(sim: Simulation, inst: SagaInstance, call: Call, ok: boolean): void {
  const step = inst.def.steps[call.stepIndex]!;
  settle(inst, call);
  if (inst.status !== 'compensating') return;
  if (!ok) {
    end(sim, inst, 'stuck');
    return;
  }
  if (inst.relaying) {
    // The failure event has arrived: from here step j's compensation goes out.
    inst.relaying = false;
    inst.at = call.callee;
    compensate(sim, inst, call.stepIndex);
    return;
  }
  inst.compensatedSteps.push(step.step);
  inst.undoneIndexes.push(call.stepIndex);
  if (!inst.def.orchestrated) inst.at = call.callee;
  sim.record(
    TraceCode.compensation,
    -1,
    call.callee.index,
    call.edge.index,
    Word.done,
    step.step,
    inst.correlation,
  );
  sim.effect(EffectCode.compensated, call.callee.index, call.edge.index, -1);
  compensateNext(sim, inst);
}

/** The orchestrator crashed while this step was under way: the instance waits for the orchestrator. */
function suspendOnAbandon(sim: Simulation, inst: SagaInstance, call: Call): void {
  settle(inst, call);
  inst.suspended = true;
  const step = inst.def.steps[call.stepIndex]!;
  sim.record(
    TraceCode['saga-step'],
    -1,
    inst.def.starter.index,
    step.edge.index,
    Word.suspended,
    step.step,
    inst.correlation,
  );
}

/** A crashed orchestrator abandons the steps of the sagas it drives (its saga log keeps them). */
function suspendSagas(sim: Simulation, service: Service): void {
  for (const inst of [...sim.liveSagas])
    if (inst.def.orchestrated && inst.def.starter === service)
      for (const call of [...inst.calls]) abandonCall(sim, call);
}

/**
 * The orchestrator is back: from its saga log it resends what each suspended instance was on — the
 * actions of its stage that have no outcome yet (they may have happened: participants should be
 * idempotent), or the compensation.
 */
function resumeSagas(sim: Simulation, service: Service): void {
  for (const inst of [...sim.liveSagas]) {
    if (!inst.suspended || inst.def.starter !== service) continue;
    inst.suspended = false;
    const resent = inst.status === 'running' ? inst.pending : [inst.cursor];
    for (const k of resent) {
      const step = inst.def.steps[k]!;
      sim.record(
        TraceCode['saga-step'],
        -1,
        service.index,
        step.edge.index,
        Word.resumed,
        step.step,
        inst.correlation,
      );
    }
    if (inst.status === 'running') for (const k of [...inst.pending]) sendAction(sim, inst, k);
    else compensate(sim, inst, inst.cursor);
  }
}

function end(sim: Simulation, inst: SagaInstance, status: 'completed' | 'compensated' | 'stuck'): void {
  const def = inst.def;
  inst.status = status;
  inst.calls = [];
  // A switch, not `def[status]++`: a property named by a variable is a slow, generic access.
  if (status === 'completed') def.completed++;
  else if (status === 'compensated') def.compensated++;
  else def.stuck++;
  sim.record(TraceCode['saga-ended'], -1, def.starter.index, -1, Word[status], inst.id, inst.correlation);
  const list = sim.liveSagas;
  const last = list.pop()!;
  if (last !== inst) {
    list[inst.listIndex] = last;
    last.listIndex = inst.listIndex;
  }
  inst.listIndex = -1;
  sim.rememberSaga(inst);
}

/** At the end of the run, instances still compensating are stuck; those still running stay running. */
function markStuck(sim: Simulation): void {
  for (const inst of [...sim.liveSagas]) {
    if (inst.status !== 'compensating') continue;
    // The compensation under way will never finish now.
    for (const call of inst.calls) stopCall(sim, call, Word.stuck);
    end(sim, inst, 'stuck');
  }
}

/** Saga edges: the steps of a saga, started by the saga's trigger (never by a handled message directly). */
export const sagaEdges: EdgeBehaviour = {
  // A saga's steps are not triggered one by one: its start is routed from its starter (see routeFor).
  route(): void {},

  // A saga step's own handling doesn't start its saga again.
  perform(sim: Simulation, job: Message, action: Action): boolean {
    if (job.saga === null || job.saga.def !== action.saga)
      startSaga(sim, action.saga!, job.id, job.correlation, job.hop + 1);
    return false;
  },

  sendFromClient(sim: Simulation, _client: Service, action: Action, correlation: number): void {
    startSaga(sim, action.saga!, -1, correlation, 1);
  },

  serviceDown: suspendSagas,
  serviceUp: resumeSagas,
  runEnded: markStuck,
};

/** An orchestrator (or choreographed participant) waiting for a step's action. */
export const sagaActionOwner: CallOwnerBehaviour = {
  done: (sim, call, ok) => onSagaActionDone(sim, call.ownerObject as SagaInstance, call, ok),
  abandoned: (sim, call) => suspendOnAbandon(sim, call.ownerObject as SagaInstance, call),
};

/** A saga waiting for a compensation. */
export const sagaCompensationOwner: CallOwnerBehaviour = {
  done: (sim, call, ok) => onCompensationDone(sim, call.ownerObject as SagaInstance, call, ok),
  abandoned: (sim, call) => suspendOnAbandon(sim, call.ownerObject as SagaInstance, call),
};
