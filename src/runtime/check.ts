import type { InvariantReport } from './api';
import { Mk, St, type Msg } from './entities';
import type { Sim } from './sim';

const NAMES = ['in flight', 'waiting', 'handling', 'delivered', 'dead-lettered', 'dropped'];
const MAX_VIOLATIONS = 50;

/**
 * Checks message conservation and saga accounting. Each message must sit in exactly one structure
 * that matches its state, and every counter kept along the way (per service, queue, topic, edge,
 * client, saga and pending request) must agree with what those structures hold: the counters are
 * updated on different code paths than the structures, so a path that forgets one shows up here.
 * Cheap enough to call at any moment.
 */
export function checkInvariants(sim: Sim): InvariantReport {
  const violations = checkMessages(sim);
  const conservation = violations.length === 0;
  const sagaViolations = checkSagas(sim);
  return { conservation, sagas: sagaViolations.length === 0, violations: [...violations, ...sagaViolations] };
}

function checkMessages(sim: Sim): string[] {
  const out: string[] = [];
  const fail = (s: string) => {
    if (out.length < MAX_VIOLATIONS) out.push(s);
  };
  const expect = (m: Msg, s: St, where: string) => {
    if (m.state !== s) fail(`m${m.id} is ${NAMES[m.state]} but sits ${where}`);
  };
  const c = sim.counts;
  for (let s = 0; s < 6; s++) if (c[s]! < 0) fail(`${NAMES[s]} count is negative (${c[s]})`);

  // What is on the wire, per channel and per consumer slot it reserved.
  const nq = sim.queues.length;
  const qWire = new Float64Array(nq);
  const qToConsumers = new Float64Array(nq);
  const qHandling = new Float64Array(nq);
  const tWire = new Float64Array(sim.topics.length);
  const reserved = new Float64Array(sim.svcs.length);
  let onWire = 0;
  sim.forEachInFlight((m) => {
    onWire++;
    expect(m, St.InFlight, 'on the wire');
    if (m.kind >= Mk.Queue) {
      qWire[m.queue!.idx]!++;
      if (m.leg === 1) {
        qToConsumers[m.queue!.idx]!++;
        reserved[m.dst.idx]!++;
      }
    } else if (m.kind === Mk.Event) tWire[m.sub!.topic.idx]!++;
  });
  if (c[St.InFlight] !== onWire) fail(`${c[St.InFlight]} counted in flight but ${onWire} on the wire`);

  let waiting = 0;
  let handling = 0;
  let openCalls = 0;
  let clientCalls = 0;
  let pendingReplies = 0;
  for (const svc of sim.svcs) {
    waiting += svc.inbox.length;
    svc.inbox.forEach((m) => expect(m, St.Waiting, `in ${svc.id}'s inbox`));
    let waitingJobs = 0;
    svc.jobs.forEach((m, i) => {
      expect(m, St.Handling, `on a slot of ${svc.id}`);
      if (m.dst !== svc || m.jobIdx !== i) fail(`m${m.id} is listed as ${svc.id}'s job but is not`);
      if (m.kind >= Mk.Queue) qHandling[m.queue!.idx]!++;
      if (m.outCall !== null) {
        waitingJobs++;
        openCalls++;
        if (m.outCall.done) fail(`m${m.id} waits on a call that has ended`);
      }
    });
    handling += svc.jobs.length;
    clientCalls += svc.clientCalls.length;
    pendingReplies += svc.pendingReplies.size;
    let rep = 0;
    for (const u of svc.replicaUsed) rep += u;
    if (rep !== svc.used) fail(`${svc.id}: replicas hold ${rep} slots but ${svc.used} are counted`);
    if (svc.used !== svc.jobs.length + reserved[svc.idx]!)
      fail(
        `${svc.id}: ${svc.used} slots used but ${svc.jobs.length} jobs and ${reserved[svc.idx]} deliveries on the way`,
      );
    if (svc.used > svc.capacity) fail(`${svc.id}: ${svc.used} slots used of ${svc.capacity}`);
    if (svc.waiting !== waitingJobs)
      fail(`${svc.id}: ${svc.waiting} counted waiting but ${waitingJobs} jobs wait on a call`);
    const accounted = svc.handled + svc.failed + svc.inbox.length + svc.jobs.length + svc.refused;
    if (svc.received !== accounted)
      fail(
        `${svc.id}: received ${svc.received} but handled, failed, refused, waiting and handling make ${accounted}`,
      );
  }
  openCalls += clientCalls;

  for (const q of sim.queues) {
    waiting += q.fifo.length;
    q.fifo.forEach((m) => expect(m, St.Waiting, `in queue ${q.name}`));
    const where = qWire[q.idx]! + q.fifo.length + qHandling[q.idx]! + q.acked + q.deadLettered + q.dropped;
    if (q.published !== where)
      fail(
        `queue ${q.name}: ${q.published} published but ${where} on the wire, queued, handled, acked, dead-lettered or dropped`,
      );
    if (q.inFlightToConsumers !== qToConsumers[q.idx])
      fail(
        `queue ${q.name}: ${q.inFlightToConsumers} counted on the way to consumers but ${qToConsumers[q.idx]} on the wire`,
      );
    if (q.redelivered > q.delivered || q.delivered - q.redelivered > q.published)
      fail(
        `queue ${q.name}: ${q.delivered} deliveries, ${q.redelivered} redeliveries of ${q.published} messages`,
      );
  }
  for (const t of sim.topics) {
    let held = 0;
    for (const sub of t.subs) {
      held += sub.held.length;
      sub.held.forEach((m) => expect(m, St.Waiting, `held by topic ${t.name}`));
    }
    if (held !== t.depth) fail(`topic ${t.name}: depth ${t.depth} but ${held} copies held`);
    waiting += held;
    const where = tWire[t.idx]! + held + t.delivered - t.returned + t.dropped;
    if (t.copies !== where)
      fail(`topic ${t.name}: ${t.copies} copies but ${where} on the wire, held, delivered or dropped`);
    if (t.copies !== t.published * t.subs.length)
      fail(`topic ${t.name}: ${t.copies} copies of ${t.published} events for ${t.subs.length} subscribers`);
    let onEdges = 0;
    for (const sub of t.subs) for (const e of sub.edges) onEdges += e.sent;
    if (onEdges !== t.copies)
      fail(`topic ${t.name}: its edges sent ${onEdges} copies but it made ${t.copies}`);
  }
  if (c[St.Waiting] !== waiting)
    fail(`${c[St.Waiting]} counted waiting but ${waiting} in inboxes and queues`);
  if (c[St.Handling] !== handling || sim.activeJobs !== handling)
    fail(`${c[St.Handling]} counted handling, ${sim.activeJobs} jobs active, ${handling} on slots`);
  let dropped = 0;
  for (const n of sim.dropReasons.values()) dropped += n;
  if (dropped !== c[St.Dropped]) fail(`${c[St.Dropped]} dropped but ${dropped} with a reason`);

  checkCalls(sim, fail, openCalls, clientCalls);
  if (pendingReplies !== sim.pendingReplies)
    fail(`${sim.pendingReplies} async requests counted pending but producers hold ${pendingReplies}`);
  return out;
}

/** Request/reply accounting per edge (checked against the timeout lanes) and per client. */
function checkCalls(
  sim: Sim,
  fail: (s: string) => void,
  jobAndClientCalls: number,
  clientCalls: number,
): void {
  const pending = new Float64Array(sim.edges.length);
  const trials = new Float64Array(sim.edges.length);
  const lanes = new Set(sim.edges.map((e) => e.policy?.lane));
  for (const d of sim.sagas) lanes.add(d.actionPolicy.lane).add(d.compensationPolicy.lane);
  for (const lane of lanes) {
    if (!lane) continue;
    let live = 0;
    lane.forEachLive((call) => {
      live++;
      pending[call.edge.idx]!++;
      if (call.trial) trials[call.edge.idx]!++;
    });
    if (live !== lane.live) fail(`a timeout lane counts ${lane.live} pending attempts but holds ${live}`);
  }
  for (const e of sim.edges) {
    if (e.kind !== 'sync' && e.kind !== 'saga') continue;
    if (e.pending !== pending[e.idx])
      fail(`edge ${e.id}: ${e.pending} attempts counted pending but ${pending[e.idx]} await a timeout`);
    const settled = e.ok + e.failed + e.pending + e.abandoned;
    if (e.sent !== settled)
      fail(`edge ${e.id}: ${e.sent} sent but ${settled} succeeded, failed, pending or abandoned`);
    if (e.timedOut > e.failed) fail(`edge ${e.id}: ${e.timedOut} timed out but only ${e.failed} failed`);
    // A half-open breaker waits on exactly the one trial it let through, and that trial is pending.
    if (trials[e.idx]! !== (e.trialOut ? 1 : 0))
      fail(
        `edge ${e.id}: breaker ${e.trialOut ? 'waits on a trial' : 'has no trial out'} but ${trials[e.idx]} pending`,
      );
  }
  let sagaCalls = 0;
  for (const inst of sim.liveSagas) if (inst.call !== null && !inst.call.done) sagaCalls++;
  if (sim.openCalls !== jobAndClientCalls + sagaCalls)
    fail(
      `${sim.openCalls} calls counted open but jobs, clients and sagas hold ${jobAndClientCalls + sagaCalls}`,
    );
  const r = sim.requests;
  const accounted = r.succeeded + r.failed + r.timedOut + clientCalls;
  if (r.sent !== accounted)
    fail(`${r.sent} client requests sent but ${accounted} succeeded, failed, timed out or in progress`);
}

function checkSagas(sim: Sim): string[] {
  const out: string[] = [];
  const fail = (s: string) => {
    if (out.length < MAX_VIOLATIONS) out.push(s);
  };
  const live = new Map<string, number>();
  for (const inst of sim.liveSagas) {
    live.set(inst.def.name, (live.get(inst.def.name) ?? 0) + 1);
    if (inst.status !== 'running' && inst.status !== 'compensating')
      fail(`saga instance ${inst.id} is ${inst.status} but still listed as live`);
    if (inst.suspended && (!inst.def.orchestrated || inst.def.starter.down === 0))
      fail(`saga instance ${inst.id} is suspended but its orchestrator is not down`);
    if (!inst.suspended && !sim.finished && (inst.call === null || inst.call.done))
      fail(`saga instance ${inst.id} is ${inst.status} but has no step under way`);
  }
  for (const def of sim.sagas) {
    const accounted = def.completed + def.compensated + def.stuck + (live.get(def.name) ?? 0);
    if (accounted !== def.started)
      fail(`saga ${def.name}: ${def.started} started but ${accounted} accounted for`);
  }
  for (const inst of [...sim.liveSagas, ...sim.recentSagas]) {
    const done = inst.completedSteps;
    const undone = inst.compensatedSteps;
    // Undone in reverse: the step that timed out (it may have happened) first, then the completed ones.
    const toUndo = [
      ...(inst.uncertainStep !== undefined ? [inst.uncertainStep] : []),
      ...[...done].reverse(),
    ];
    if (undone.some((s, i) => s !== toUndo[i]))
      fail(`saga instance ${inst.id}: compensated ${undone.join(',')} after completing ${done.join(',')}`);
    if (inst.status === 'completed' && done.length !== inst.def.steps.length)
      fail(`saga instance ${inst.id} completed after ${done.length} of ${inst.def.steps.length} steps`);
    if (inst.status === 'compensated' && undone.length !== toUndo.length)
      fail(`saga instance ${inst.id} compensated ${undone.length} of ${toUndo.length} steps`);
  }
  return out;
}
