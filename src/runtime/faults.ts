import type { Fault } from '../model/schema';
import { Mk, St, type Svc } from './entities';
import { dropOrphanedBacklog, pump } from './queue';
import { freeSlot } from './services';
import { Ev, type Sim } from './sim';
import { sendReply } from './sync';
import { onEventArrive, releaseHeld } from './topic';
import { TR } from './trace';

/** A fault as the run applies it. */
export interface ActiveFault {
  fault: Fault;
  svc: Svc | null;
  edgeIdx: number;
}

/** Resolves a fault's target; throws a readable error for an unknown one. */
export function resolveFault(sim: Sim, fault: Fault): ActiveFault {
  if (fault.kind === 'cut') {
    const e = sim.edges.find((x) => x.id === fault.target);
    if (!e) throw new Error(`fault "${fault.id}": no edge with id "${fault.target}"`);
    return { fault, svc: null, edgeIdx: e.idx };
  }
  const svc = sim.svcs.find((s) => s.id === fault.target);
  if (!svc) throw new Error(`fault "${fault.id}": no service with id "${fault.target}"`);
  return { fault, svc, edgeIdx: -1 };
}

/** Schedules a fault's start (after every ordinary event of that moment, so live and replayed runs agree). */
export function scheduleFault(sim: Sim, f: ActiveFault): void {
  sim.q.push(f.fault.atMs, Ev.FaultStart, f, 0, true);
}

/** A fault begins. */
export function startFault(sim: Sim, f: ActiveFault): void {
  const { fault, svc } = f;
  const n = fault.kind === 'slow' ? fault.factor : fault.kind === 'error' ? fault.rate : NaN;
  sim.rec(TR['fault-start'], -1, svc ? svc.idx : -1, f.edgeIdx, sim.d(fault.kind), n);
  if (svc) {
    if (fault.kind === 'down') goDown(sim, svc);
    else if (fault.kind === 'slow') {
      svc.slowFaults.push(fault.factor);
      svc.slowFactor = svc.slowFaults.reduce((a, b) => a * b, 1);
    } else if (fault.kind === 'error') {
      svc.errorFaults.push(fault.rate);
      svc.injectedError = 1 - svc.errorFaults.reduce((a, r) => a * (1 - r), 1);
    }
  } else sim.edges[f.edgeIdx]!.cut++;
  if (fault.durationMs > 0) sim.q.push(sim.now + fault.durationMs, Ev.FaultEnd, f, 0, true);
}

/** A fault ends. */
export function endFault(sim: Sim, f: ActiveFault): void {
  const { fault, svc } = f;
  sim.rec(TR['fault-end'], -1, svc ? svc.idx : -1, f.edgeIdx, sim.d(fault.kind), NaN);
  if (svc) {
    if (fault.kind === 'down') comeUp(sim, svc);
    else if (fault.kind === 'slow') {
      svc.slowFaults.splice(svc.slowFaults.indexOf(fault.factor), 1);
      svc.slowFactor = svc.slowFaults.reduce((a, b) => a * b, 1);
    } else if (fault.kind === 'error') {
      svc.errorFaults.splice(svc.errorFaults.indexOf(fault.rate), 1);
      svc.injectedError = 1 - svc.errorFaults.reduce((a, r) => a * (1 - r), 1);
    }
  } else {
    const e = sim.edges[f.edgeIdx]!;
    e.cut--;
    if (e.cut === 0 && e.queue) pump(sim, e.queue);
  }
}

/**
 * The service crashes. Work already on its slots finishes (the reply may still go out); what waits
 * in its inbox is refused (sync), held or dropped (events), and new arrivals are refused.
 */
function goDown(sim: Sim, svc: Svc): void {
  if (svc.down++ > 0) return;
  for (const m of svc.inbox.drain()) {
    if (m.kind === Mk.Request) {
      sim.rec(TR.refused, m.id, svc.idx, m.edge.idx, -1, NaN);
      sim.setState(m, St.Delivered);
      sendReply(sim, m, false);
    } else {
      // An event waiting in the inbox goes back to its subscription (held if durable, else dropped).
      m.edge.topic!.delivered--;
      onEventArrive(sim, m);
    }
  }
  for (const q of svc.consumes) dropOrphanedBacklog(sim, q);
}

function comeUp(sim: Sim, svc: Svc): void {
  if (--svc.down > 0) return;
  releaseHeld(sim, svc);
  freeSlot(sim, svc);
  for (const q of svc.consumes) pump(sim, q);
}
