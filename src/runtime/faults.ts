import type { Fault } from '../model/schema';
import { MessageKind, MessageState, type Service } from './entities';
import { dropOrphanedBacklog, pump } from './queue';
import { resumeSagas, suspendSagas } from './saga';
import { abortJobs, freeSlot } from './services';
import type { Simulation } from './sim';
import { abandonCall, sendReply } from './sync';
import { releaseHeld, returnToSubscription } from './topic';
import { TraceCode } from './trace';

/** A fault as the run applies it. */
export interface ActiveFault {
  fault: Fault;
  service: Service | null;
  edgeIndex: number;
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
  runNext(sim: Simulation): void {
    const ev = this.items.shift()!;
    this.nextTime = this.items.length > 0 ? this.items[0]!.time : Infinity;
    this.last = ev;
    sim.now = ev.time;
    if (ev.end) endFault(sim, ev.f);
    else startFault(sim, this, ev.f);
  }
}

/** Resolves a fault's target; throws a readable error for an unknown one. */
export function resolveFault(sim: Simulation, fault: Fault, index: number): ActiveFault {
  if (fault.kind === 'cut') {
    const e = sim.edges.find((x) => x.id === fault.target);
    if (!e) throw new Error(`fault "${fault.id}": no edge with id "${fault.target}"`);
    return { fault, service: null, edgeIndex: e.index, index };
  }
  const service = sim.services.find((s) => s.id === fault.target);
  if (!service) throw new Error(`fault "${fault.id}": no service with id "${fault.target}"`);
  return { fault, service, edgeIndex: -1, index };
}

/** Slow-down factors multiply, capped so that no handling time becomes infinite. */
const MAX_SLOW_FACTOR = 1e6;

/** Recomputes a service's combined slow-down and injected error rate from its active faults. */
function refreshFaultFactors(service: Service): void {
  service.slowFactor = Math.min(
    MAX_SLOW_FACTOR,
    service.slowFaults.reduce((a, b) => a * b, 1),
  );
  // Independent failures: the service succeeds only if every fault lets it.
  service.injectedError = 1 - service.errorFaults.reduce((a, r) => a * (1 - r), 1);
}

/** A fault begins. */
function startFault(sim: Simulation, agenda: FaultAgenda, f: ActiveFault): void {
  const { fault, service } = f;
  const n = fault.kind === 'slow' ? fault.factor : fault.kind === 'error' ? fault.rate : NaN;
  sim.record(
    TraceCode['fault-start'],
    -1,
    service ? service.index : -1,
    f.edgeIndex,
    sim.intern(fault.kind),
    n,
  );
  if (service) {
    if (fault.kind === 'down') goDown(sim, service);
    else if (fault.kind === 'slow') {
      service.slowFaults.push(fault.factor);
      refreshFaultFactors(service);
    } else if (fault.kind === 'error') {
      service.errorFaults.push(fault.rate);
      refreshFaultFactors(service);
    }
  } else sim.edges[f.edgeIndex]!.cut++;
  if (fault.durationMs > 0) agenda.add(sim.now + fault.durationMs, f, true);
}

/** A fault ends. */
function endFault(sim: Simulation, f: ActiveFault): void {
  const { fault, service } = f;
  sim.record(
    TraceCode['fault-end'],
    -1,
    service ? service.index : -1,
    f.edgeIndex,
    sim.intern(fault.kind),
    NaN,
  );
  if (service) {
    if (fault.kind === 'down') comeUp(sim, service);
    else if (fault.kind === 'slow') {
      service.slowFaults.splice(service.slowFaults.indexOf(fault.factor), 1);
      refreshFaultFactors(service);
    } else if (fault.kind === 'error') {
      service.errorFaults.splice(service.errorFaults.indexOf(fault.rate), 1);
      refreshFaultFactors(service);
    }
  } else {
    const e = sim.edges[f.edgeIndex]!;
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
function goDown(sim: Simulation, service: Service): void {
  if (service.down++ > 0) return;
  abortJobs(sim, service);
  for (const m of service.inbox.drain()) {
    if (m.kind === MessageKind.Request) {
      service.refused++;
      sim.record(TraceCode.refused, m.id, service.index, m.edge.index, -1, NaN);
      sim.setState(m, MessageState.Delivered);
      sendReply(sim, m, false);
    } else returnToSubscription(sim, m);
  }
  for (const call of [...service.clientCalls]) abandonCall(sim, call);
  suspendSagas(sim, service);
  for (const q of service.consumes) dropOrphanedBacklog(sim, q);
}

function comeUp(sim: Simulation, service: Service): void {
  if (--service.down > 0) return;
  for (const sub of service.subs) releaseHeld(sim, sub);
  resumeSagas(sim, service);
  freeSlot(sim, service);
  for (const q of service.consumes) pump(sim, q);
}
