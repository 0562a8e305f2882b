import type { InvariantReport } from './api';
import { MessageKind, MessageState, type Message } from './messages';
import type { Simulation } from './sim';

const NAMES = ['in flight', 'waiting', 'handling', 'delivered', 'dead-lettered', 'dropped'];
const MAX_VIOLATIONS = 50;

/**
 * Checks message conservation and saga accounting. Each message must sit in exactly one structure
 * that matches its state, and every counter kept along the way (per service, queue, topic, edge,
 * client, saga and pending request) must agree with what those structures hold: the counters are
 * updated on different code paths than the structures, so a path that forgets one shows up here.
 * Cheap enough to call at any moment.
 */
export function checkInvariants(sim: Simulation): InvariantReport {
  const violations = checkMessages(sim);
  const conservation = violations.length === 0;
  const sagaViolations = checkSagas(sim);
  return { conservation, sagas: sagaViolations.length === 0, violations: [...violations, ...sagaViolations] };
}

function checkMessages(sim: Simulation): string[] {
  const out: string[] = [];
  const fail = (s: string) => {
    if (out.length < MAX_VIOLATIONS) out.push(s);
  };
  const expect = (m: Message, s: MessageState, where: string) => {
    if (m.state !== s) fail(`m${m.id} is ${NAMES[m.state]} but sits ${where}`);
  };
  const c = sim.messageCounts;
  for (let s = 0; s < 6; s++) if (c[s]! < 0) fail(`${NAMES[s]} count is negative (${c[s]})`);

  // What is on the wire, per channel and per consumer slot it reserved.
  const nq = sim.queues.length;
  const qWire = new Float64Array(nq);
  const qToConsumers = new Float64Array(nq);
  const qHandling = new Float64Array(nq);
  const tWire = new Float64Array(sim.topics.length);
  const reserved = new Float64Array(sim.services.length);
  let onWire = 0;
  sim.forEachInFlight((m) => {
    onWire++;
    expect(m, MessageState.InFlight, 'on the wire');
    if (m.kind >= MessageKind.Queue) {
      qWire[m.queue!.index]!++;
      if (m.leg === 1) {
        qToConsumers[m.queue!.index]!++;
        reserved[m.target.index]!++;
      }
    } else if (m.kind === MessageKind.Event) tWire[m.sub!.topic.index]!++;
  });
  if (c[MessageState.InFlight] !== onWire)
    fail(`${c[MessageState.InFlight]} counted in flight but ${onWire} on the wire`);

  let waiting = 0;
  let handling = 0;
  let openCalls = 0;
  let clientCalls = 0;
  let pendingReplies = 0;
  for (const service of sim.services) {
    waiting += service.inbox.length;
    service.inbox.forEach((m) => expect(m, MessageState.Waiting, `in ${service.id}'s inbox`));
    let waitingJobs = 0;
    service.jobs.forEach((m, i) => {
      expect(m, MessageState.Handling, `on a slot of ${service.id}`);
      if (m.target !== service || m.jobIndex !== i)
        fail(`m${m.id} is listed as ${service.id}'s job but is not`);
      if (m.kind >= MessageKind.Queue) qHandling[m.queue!.index]!++;
      if (m.outCall !== null) {
        waitingJobs++;
        openCalls++;
        if (m.outCall.done) fail(`m${m.id} waits on a call that has ended`);
      }
    });
    handling += service.jobs.length;
    clientCalls += service.clientCalls.length;
    pendingReplies += service.pendingReplies.size;
    let rep = 0;
    for (const u of service.replicaUsed) rep += u;
    if (rep !== service.used)
      fail(`${service.id}: replicas hold ${rep} slots but ${service.used} are counted`);
    if (service.used !== service.jobs.length + reserved[service.index]!)
      fail(
        `${service.id}: ${service.used} slots used but ${service.jobs.length} jobs and ${reserved[service.index]} deliveries on the way`,
      );
    if (service.used > service.capacity)
      fail(`${service.id}: ${service.used} slots used of ${service.capacity}`);
    if (service.waiting !== waitingJobs)
      fail(`${service.id}: ${service.waiting} counted waiting but ${waitingJobs} jobs wait on a call`);
    const accounted =
      service.handled + service.failed + service.inbox.length + service.jobs.length + service.refused;
    if (service.received !== accounted)
      fail(
        `${service.id}: received ${service.received} but handled, failed, refused, waiting and handling make ${accounted}`,
      );
  }
  openCalls += clientCalls;

  for (const q of sim.queues) {
    waiting += q.fifo.length;
    q.fifo.forEach((m) => expect(m, MessageState.Waiting, `in queue ${q.name}`));
    const where =
      qWire[q.index]! + q.fifo.length + qHandling[q.index]! + q.acked + q.deadLettered + q.dropped;
    if (q.published !== where)
      fail(
        `queue ${q.name}: ${q.published} published but ${where} on the wire, queued, handled, acked, dead-lettered or dropped`,
      );
    if (q.inFlightToConsumers !== qToConsumers[q.index])
      fail(
        `queue ${q.name}: ${q.inFlightToConsumers} counted on the way to consumers but ${qToConsumers[q.index]} on the wire`,
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
      sub.held.forEach((m) => expect(m, MessageState.Waiting, `held by topic ${t.name}`));
    }
    if (held !== t.depth) fail(`topic ${t.name}: depth ${t.depth} but ${held} copies held`);
    waiting += held;
    const where = tWire[t.index]! + held + t.delivered - t.returned + t.dropped;
    if (t.copies !== where)
      fail(`topic ${t.name}: ${t.copies} copies but ${where} on the wire, held, delivered or dropped`);
    if (t.copies !== t.published * t.subs.length)
      fail(`topic ${t.name}: ${t.copies} copies of ${t.published} events for ${t.subs.length} subscribers`);
    let onEdges = 0;
    for (const sub of t.subs) for (const e of sub.edges) onEdges += e.sent;
    if (onEdges !== t.copies)
      fail(`topic ${t.name}: its edges sent ${onEdges} copies but it made ${t.copies}`);
  }
  if (c[MessageState.Waiting] !== waiting)
    fail(`${c[MessageState.Waiting]} counted waiting but ${waiting} in inboxes and queues`);
  if (c[MessageState.Handling] !== handling || sim.activeJobs !== handling)
    fail(`${c[MessageState.Handling]} counted handling, ${sim.activeJobs} jobs active, ${handling} on slots`);
  let dropped = 0;
  for (const n of sim.dropReasons.values()) dropped += n;
  if (dropped !== c[MessageState.Dropped])
    fail(`${c[MessageState.Dropped]} dropped but ${dropped} with a reason`);

  checkCalls(sim, fail, openCalls, clientCalls);
  if (pendingReplies !== sim.pendingReplies)
    fail(`${sim.pendingReplies} async requests counted pending but producers hold ${pendingReplies}`);
  return out;
}

/** Request/reply accounting per edge (checked against the timeout lanes) and per client. */
function checkCalls(
  sim: Simulation,
  fail: (s: string) => void,
  jobAndClientCalls: number,
  clientCalls: number,
): void {
  const pending = new Float64Array(sim.edges.length);
  const trials = new Float64Array(sim.edges.length);
  const lanes = new Set(sim.edges.map((e) => e.exchange?.policy?.lane));
  for (const d of sim.sagas) lanes.add(d.actionPolicy.lane).add(d.compensationPolicy.lane);
  for (const lane of lanes) {
    if (!lane) continue;
    let live = 0;
    lane.forEachLive((call) => {
      live++;
      pending[call.edge.index]!++;
      if (call.trial) trials[call.edge.index]!++;
    });
    if (live !== lane.live) fail(`a timeout lane counts ${lane.live} pending attempts but holds ${live}`);
  }
  for (const e of sim.edges) {
    const x = e.exchange;
    if (x === null) continue;
    if (x.pending !== pending[e.index])
      fail(`edge ${e.id}: ${x.pending} attempts counted pending but ${pending[e.index]} await a timeout`);
    const settled = x.ok + e.failed + x.pending + x.abandoned;
    if (e.sent !== settled)
      fail(`edge ${e.id}: ${e.sent} sent but ${settled} succeeded, failed, pending or abandoned`);
    if (x.timedOut > e.failed) fail(`edge ${e.id}: ${x.timedOut} timed out but only ${e.failed} failed`);
    // A half-open breaker waits on exactly the one trial it let through, and that trial is pending.
    const trialOut = e.breaker?.trialOut ?? false;
    if (trials[e.index]! !== (trialOut ? 1 : 0))
      fail(
        `edge ${e.id}: breaker ${trialOut ? 'waits on a trial' : 'has no trial out'} but ${trials[e.index]} pending`,
      );
  }
  let sagaCalls = 0;
  for (const inst of sim.liveSagas) for (const call of inst.calls) if (!call.done) sagaCalls++;
  if (sim.openCalls !== jobAndClientCalls + sagaCalls)
    fail(
      `${sim.openCalls} calls counted open but jobs, clients and sagas hold ${jobAndClientCalls + sagaCalls}`,
    );
  const r = sim.requests;
  const accounted = r.succeeded + r.failed + r.timedOut + clientCalls;
  if (r.sent !== accounted)
    fail(`${r.sent} client requests sent but ${accounted} succeeded, failed, timed out or in progress`);
  // Each client's own requests (the report's `clients`) account for themselves the same way.
  for (const s of sim.services) {
    const own = s.requests;
    if (own === null) continue;
    const settled = own.succeeded + own.failed + own.timedOut + s.clientCalls.length;
    if (own.sent !== settled)
      fail(
        `client ${s.id}: ${own.sent} requests sent but ${settled} succeeded, failed, timed out or in progress`,
      );
  }
}

function checkSagas(sim: Simulation): string[] {
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
    if (!inst.suspended && !sim.finished && !inst.calls.some((c) => !c.done))
      fail(`saga instance ${inst.id} is ${inst.status} but has no step under way`);
    if (inst.status === 'running' && !inst.suspended && inst.calls.length !== inst.pending.length)
      fail(
        `saga instance ${inst.id}: ${inst.calls.length} actions under way for ${inst.pending.length} pending steps`,
      );
  }
  for (const def of sim.sagas) {
    const accounted = def.completed + def.compensated + def.stuck + (live.get(def.name) ?? 0);
    if (accounted !== def.started)
      fail(`saga ${def.name}: ${def.started} started but ${accounted} accounted for`);
  }
  for (const inst of [...sim.liveSagas, ...sim.lastSagas()]) {
    const done = inst.doneIndexes;
    const undone = inst.undoneIndexes;
    // Undone in reverse: the steps that timed out (they may have happened) first, then the completed
    // ones, newest first. Nothing else is ever compensated: each participant undoes only what it did.
    const toUndo = [...inst.uncertainIndexes, ...[...done].reverse()];
    if (undone.some((s, i) => s !== toUndo[i]))
      fail(`saga instance ${inst.id}: compensated ${undone.join(',')} after completing ${done.join(',')}`);
    if (inst.status === 'completed' && done.length !== inst.def.steps.length)
      fail(`saga instance ${inst.id} completed after ${done.length} of ${inst.def.steps.length} steps`);
    if (inst.status === 'compensated' && undone.length !== toUndo.length)
      fail(`saga instance ${inst.id} compensated ${undone.length} of ${toUndo.length} steps`);
    // A stage starts only once every step before it is done.
    const reached = inst.def.stages.slice(0, inst.stage).flat();
    if (reached.some((i) => !done.includes(i)))
      fail(`saga instance ${inst.id} reached stage ${inst.stage + 1} before the stages before it were done`);
  }
  return out;
}
