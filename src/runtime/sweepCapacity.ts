import { expectedLoad, meanLatency } from '../model/advice';
import type { Diagram, Service } from '../model/schema';

/**
 * How much load one client can offer before some service on its paths is saturated: the estimate a
 * load test centres its default range on. It extends the advisor's capacity check (replicas ×
 * concurrency ÷ mean handling time, against `expectedLoad`) by one thing the advisor leaves out: a
 * service holds its slot while it waits on a sync call, so its slot time is its own handling plus,
 * for each sync edge it calls (in turn, as the engine does), the network both ways, the
 * serialization cost and the callee's own slot time. Like the advisor it ignores triggers, errors
 * and retries, so it is an estimate, not a promise: the sweep measures the truth.
 */

/** A client's estimated capacity and the service that limits it. */
export interface CapacityEstimate {
  /** Requests per second the client could send before `limitedBy` is saturated (Infinity: nothing limits it). */
  ratePerSecond: number;
  /** The id of the first service to saturate, or null when nothing on the client's paths takes time. */
  limitedBy: string | null;
}

/** Mean time (ms) a service holds a slot per message: its handling plus the sync calls it waits on. */
export function slotTimes(diagram: Diagram): Map<string, number> {
  const byId = new Map(diagram.services.map((s) => [s.id, s]));
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const slotTime = (service: Service): number => {
    const known = memo.get(service.id);
    if (known !== undefined) return known;
    // A sync cycle is bounded by the hop limit; counting each service once keeps the estimate finite.
    if (visiting.has(service.id)) return 0;
    visiting.add(service.id);
    let total = meanLatency(service.latency);
    for (const edge of diagram.edges) {
      if (edge.from !== service.id || edge.kind !== 'sync') continue;
      const callee = byId.get(edge.to);
      if (!callee) continue;
      total += 2 * edge.latencyMs + diagram.run.serializationMs[edge.protocol] + slotTime(callee);
    }
    visiting.delete(service.id);
    memo.set(service.id, total);
    return total;
  };
  for (const service of diagram.services) slotTime(service);
  return memo;
}

/** The same diagram with one client's Poisson (background) rate set to `rate` per second. */
export function withClientRate(diagram: Diagram, clientId: string, rate: number): Diagram {
  return {
    ...diagram,
    services: diagram.services.map((s) =>
      s.id === clientId ? { ...s, traffic: { ...s.traffic, rate } } : s,
    ),
  };
}

/** Estimates how many requests per second `clientId` can send, the other clients sending as they do. */
export function estimateClientCapacity(diagram: Diagram, clientId: string): CapacityEstimate {
  const perRequest = expectedLoad(onlyClient(diagram, clientId));
  const others = expectedLoad(withClientRate(diagram, clientId, 0));
  const slots = slotTimes(diagram);
  let best: CapacityEstimate = { ratePerSecond: Infinity, limitedBy: null };
  for (const service of diagram.services) {
    const visits = perRequest.get(service.id) ?? 0;
    if (service.kind === 'client' || visits <= 0) continue;
    const slotMs = slots.get(service.id) ?? 0;
    if (slotMs <= 0) continue;
    const perSecond = (service.replicas * service.concurrency * 1000) / slotMs;
    const room = Math.max(0, perSecond - (others.get(service.id) ?? 0));
    const rate = room / visits;
    if (rate < best.ratePerSecond) best = { ratePerSecond: rate, limitedBy: service.id };
  }
  return best;
}

/** The diagram with `clientId` sending 1 request per second and every other client silent. */
function onlyClient(diagram: Diagram, clientId: string): Diagram {
  return {
    ...diagram,
    services: diagram.services.map((s) =>
      s.kind === 'client' ? { ...s, traffic: { ...s.traffic, rate: s.id === clientId ? 1 : 0 } } : s,
    ),
  };
}
