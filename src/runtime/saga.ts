import { Call, Lk, Owner, SagaInst, type CallPolicy, type SagaDef } from './entities';
import { FX, W, type Sim } from './sim';
import { startCall } from './sync';
import { TR } from './trace';

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
export function startSaga(sim: Sim, def: SagaDef, cause: number, corr: number, hop: number): void {
  const inst = new SagaInst(++sim.nextSagaId, def, corr, hop, cause);
  def.started++;
  inst.listIdx = sim.liveSagas.length;
  sim.liveSagas.push(inst);
  sim.rec(TR['saga-started'], cause, def.starter.idx, -1, def.nameId, inst.id);
  sendAction(sim, inst, 0);
}

function sendAction(sim: Sim, inst: SagaInst, k: number): void {
  const def = inst.def;
  const step = def.steps[k]!;
  const caller = def.orchestrated ? def.starter : step.edge.from;
  const call = new Call(
    step.edge,
    caller,
    step.edge.to,
    false,
    step.action,
    Lk.SagaAction,
    def.actionPolicy,
    Owner.SagaAction,
    inst,
    inst.corr,
    inst.cause,
    inst.hop,
  );
  call.stepIndex = k;
  call.startedAt = sim.now;
  startCall(sim, call);
}

/** A step's outcome: go on to the next step, complete, or start compensating in reverse. */
export function onSagaActionDone(sim: Sim, inst: SagaInst, call: Call, ok: boolean): void {
  const k = call.stepIndex;
  const def = inst.def;
  const step = def.steps[k]!;
  sim.rec(TR['saga-step'], -1, call.callee.idx, step.edge.idx, ok ? W.ok : W.failed, step.step);
  if (ok) {
    inst.completedSteps.push(step.step);
    if (k + 1 < def.steps.length) sendAction(sim, inst, k + 1);
    else end(sim, inst, 'completed');
    return;
  }
  inst.failedStep = step.step;
  inst.status = 'compensating';
  compensate(sim, inst, k - 1);
}

/** Compensates step index `j` (then j−1 … 0): orchestrated from the orchestrator, choreographed back along the chain. */
function compensate(sim: Sim, inst: SagaInst, j: number): void {
  if (j < 0) {
    end(sim, inst, 'compensated');
    return;
  }
  const def = inst.def;
  const step = def.steps[j]!;
  const participant = step.edge.to;
  const next = def.steps[j + 1];
  let call: Call;
  if (!def.orchestrated && next && next.edge.from === participant) {
    call = new Call(
      next.edge,
      next.edge.to,
      participant,
      true,
      step.compensation,
      Lk.Compensation,
      def.compensationPolicy,
      Owner.SagaCompensation,
      inst,
      inst.corr,
      inst.cause,
      inst.hop,
    );
  } else {
    const caller = def.orchestrated ? def.starter : step.edge.from;
    call = new Call(
      step.edge,
      caller,
      participant,
      false,
      step.compensation,
      Lk.Compensation,
      def.compensationPolicy,
      Owner.SagaCompensation,
      inst,
      inst.corr,
      inst.cause,
      inst.hop,
    );
  }
  call.stepIndex = j;
  call.startedAt = sim.now;
  sim.rec(TR.compensation, -1, participant.idx, call.edge.idx, W.started, step.step);
  startCall(sim, call);
}

/** A compensation finished (it only fails for good on the hop limit: then the saga is stuck). */
export function onCompensationDone(sim: Sim, inst: SagaInst, call: Call, ok: boolean): void {
  const step = inst.def.steps[call.stepIndex]!;
  if (inst.status !== 'compensating') return;
  if (!ok) {
    end(sim, inst, 'stuck');
    return;
  }
  inst.compensatedSteps.push(step.step);
  sim.rec(TR.compensation, -1, call.callee.idx, call.edge.idx, W.done, step.step);
  sim.effect(FX.compensated, call.callee.idx, call.edge.idx, -1);
  compensate(sim, inst, call.stepIndex - 1);
}

function end(sim: Sim, inst: SagaInst, status: 'completed' | 'compensated' | 'stuck'): void {
  const def = inst.def;
  inst.status = status;
  def[status]++;
  sim.rec(TR['saga-ended'], -1, def.starter.idx, -1, W[status], inst.id);
  const list = sim.liveSagas;
  const last = list.pop()!;
  if (last !== inst) {
    list[inst.listIdx] = last;
    last.listIdx = inst.listIdx;
  }
  inst.listIdx = -1;
  sim.recentSagas.push(inst);
  if (sim.recentSagas.length > RECENT_SAGAS) sim.recentSagas.shift();
}

/** At the end of the run, instances still compensating are stuck. */
export function markStuck(sim: Sim): void {
  for (const inst of [...sim.liveSagas]) if (inst.status === 'compensating') end(sim, inst, 'stuck');
}
