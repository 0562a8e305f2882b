import type { InvariantReport } from './api';
import { St, type Msg } from './entities';
import type { Sim } from './sim';

const NAMES = ['in flight', 'waiting', 'handling', 'delivered', 'dead-lettered', 'dropped'];

/**
 * Checks message conservation (every message is in exactly one place, and the counters agree with
 * the structures that hold messages) and saga accounting. Cheap enough to call at any moment.
 */
export function checkInvariants(sim: Sim): InvariantReport {
  const violations: string[] = [];
  const c = sim.counts;
  let sum = 0;
  for (let s = 0; s < 6; s++) {
    if (c[s]! < 0) violations.push(`${NAMES[s]} count is negative (${c[s]})`);
    sum += c[s]!;
  }
  if (sum !== sim.created) violations.push(`${sim.created} messages created but ${sum} accounted for`);
  if (c[St.InFlight] !== sim.inFlight.length)
    violations.push(`${c[St.InFlight]} counted in flight but ${sim.inFlight.length} on the wire`);
  const expect = (m: Msg, s: St, where: string) => {
    if (m.state !== s && violations.length < 20)
      violations.push(`m${m.id} is ${NAMES[m.state]} but sits ${where}`);
  };
  for (const m of sim.inFlight) expect(m, St.InFlight, 'on the wire');
  let waiting = 0;
  for (const svc of sim.svcs) {
    waiting += svc.inbox.length;
    svc.inbox.forEach((m) => expect(m, St.Waiting, `in ${svc.id}'s inbox`));
    let rep = 0;
    for (const u of svc.replicaUsed) rep += u;
    if (rep !== svc.used)
      violations.push(`${svc.id}: replicas hold ${rep} slots but ${svc.used} are counted`);
    if (svc.used > svc.capacity || svc.waiting > svc.used || svc.waiting < 0)
      violations.push(`${svc.id}: ${svc.used} slots used (${svc.waiting} waiting) of ${svc.capacity}`);
  }
  for (const q of sim.queues) {
    waiting += q.fifo.length;
    q.fifo.forEach((m) => expect(m, St.Waiting, `in queue ${q.name}`));
    if (q.inFlightToConsumers < 0) violations.push(`queue ${q.name}: negative deliveries in flight`);
  }
  for (const t of sim.topics) {
    let held = 0;
    for (const f of t.held.values()) {
      held += f.length;
      f.forEach((m) => expect(m, St.Waiting, `held by topic ${t.name}`));
    }
    if (held !== t.depth) violations.push(`topic ${t.name}: depth ${t.depth} but ${held} copies held`);
    waiting += held;
  }
  if (c[St.Waiting] !== waiting)
    violations.push(`${c[St.Waiting]} counted waiting but ${waiting} in inboxes and queues`);
  if (c[St.Handling] !== sim.activeJobs)
    violations.push(`${c[St.Handling]} counted handling but ${sim.activeJobs} handlings in progress`);
  let dropped = 0;
  for (const n of sim.dropReasons.values()) dropped += n;
  if (dropped !== c[St.Dropped]) violations.push(`${c[St.Dropped]} dropped but ${dropped} with a reason`);
  const conservation = violations.length === 0;

  const sagaViolations: string[] = [];
  const live = new Map<string, number>();
  for (const inst of sim.liveSagas) {
    live.set(inst.def.name, (live.get(inst.def.name) ?? 0) + 1);
    if (inst.status !== 'running' && inst.status !== 'compensating')
      sagaViolations.push(`saga instance ${inst.id} is ${inst.status} but still listed as live`);
  }
  for (const def of sim.sagas) {
    const accounted = def.completed + def.compensated + def.stuck + (live.get(def.name) ?? 0);
    if (accounted !== def.started)
      sagaViolations.push(`saga ${def.name}: ${def.started} started but ${accounted} accounted for`);
  }
  for (const inst of [...sim.liveSagas, ...sim.recentSagas]) {
    const done = inst.completedSteps;
    const undone = inst.compensatedSteps;
    const reversed = [...done].reverse().slice(0, undone.length);
    if (undone.some((s, i) => s !== reversed[i]))
      sagaViolations.push(
        `saga instance ${inst.id}: compensated ${undone.join(',')} after completing ${done.join(',')}`,
      );
    if (inst.status === 'completed' && done.length !== inst.def.steps.length)
      sagaViolations.push(
        `saga instance ${inst.id} completed after ${done.length} of ${inst.def.steps.length} steps`,
      );
    if (inst.status === 'compensated' && undone.length !== done.length)
      sagaViolations.push(`saga instance ${inst.id} compensated ${undone.length} of ${done.length} steps`);
  }
  return { conservation, sagas: sagaViolations.length === 0, violations: [...violations, ...sagaViolations] };
}
