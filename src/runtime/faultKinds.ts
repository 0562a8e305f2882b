import type { FaultKind } from '../model/schema';
import type { FaultBehaviour } from './behaviours';
import { abandonCall } from './calls';
import { inboxChanging, type Service } from './entities';
import { finishJob } from './services';
import { Word, type Simulation } from './sim';

/*
 * What each fault kind does to its target. A fault that concerns an edge kind (a crash abandons
 * client calls, suspends sagas, drops non-durable backlogs…) calls that kind's hooks in registry
 * order; the fault itself never calls a behaviour directly.
 */

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

const noNumber = () => NaN;

/** Every fault kind's behaviour: a fault kind missing here is a compile error. */
export const FAULT_BEHAVIOURS = {
  down: {
    traceNumber: noNumber,
    start: (sim, _fault, service) => goDown(sim, service!),
    end: (sim, _fault, service) => comeUp(sim, service!),
  },
  slow: {
    traceNumber: (fault) => fault.factor,
    start(_sim, fault, service) {
      service!.slowFaults.push(fault.factor);
      refreshFaultFactors(service!);
    },
    end(_sim, fault, service) {
      service!.slowFaults.splice(service!.slowFaults.indexOf(fault.factor), 1);
      refreshFaultFactors(service!);
    },
  },
  error: {
    traceNumber: (fault) => fault.rate,
    start(_sim, fault, service) {
      service!.errorFaults.push(fault.rate);
      refreshFaultFactors(service!);
    },
    end(_sim, fault, service) {
      service!.errorFaults.splice(service!.errorFaults.indexOf(fault.rate), 1);
      refreshFaultFactors(service!);
    },
  },
  cut: {
    traceNumber: noNumber,
    start(_sim, _fault, _service, edge) {
      edge!.cut++;
    },
    // The edge is back: queues drawn on it deliver again, subscriptions cut off by it catch up.
    end(sim, _fault, _service, edge) {
      if (--edge!.cut > 0) return;
      for (const kind of sim.kinds.edgeList) kind.edgeRestored?.(sim, edge!);
    },
  },
} satisfies Record<FaultKind, FaultBehaviour>;

/**
 * The service crashes. What it was handling is aborted (see abortJobs); what waits in its inbox is
 * handed back by its message kind (requests refused, event copies returned to their subscription);
 * then each edge kind reacts (client calls abandoned, sagas it orchestrates suspended, non-durable
 * backlogs with no consumer left dropped). New arrivals are refused.
 */
function goDown(sim: Simulation, service: Service): void {
  if (service.down++ > 0) return;
  abortJobs(sim, service);
  const messages = sim.kinds.messages;
  inboxChanging(service, sim.now);
  for (const m of service.inbox.drain()) messages[m.kind]!.crashedInInbox(sim, m, service);
  for (const kind of sim.kinds.edgeList) kind.serviceDown?.(sim, service);
}

/**
 * The service is back: held subscriptions deliver, suspended sagas resume, and the queues it
 * consumes fill its free slots (its inbox is empty: it was drained at the crash and refuses while down).
 */
function comeUp(sim: Simulation, service: Service): void {
  if (--service.down > 0) return;
  for (const kind of sim.kinds.edgeList) kind.serviceUp?.(sim, service);
}

/**
 * Every handling on the crashed service's slots is aborted, as a failure. A sync call it waits on
 * is abandoned; a request's caller is answered with an error at once (the connection is reset); a
 * queue message is not acked, so the broker redelivers it (at-most-once: it is lost).
 */
function abortJobs(sim: Simulation, service: Service): void {
  for (const m of [...service.jobs]) {
    if (m.outCall !== null) {
      abandonCall(sim, m.outCall);
      m.outCall = null;
      service.waiting--;
    }
    finishJob(sim, m, false, Word.crashed);
  }
}
