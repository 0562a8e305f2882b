import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../model/parse';
import type { Diagram } from '../model/schema';
import { createEngine, type Metrics, type TraceRecord } from './index';

/**
 * Golden traces: each fixture folder holds a diagram, the first records of its trace and its final
 * metrics. They change only on purpose: `npm run golden:update` rewrites them (and writes those of a
 * new fixture); without it a missing expected file fails.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures');
const RECORDS = 300;
const update = process.env.GOLDEN_UPDATE === '1';

function load(name: string): Diagram {
  const parsed = parseDiagram(JSON.parse(readFileSync(join(FIXTURES, name, 'diagram.json'), 'utf8')));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
  return parsed.diagram;
}

function runFixture(d: Diagram) {
  const records: TraceRecord[] = [];
  const details = new Map<string, number>();
  const engine = createEngine(d, {
    onRecord: (r) => {
      if (records.length < RECORDS) records.push(r);
      const key = `${r.type}:${r.detail ?? ''}`;
      details.set(key, (details.get(key) ?? 0) + 1);
    },
  });
  engine.advanceTo(engine.untilMs);
  return {
    details,
    trace: records.map((r) => JSON.stringify(r)).join('\n') + '\n',
    expected: {
      events: engine.events,
      traceHash: engine.traceHash(),
      invariants: engine.check(),
      metrics: engine.metrics(),
    },
  };
}

type Run = ReturnType<typeof runFixture>;

/** What each pattern must show, so a golden file can't silently bless broken behaviour. */
const SHOWS: Record<string, (m: Metrics, run: Run) => void> = {
  'sync-chain': (m) => {
    expect(m.requests.succeeded).toBeGreaterThan(30);
    // A chain's latency is at least the sum of its hops' handling.
    expect(m.requests.latencyMs.mean).toBeGreaterThan(m.services.orders!.latencyMs.mean + 3);
  },
  'timeout-retry': (m) => {
    expect(m.edges.e2!.timedOut).toBeGreaterThan(0);
    expect(m.edges.e2!.retried).toBeGreaterThan(0);
    expect(m.duplicates).toBeGreaterThan(0);
  },
  'circuit-breaker': (m) => {
    const e = m.edges.e2!;
    expect(e.circuitOpened).toBeGreaterThan(0);
    // Fast-fails of the open circuit are counted apart: they were never sent.
    expect(e.shortCircuited).toBeGreaterThan(0);
    expect(e.failed).toBeLessThanOrEqual(e.sent);
  },
  'competing-consumers': (m) => {
    expect(m.services['worker-a']!.handled).toBeGreaterThan(0);
    expect(m.services['worker-b']!.handled).toBeGreaterThan(0);
    expect(m.channels.jobs!.maxDepth).toBeGreaterThan(0);
  },
  'dead-letter': (m) => {
    expect(m.channels.payments!.deadLettered).toBeGreaterThan(0);
    expect(m.channels.payments!.redelivered).toBeGreaterThan(0);
  },
  'topic-fanout': (m) => {
    const t = m.channels['order-events']!;
    const s = m.services;
    expect(t.dropped).toBeGreaterThan(0);
    expect(t.maxDepth).toBeGreaterThan(0);
    // Every subscriber gets one copy of each event: the durable one that was down caught up, the
    // non-durable one lost what came while it was down.
    expect(s.inventory!.received).toBe(t.published);
    expect(s.analytics!.received).toBeGreaterThanOrEqual(t.published - 1);
    expect(s.email!.received).toBeLessThan(t.published - 5);
  },
  'request-reply': (m) => {
    expect(m.replies!['price-replies']!.matched).toBe(m.channels['price-replies']!.delivered);
    expect(m.replies!['price-replies']!.matched).toBeGreaterThan(0);
  },
  'async-reply-outage': (m) => {
    const replies = m.channels['price-replies']!;
    // Replies waited on the durable reply channel while Quotes was down, and none was lost.
    expect(replies.maxDepth).toBeGreaterThan(5);
    expect(replies.waitMs.p99).toBeGreaterThan(100);
    expect(replies.dropped).toBe(0);
    const r = m.replies!['price-replies']!;
    expect(r.matched).toBeGreaterThan(20);
    expect(r.duplicate).toBeGreaterThan(0);
    expect(r.unmatched).toBe(0);
  },
  'choreographed-saga': (m) => {
    expect(m.sagas.order!.compensated).toBeGreaterThan(0);
    expect(m.sagas.order!.completed).toBeGreaterThan(0);
  },
  'parallel-choreography': (m, run) => {
    const s = m.sagas.order!;
    // Declined cards, timed-out charges and Shipping down: compensated; the rest completed.
    expect(s.compensated).toBeGreaterThan(5);
    expect(s.completed).toBeGreaterThan(5);
    expect(s.stuck).toBe(0);
    expect(run.details.get('compensation:done')).toBeGreaterThan(0);
  },
  'orchestrated-saga': (m) => {
    expect(m.sagas.checkout!.compensated).toBeGreaterThan(0);
    expect(m.sagas.checkout!.completed).toBeGreaterThan(0);
  },
  'orchestrator-crash': (m, run) => {
    const s = m.sagas.checkout!;
    expect(run.details.get('saga-step:suspended')).toBeGreaterThan(0);
    expect(run.details.get('saga-step:resumed')).toBe(run.details.get('saga-step:suspended'));
    expect(s.stuck).toBe(0);
    expect(s.completed + s.compensated + s.running).toBe(s.started);
    expect(s.completed).toBeGreaterThan(10);
  },
  'at-least-once-duplicates': (m) => {
    expect(m.duplicates).toBeGreaterThan(0);
    expect(m.channels.postings!.redelivered).toBeGreaterThan(0);
  },
};

describe('golden traces', () => {
  const names = readdirSync(FIXTURES).sort();
  it('has a fixture for every pattern', () => expect(names).toEqual(Object.keys(SHOWS).sort()));
  for (const name of names) {
    it(name, () => {
      const run = runFixture(load(name));
      const { trace, expected } = run;
      expect(expected.invariants).toEqual({ conservation: true, sagas: true, violations: [] });
      SHOWS[name]!(expected.metrics, run);
      const tracePath = join(FIXTURES, name, 'trace.jsonl');
      const expectedPath = join(FIXTURES, name, 'expected.json');
      if (update) {
        writeFileSync(tracePath, trace);
        writeFileSync(expectedPath, JSON.stringify(expected, null, 2) + '\n');
        return;
      }
      if (!existsSync(expectedPath) || !existsSync(tracePath))
        throw new Error(`${name}: no golden files yet; write them on purpose with npm run golden:update`);
      expect(trace).toBe(readFileSync(tracePath, 'utf8'));
      expect(expected).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
