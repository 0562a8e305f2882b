import { Diagram, type DiagramInput } from '../model/schema';
import { createEngine, type Engine, type Metrics, type SagaInstanceState } from '../runtime/index';
import { fanOutInput } from './entries/eventFanOut';
import type { GalleryEntry, GalleryId } from './types';

/**
 * The proof of each gallery entry's claim, run against the engine (claims.test.ts runs every one).
 * A proof returns what it measured and whether the claim holds; it is typed as a record over every
 * gallery id, so an entry cannot be added without its proof.
 */
export interface ClaimResult {
  holds: boolean;
  /** What was measured, for a failing test's message. */
  measured: Record<string, number | string | boolean>;
}
type Proof = (entry: GalleryEntry) => ClaimResult;

/** Runs `diagram` to its end (or to `untilMs`) and returns the engine and its metrics. */
function runTo(diagram: Diagram, untilMs = diagram.run.untilMs): { engine: Engine; metrics: Metrics } {
  const engine = createEngine(diagram);
  engine.advanceTo(untilMs);
  return { engine, metrics: engine.metrics() };
}

/**
 * Every saga instance of a run as last seen, sampled every 100 ms to the run's end (finished
 * instances leave the engine's list, so one look at the end would miss them). The engine's view
 * hands out copies, so keeping them is safe.
 */
function sagaOutcomes(diagram: Diagram): SagaInstanceState[] {
  const engine = createEngine(diagram);
  const seen = new Map<string, SagaInstanceState>();
  for (let t = 0; t <= diagram.run.untilMs; t += 100) {
    engine.advanceTo(t);
    for (const i of engine.sagaInstances()) seen.set(i.id, i);
  }
  return [...seen.values()];
}

/** The same diagram with `change` applied to a copy of it. */
function variant(diagram: Diagram, change: (d: DiagramInput) => DiagramInput): Diagram {
  return Diagram.parse(change(structuredClone(diagram)));
}

const fixedMs = (d: Diagram, id: string) => {
  const latency = d.services.find((s) => s.id === id)!.latency;
  if (latency.dist !== 'fixed') throw new Error(`${id} has no fixed latency`);
  return latency.ms;
};

/** A chain's latency by hand: every sync edge both ways with serialization, plus every callee's handling. */
function chainSumMs(d: Diagram): number {
  let total = 0;
  for (const e of d.edges) {
    if (e.kind !== 'sync') continue;
    total += 2 * (e.latencyMs + d.run.serializationMs[e.protocol]) + fixedMs(d, e.to);
  }
  return total;
}

const p50 = (m: Metrics, client: string) => m.clients[client]!.latencyMs.p50;

export const CLAIM_PROOFS = {
  'sync-chain': ({ diagram }) => {
    const measured = p50(runTo(diagram).metrics, 'client');
    const expected = chainSumMs(diagram);
    return { holds: Math.abs(measured - expected) <= 1, measured: { p50: measured, sumOfHops: expected } };
  },
  'slow-dependency': ({ diagram }) => {
    const engine = createEngine(diagram);
    const maxWaiting: Record<string, number> = { gateway: 0, order: 0, payment: 0 };
    for (let t = 0; t <= diagram.run.untilMs; t += 250) {
      engine.advanceTo(t);
      for (const s of engine.services())
        if (Object.hasOwn(maxWaiting, s.id)) maxWaiting[s.id] = Math.max(maxWaiting[s.id]!, s.waiting);
    }
    const median = p50(engine.metrics(), 'client');
    const waited = Object.values(maxWaiting).every((n) => n > 0);
    return { holds: median >= 3_000 && waited, measured: { p50: median, ...maxWaiting } };
  },
  'down-then-breaker': ({ diagram }) => {
    const engine = createEngine(diagram);
    // From a second into the outage to its end: the requests that start and end inside it.
    engine.advanceTo(11_000);
    const before = engine.metrics();
    engine.advanceTo(39_000);
    const during = engine.metrics();
    const succeeded = during.clients.client!.succeeded - before.clients.client!.succeeded;
    const failed = during.clients.client!.failed - before.clients.client!.failed;
    const shortCircuited = during.edges['e-order-payment']!.shortCircuited ?? 0;
    return {
      holds: succeeded === 0 && failed > 50 && shortCircuited > 0,
      measured: { succeeded, failed, shortCircuited },
    };
  },
  'rest-vs-grpc': ({ diagram }) => {
    const { metrics } = runTo(diagram);
    const gap = p50(metrics, 'rest-caller') - p50(metrics, 'grpc-caller');
    const expected = 2 * (diagram.run.serializationMs.rest - diagram.run.serializationMs.grpc);
    return { holds: Math.abs(gap - expected) <= 0.5, measured: { gap, expected } };
  },
  'queue-reply': ({ diagram }) => {
    const { metrics } = runTo(diagram);
    const replies = metrics.replies?.['payment-results'];
    const median = p50(metrics, 'client');
    const holds =
      median < fixedMs(diagram, 'payment') && (replies?.matched ?? 0) > 50 && replies?.unmatched === 0;
    return {
      holds,
      measured: { p50: median, matched: replies?.matched ?? -1, unmatched: replies?.unmatched ?? -1 },
    };
  },
  'queue-vs-topic': ({ diagram }) => {
    // Stop the traffic 5 s before the end, so everything published has been delivered and handled.
    const quiet = variant(diagram, (d) => ({
      ...d,
      faults: [{ id: 'stop', kind: 'down', target: 'client', atMs: 55_000 }],
    }));
    const { metrics } = runTo(quiet);
    const s = metrics.services;
    const invoices = metrics.channels.invoices!;
    const events = metrics.channels['order-events']!;
    const shared = s['invoicing-a']!.received + s['invoicing-b']!.received;
    const holds =
      shared === invoices.delivered &&
      invoices.delivered === invoices.published &&
      s['invoicing-a']!.received > 0 &&
      s['invoicing-b']!.received > 0 &&
      s.audit!.received === events.published &&
      s.analytics!.received === events.published;
    return {
      holds,
      measured: {
        shared,
        queued: invoices.published,
        events: events.published,
        audit: s.audit!.received,
        analytics: s.analytics!.received,
      },
    };
  },
  'event-fan-out': ({ diagram }) => {
    const three = runTo(diagram).metrics;
    const four = runTo(Diagram.parse(fanOutInput(true))).metrics;
    const published = three.channels.orders!.published;
    const s = three.services;
    const holds =
      p50(three, 'client') === p50(four, 'client') &&
      s.payment!.received >= published - 1 &&
      s.inventory!.received >= published - 1 &&
      s.email!.received < published;
    return {
      holds,
      measured: {
        p50Three: p50(three, 'client'),
        p50Four: p50(four, 'client'),
        published,
        payment: s.payment!.received,
        inventory: s.inventory!.received,
        email: s.email!.received,
      },
    };
  },
  'event-envelope': ({ diagram }) => {
    const engine = createEngine(diagram);
    let envelopes = 0;
    let complete = true;
    for (let t = 500; t <= 10_000; t += 500) {
      engine.advanceTo(t);
      for (const m of engine.inFlight()) {
        const envelope = engine.envelope(m.id);
        if (!envelope) continue;
        envelopes++;
        complete &&=
          Boolean(
            envelope.id &&
            envelope.type &&
            envelope.version >= 1 &&
            envelope.source &&
            envelope.correlationId,
          ) && Number.isFinite(envelope.timestamp);
      }
    }
    engine.advanceTo(diagram.run.untilMs);
    const metrics = engine.metrics();
    const redelivered = metrics.channels.ledger!.redelivered;
    return {
      holds: envelopes > 0 && complete && redelivered > 0 && metrics.duplicates === 0,
      measured: { envelopes, complete, redelivered, duplicates: metrics.duplicates },
    };
  },
  'async-request-reply': ({ diagram }) => {
    const replies = runTo(diagram).metrics.replies?.['quote-replies'];
    const measured = {
      matched: replies?.matched ?? -1,
      unmatched: replies?.unmatched ?? -1,
      duplicate: replies?.duplicate ?? -1,
    };
    return { holds: measured.matched > 0 && measured.unmatched > 0 && measured.duplicate > 0, measured };
  },
  'choreographed-saga': ({ diagram }) => {
    const all = sagaOutcomes(diagram);
    const declined = all.filter((i) => i.status === 'compensated');
    // Only Inventory's reservation was done, and only it was undone: a declined card is not refunded.
    const onlyInventory = declined.every(
      (i) => i.completedEdges.join() === 'c-reserve' && i.compensatedEdges.join() === 'c-reserve',
    );
    const completed = all.filter((i) => i.status === 'completed').length;
    const stuck = all.filter((i) => i.status === 'stuck').length;
    // Both reactions to each OrderPlaced leave at the same moment.
    const sent = { 'c-charge': [] as number[], 'c-reserve': [] as number[] };
    const engine = createEngine(diagram, {
      onRecord: (r) => {
        if (
          r.type === 'sent' &&
          r.detail === 'saga-action' &&
          (r.edge === 'c-charge' || r.edge === 'c-reserve')
        )
          sent[r.edge].push(r.t);
      },
    });
    engine.advanceTo(diagram.run.untilMs);
    const together = sent['c-charge'].length > 10 && sent['c-charge'].join() === sent['c-reserve'].join();
    return {
      holds: declined.length > 10 && onlyInventory && completed > 10 && stuck === 0 && together,
      measured: { declined: declined.length, onlyInventory, completed, stuck, together },
    };
  },
  'orchestrated-saga': ({ diagram }) => {
    const outcomes = sagaOutcomes(diagram);
    const failedAt3 = outcomes.filter((i) => i.failedStep === 3 && i.status === 'compensated');
    const inReverse = failedAt3.every(
      (i) => !i.completedSteps.includes(4) && i.compensatedSteps.join() === '2,1',
    );
    return {
      holds: failedAt3.length > 10 && inReverse,
      measured: { failedAt3: failedAt3.length, inReverse },
    };
  },
  'retries-duplicates': ({ diagram }) => {
    const plain = runTo(diagram).metrics.duplicates;
    const idempotent = runTo(
      variant(diagram, (d) => ({
        ...d,
        services: d.services!.map((s) => (s.id === 'payment' ? { ...s, idempotent: true } : s)),
      })),
    ).metrics.duplicates;
    return { holds: plain > 0 && idempotent === 0, measured: { plain, idempotent } };
  },
  'queue-backlog': ({ diagram }) => {
    const engine = createEngine(diagram);
    engine.advanceTo(30_000);
    const half = engine.metrics().channels.reports!.depthAtEnd;
    engine.advanceTo(60_000);
    const end = engine.metrics().channels.reports!.depthAtEnd;
    const scaled = runTo(
      variant(diagram, (d) => ({
        ...d,
        services: d.services!.map((s) => (s.id === 'reports' ? { ...s, replicas: 2 } : s)),
      })),
    ).metrics.channels.reports!.maxDepth;
    return { holds: end > half && end > 50 && scaled <= 20, measured: { half, end, scaled } };
  },
  'poison-messages': ({ diagram }) => {
    const quiet = variant(diagram, (d) => ({
      ...d,
      faults: [...(d.faults ?? []), { id: 'stop', kind: 'down', target: 'files', atMs: 50_000 }],
    }));
    const engine = createEngine(quiet);
    engine.advanceTo(quiet.run.untilMs);
    const m = engine.metrics();
    const channel = m.channels.invoices!;
    const handled = m.services.importer!.handled;
    const holds =
      channel.deadLettered > 0 &&
      channel.redelivered >= 2 * channel.deadLettered &&
      channel.published === handled + channel.deadLettered + channel.depthAtEnd;
    return {
      holds,
      measured: {
        published: channel.published,
        handled,
        deadLettered: channel.deadLettered,
        redelivered: channel.redelivered,
        depth: channel.depthAtEnd,
      },
    };
  },
} satisfies Record<GalleryId, Proof>;
