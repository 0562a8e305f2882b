import { dict } from '../lib/dict';
import type { Metrics } from './api';
import type { Simulation } from './sim';
import { depthIntegral, toConsumersIntegral } from './channels';
import { inboxIntegral, usedIntegral } from './entities';

/** A time integral over the run so far as a time average, to 0.0001 (0 before any time passed). */
function timeAverage(integral: number, elapsed: number): number {
  return elapsed > 0 ? Math.round((integral / elapsed) * 10_000) / 10_000 : 0;
}

/** Metrics so far, in the shape the CLI prints. */
export function buildMetrics(sim: Simulation): Metrics {
  const elapsed = sim.now;
  // Keyed by ids and names a person typed: objects without a prototype (see dict).
  const services: Metrics['services'] = dict();
  for (const s of sim.services) {
    const integral = s.usedIntegral + s.used * (sim.now - s.lastUsedChange);
    services[s.id] = {
      name: s.name,
      received: s.received,
      handled: s.handled,
      failed: s.failed,
      maxInbox: s.maxInbox,
      utilization: elapsed > 0 ? Math.round((integral / (s.capacity * elapsed)) * 10_000) / 10_000 : 0,
      waitMs: s.waitHistogram.summary(),
      latencyMs: s.latencyHistogram.summary(),
      meanInbox: timeAverage(inboxIntegral(s, elapsed), elapsed),
      meanInSystem: timeAverage(inboxIntegral(s, elapsed) + usedIntegral(s, elapsed), elapsed),
    };
  }
  const channels: Metrics['channels'] = dict();
  for (const q of sim.queues) {
    channels[q.name] = {
      kind: 'queue',
      published: q.published,
      delivered: q.delivered,
      redelivered: q.redelivered,
      deadLettered: q.deadLettered,
      dropped: q.dropped,
      maxDepth: q.maxDepth,
      depthAtEnd: q.fifo.length,
      waitMs: q.waitHistogram.summary(),
      meanDepth: timeAverage(depthIntegral(q, elapsed), elapsed),
      meanInSystem: timeAverage(depthIntegral(q, elapsed) + toConsumersIntegral(q, elapsed), elapsed),
    };
  }
  for (const t of sim.topics) {
    // Names are one namespace (parseDiagram rejects a clash); an unchecked diagram still keeps both.
    channels[Object.hasOwn(channels, t.name) ? `${t.name} (topic)` : t.name] = {
      kind: 'topic',
      published: t.published,
      delivered: t.delivered,
      redelivered: t.redelivered,
      deadLettered: 0,
      dropped: t.dropped,
      maxDepth: t.maxDepth,
      depthAtEnd: t.depth,
      waitMs: t.waitHistogram.summary(),
      meanDepth: timeAverage(depthIntegral(t, elapsed), elapsed),
      meanInSystem: timeAverage(depthIntegral(t, elapsed), elapsed),
    };
  }
  const edges: Metrics['edges'] = dict();
  for (const e of sim.edges) {
    edges[e.id] = {
      sent: e.sent,
      failed: e.failed,
      timedOut: e.exchange?.timedOut ?? 0,
      retried: e.exchange?.retried ?? 0,
      circuitOpened: e.breaker?.opened ?? 0,
    };
    if (e.breaker !== null) edges[e.id]!.shortCircuited = e.breaker.shortCircuited;
  }
  const r = sim.requests;
  const clients: Metrics['clients'] = dict();
  for (const s of sim.services)
    if (s.requests !== null)
      clients[s.id] = {
        name: s.name,
        sent: s.requests.sent,
        succeeded: s.requests.succeeded,
        failed: s.requests.failed,
        timedOut: s.requests.timedOut,
        latencyMs: s.requests.latency.summary(),
      };
  const sagas: Metrics['sagas'] = dict();
  for (const d of sim.sagas)
    sagas[d.name] = {
      started: d.started,
      completed: d.completed,
      compensated: d.compensated,
      stuck: d.stuck,
      running: d.started - d.completed - d.compensated - d.stuck,
    };
  const replies: NonNullable<Metrics['replies']> = dict();
  for (const q of sim.queues) if (q.replies) replies[q.name] = { ...q.replies };
  const out: Metrics = {
    services,
    channels,
    edges,
    requests: {
      sent: r.sent,
      succeeded: r.succeeded,
      failed: r.failed,
      timedOut: r.timedOut,
      latencyMs: r.latency.summary(),
    },
    clients,
    sagas,
    duplicates: sim.duplicates,
  };
  if (Object.keys(replies).length > 0) out.replies = replies;
  return out;
}
