import { FAULT_KIND_INFO } from '../model/faultKinds';
import type { Fault } from '../model/schema';
import type { Service } from './entities';
import type { Simulation } from './sim';
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
  if (FAULT_KIND_INFO[fault.kind].target === 'edge') {
    const e = sim.edges.find((x) => x.id === fault.target);
    if (!e) throw new Error(`fault "${fault.id}": no edge with id "${fault.target}"`);
    return { fault, service: null, edgeIndex: e.index, index };
  }
  const service = sim.services.find((s) => s.id === fault.target);
  if (!service) throw new Error(`fault "${fault.id}": no service with id "${fault.target}"`);
  return { fault, service, edgeIndex: -1, index };
}

/** A fault begins: recorded, then applied by its kind's behaviour. */
function startFault(sim: Simulation, agenda: FaultAgenda, f: ActiveFault): void {
  const { fault, service } = f;
  const kind = sim.kinds.faults[fault.kind];
  const serviceIndex = service ? service.index : -1;
  const detail = sim.intern(fault.kind);
  sim.record(TraceCode['fault-start'], -1, serviceIndex, f.edgeIndex, detail, kind.traceNumber(fault));
  kind.start(sim, fault, service, service ? null : sim.edges[f.edgeIndex]!);
  if (fault.durationMs > 0) agenda.add(sim.now + fault.durationMs, f, true);
}

/** A fault ends. */
function endFault(sim: Simulation, f: ActiveFault): void {
  const { fault, service } = f;
  const serviceIndex = service ? service.index : -1;
  sim.record(TraceCode['fault-end'], -1, serviceIndex, f.edgeIndex, sim.intern(fault.kind), NaN);
  sim.kinds.faults[fault.kind].end(sim, fault, service, service ? null : sim.edges[f.edgeIndex]!);
}
