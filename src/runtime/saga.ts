import type { CallOwnerBehaviour, EdgeBehaviour } from './behaviours';
import { abandonCall, startCall, stopCall } from './calls';
import {
  Call,
  Look,
  CallOwner,
  type Action,
  type CallPolicy,
  type Edge,
  type Message,
  type Service,
} from './entities';
import { SagaInstance, type SagaDefinition } from './sagaState';
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
const RECENT_SAGAS = 200;

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
  sim.record(TraceCode['saga-started'], cause, def.starter.index, -1, def.nameId, inst.id);
  sendAction(sim, inst, 0);
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
}

/** A call for a step of `inst`, which becomes the instance's step under way. */
function newCall(sim: Simulation, inst: SagaInstance, spec: StepCall): Call {
  const def = inst.def;
  const step = def.steps[spec.step]!;
  const compensation = spec.compensation;
  const call = new Call({
    edge: spec.edge,
    caller: spec.caller,
    callee: spec.callee,
    reversed: spec.reversed === true,
    type: compensation ? step.compensation : step.action,
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
  inst.cursor = spec.step;
  inst.call = call;
  return call;
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

/** A step's outcome: go on to the next step, complete, or start compensating in reverse. */
function onSagaActionDone(sim: Simulation, inst: SagaInstance, call: Call, ok: boolean): void {
  const k = call.stepIndex;
  const def = inst.def;
  const step = def.steps[k]!;
  inst.call = null;
  sim.record(
    TraceCode['saga-step'],
    -1,
    call.callee.index,
    step.edge.index,
    ok ? Word.ok : Word.failed,
    step.step,
  );
  if (!def.orchestrated) inst.at = call.settledAtCallee ? call.callee : call.caller;
  if (ok) {
    inst.completedSteps.push(step.step);
    if (k + 1 < def.steps.length) sendAction(sim, inst, k + 1);
    else end(sim, inst, 'completed');
    return;
  }
  inst.failedStep = step.step;
  inst.status = 'compensating';
  // A step that timed out may have happened all the same: it is compensated too (compensations
  // must cope with "nothing to undo"). A step that failed or was refused left nothing behind.
  if (call.lastFailure === Word.timeout) {
    inst.uncertainStep = step.step;
    compensate(sim, inst, k);
  } else compensate(sim, inst, k - 1);
}

/**
 * Compensates step index `j` (then j−1 … 0). Orchestrated: from the orchestrator. Choreographed:
 * from where the saga is now — the participant itself (no network), the next participant back along
 * the next step's edge, or the sender of step j forward along its edge (after a timeout).
 */
function compensate(sim: Simulation, inst: SagaInstance, j: number): void {
  if (j < 0) {
    end(sim, inst, 'compensated');
    return;
  }
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
    const next = def.steps[j + 1];
    if (at === participant) {
      call = newCall(sim, inst, {
        step: j,
        edge: step.edge,
        caller: participant,
        callee: participant,
        compensation: true,
      });
      call.local = true;
    } else if (next && next.edge.from === participant && next.edge.to === at)
      call = newCall(sim, inst, {
        step: j,
        edge: next.edge,
        caller: at,
        callee: participant,
        reversed: true,
        compensation: true,
      });
    else
      call = newCall(sim, inst, {
        step: j,
        edge: step.edge,
        caller: step.edge.from,
        callee: participant,
        compensation: true,
      });
  }
  sim.record(TraceCode.compensation, -1, participant.index, call.edge.index, Word.started, step.step);
  startCall(sim, call);
}

/** A compensation finished (it only fails for good on the hop limit: then the saga is stuck). */
function onCompensationDone(sim: Simulation, inst: SagaInstance, call: Call, ok: boolean): void {
  const step = inst.def.steps[call.stepIndex]!;
  inst.call = null;
  if (inst.status !== 'compensating') return;
  if (!ok) {
    end(sim, inst, 'stuck');
    return;
  }
  inst.compensatedSteps.push(step.step);
  if (!inst.def.orchestrated) inst.at = call.callee;
  sim.record(TraceCode.compensation, -1, call.callee.index, call.edge.index, Word.done, step.step);
  sim.effect(EffectCode.compensated, call.callee.index, call.edge.index, -1);
  compensate(sim, inst, call.stepIndex - 1);
}

/** The orchestrator crashed while this instance's step was under way: it waits for the orchestrator. */
function suspendOnAbandon(sim: Simulation, inst: SagaInstance): void {
  inst.call = null;
  inst.suspended = true;
  const step = inst.def.steps[inst.cursor]!;
  sim.record(TraceCode['saga-step'], -1, inst.def.starter.index, step.edge.index, Word.suspended, step.step);
}

/** A crashed orchestrator abandons the steps of the sagas it drives (its saga log keeps them). */
function suspendSagas(sim: Simulation, service: Service): void {
  for (const inst of [...sim.liveSagas])
    if (inst.def.orchestrated && inst.def.starter === service && inst.call !== null)
      abandonCall(sim, inst.call);
}

/**
 * The orchestrator is back: from its saga log it resends the step each suspended instance was on —
 * the action (it may have happened: participants should be idempotent) or the compensation.
 */
function resumeSagas(sim: Simulation, service: Service): void {
  for (const inst of [...sim.liveSagas]) {
    if (!inst.suspended || inst.def.starter !== service) continue;
    inst.suspended = false;
    const step = inst.def.steps[inst.cursor]!;
    sim.record(TraceCode['saga-step'], -1, service.index, step.edge.index, Word.resumed, step.step);
    if (inst.status === 'running') sendAction(sim, inst, inst.cursor);
    else compensate(sim, inst, inst.cursor);
  }
}

function end(sim: Simulation, inst: SagaInstance, status: 'completed' | 'compensated' | 'stuck'): void {
  const def = inst.def;
  inst.status = status;
  inst.call = null;
  def[status]++;
  sim.record(TraceCode['saga-ended'], -1, def.starter.index, -1, Word[status], inst.id);
  const list = sim.liveSagas;
  const last = list.pop()!;
  if (last !== inst) {
    list[inst.listIndex] = last;
    last.listIndex = inst.listIndex;
  }
  inst.listIndex = -1;
  sim.recentSagas.push(inst);
  if (sim.recentSagas.length > RECENT_SAGAS) sim.recentSagas.shift();
}

/** At the end of the run, instances still compensating are stuck; those still running stay running. */
function markStuck(sim: Simulation): void {
  for (const inst of [...sim.liveSagas]) {
    if (inst.status !== 'compensating') continue;
    // The compensation under way will never finish now.
    if (inst.call !== null) stopCall(sim, inst.call, Word.stuck);
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
  abandoned: (sim, call) => suspendOnAbandon(sim, call.ownerObject as SagaInstance),
};

/** A saga waiting for a compensation. */
export const sagaCompensationOwner: CallOwnerBehaviour = {
  done: (sim, call, ok) => onCompensationDone(sim, call.ownerObject as SagaInstance, call, ok),
  abandoned: (sim, call) => suspendOnAbandon(sim, call.ownerObject as SagaInstance),
};
