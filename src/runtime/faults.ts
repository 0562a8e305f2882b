import type { Fault } from '../model/schema';
import { Mk, St, type Svc } from './entities';
import { dropOrphanedBacklog, pump } from './queue';
import { resumeSagas, suspendSagas } from './saga';
import { abortJobs, freeSlot } from './services';
import type { Sim } from './sim';
import { abandonCall, sendReply } from './sync';
import { releaseHeld, returnToSubscription } from './topic';
import { TR } from './trace';

/** A fault as the run applies it. */
export interface ActiveFault {
  fault: Fault;
  svc: Svc | null;
  edgeIdx: number;
  /** Its position in the run's fault list: orders fault events that share a moment and a start. */
  index: number;
}

/** A fault starting or ending. */
interface FaultEvent {
  time: number;
  f: ActiveFault;
  end: boolean;
}

/** Order of fault events: by time, then by when their fault started, then list position; a start before its own end. */
function before(a: FaultEvent, b: FaultEvent): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.f.fault.atMs !== b.f.fault.atMs) return a.f.fault.atMs < b.f.fault.atMs;
  if (a.f.index !== b.f.index) return a.f.index < b.f.index;
  return !a.end && b.end;
}

/**
 * Fault starts and ends, kept apart from the event queue. Their order depends only on the fault list
 * (never on when they were scheduled), and at any moment they come after every ordinary event of that
 * moment: so a fault injected live and the same fault replayed from the recorded list apply at the
 * same place in the run.
 */
export class FaultAgenda {
  private readonly items: FaultEvent[] = [];
  /** The last fault event applied, or null. */
  last: FaultEvent | null = null;
  /** Time of the next fault event (Infinity when none). */
  nextTime = Infinity;

  /** Schedules a start or an end. */
  add(time: number, f: ActiveFault, end: boolean): void {
    const ev: FaultEvent = { time, f, end };
    let i = this.items.length;
    while (i > 0 && before(ev, this.items[i - 1]!)) i--;
    this.items.splice(i, 0, ev);
    this.nextTime = this.items[0]!.time;
  }

  /** Whether an end of `f` at `time` would sort before the fault event already applied last. */
  wouldPrecedeLast(time: number, f: ActiveFault): boolean {
    return this.last !== null && before({ time, f, end: true }, this.last);
  }

  /** Applies the next fault event. */
  runNext(sim: Sim): void {
    const ev = this.items.shift()!;
    this.nextTime = this.items.length > 0 ? this.items[0]!.time : Infinity;
    this.last = ev;
    sim.now = ev.time;
    if (ev.end) endFault(sim, ev.f);
    else startFault(sim, this, ev.f);
  }
}

/** Resolves a fault's target; throws a readable error for an unknown one. */
export function resolveFault(sim: Sim, fault: Fault, index: number): ActiveFault {
  if (fault.kind === 'cut') {
    const e = sim.edges.find((x) => x.id === fault.target);
    if (!e) throw new Error(`fault "${fault.id}": no edge with id "${fault.target}"`);
    return { fault, svc: null, edgeIdx: e.idx, index };
  }
  const svc = sim.svcs.find((s) => s.id === fault.target);
  if (!svc) throw new Error(`fault "${fault.id}": no service with id "${fault.target}"`);
  return { fault, svc, edgeIdx: -1, index };
}

/** Slow-down factors multiply, capped so that no handling time becomes infinite. */
const MAX_SLOW_FACTOR = 1e6;

/** Recomputes a service's combined slow-down and injected error rate from its active faults. */
function refreshFaultFactors(svc: Svc): void {
  svc.slowFactor = Math.min(
    MAX_SLOW_FACTOR,
    svc.slowFaults.reduce((a, b) => a * b, 1),
  );
  // Independent failures: the service succeeds only if every fault lets it.
  svc.injectedError = 1 - svc.errorFaults.reduce((a, r) => a * (1 - r), 1);
}

/** A fault begins. */
function startFault(sim: Sim, agenda: FaultAgenda, f: ActiveFault): void {
  const { fault, svc } = f;
  const n = fault.kind === 'slow' ? fault.factor : fault.kind === 'error' ? fault.rate : NaN;
  sim.rec(TR['fault-start'], -1, svc ? svc.idx : -1, f.edgeIdx, sim.d(fault.kind), n);
  if (svc) {
    if (fault.kind === 'down') goDown(sim, svc);
    else if (fault.kind === 'slow') {
      svc.slowFaults.push(fault.factor);
      refreshFaultFactors(svc);
    } else if (fault.kind === 'error') {
      svc.errorFaults.push(fault.rate);
      refreshFaultFactors(svc);
    }
  } else sim.edges[f.edgeIdx]!.cut++;
  if (fault.durationMs > 0) agenda.add(sim.now + fault.durationMs, f, true);
}

/** A fault ends. */
function endFault(sim: Sim, f: ActiveFault): void {
  const { fault, svc } = f;
  sim.rec(TR['fault-end'], -1, svc ? svc.idx : -1, f.edgeIdx, sim.d(fault.kind), NaN);
  if (svc) {
    if (fault.kind === 'down') comeUp(sim, svc);
    else if (fault.kind === 'slow') {
      svc.slowFaults.splice(svc.slowFaults.indexOf(fault.factor), 1);
      refreshFaultFactors(svc);
    } else if (fault.kind === 'error') {
      svc.errorFaults.splice(svc.errorFaults.indexOf(fault.rate), 1);
      refreshFaultFactors(svc);
    }
  } else {
    const e = sim.edges[f.edgeIdx]!;
    if (--e.cut > 0) return;
    // The edge is back: queues drawn on it deliver again, subscriptions cut off by it catch up.
    for (const q of sim.queues) pump(sim, q);
    if (e.sub) releaseHeld(sim, e.sub);
  }
}

/**
 * The service crashes. What it was handling is aborted (see abortJobs); requests waiting in its
 * inbox are refused; event copies there go back to their subscription; the calls it made as a client
 * are abandoned and the sagas it orchestrates wait for it; new arrivals are refused.
 */
function goDown(sim: Sim, svc: Svc): void {
  if (svc.down++ > 0) return;
  abortJobs(sim, svc);
  for (const m of svc.inbox.drain()) {
    if (m.kind === Mk.Request) {
      svc.refused++;
      sim.rec(TR.refused, m.id, svc.idx, m.edge.idx, -1, NaN);
      sim.setState(m, St.Delivered);
      sendReply(sim, m, false);
    } else returnToSubscription(sim, m);
  }
  for (const call of [...svc.clientCalls]) abandonCall(sim, call);
  suspendSagas(sim, svc);
  for (const q of svc.consumes) dropOrphanedBacklog(sim, q);
}

function comeUp(sim: Sim, svc: Svc): void {
  if (--svc.down > 0) return;
  for (const sub of svc.subs) releaseHeld(sim, sub);
  resumeSagas(sim, svc);
  freeSlot(sim, svc);
  for (const q of svc.consumes) pump(sim, q);
}
