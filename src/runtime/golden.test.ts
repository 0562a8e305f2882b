import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../model/parse';
import type { Diagram } from '../model/schema';
import { createEngine, type Metrics, type TraceRecord } from './index';

/**
 * Golden traces: each fixture folder holds a diagram, the first records of its trace and its final
 * metrics. They change only on purpose: `npm run golden:update` rewrites them.
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
  const engine = createEngine(d, { onRecord: (r) => records.length < RECORDS && records.push(r) });
  engine.advanceTo(engine.untilMs);
  return {
    trace: records.map((r) => JSON.stringify(r)).join('\n') + '\n',
    expected: {
      events: engine.events,
      traceHash: engine.traceHash(),
      invariants: engine.check(),
      metrics: engine.metrics(),
    },
  };
}

/** What each pattern must show, so a golden file can't silently bless broken behaviour. */
const SHOWS: Record<string, (m: Metrics) => void> = {
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
  'circuit-breaker': (m) => expect(m.edges.e2!.circuitOpened).toBeGreaterThan(0),
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
    expect(t.dropped).toBeGreaterThan(0);
    expect(t.maxDepth).toBeGreaterThan(0);
    expect(t.delivered).toBe(3 * t.published - t.dropped - t.depthAtEnd);
  },
  'request-reply': (m) => expect(m.channels['price-replies']!.delivered).toBeGreaterThan(0),
  'choreographed-saga': (m) => {
    expect(m.sagas.order!.compensated).toBeGreaterThan(0);
    expect(m.sagas.order!.completed).toBeGreaterThan(0);
  },
  'orchestrated-saga': (m) => {
    expect(m.sagas.checkout!.compensated).toBeGreaterThan(0);
    expect(m.sagas.checkout!.completed).toBeGreaterThan(0);
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
      const { trace, expected } = runFixture(load(name));
      expect(expected.invariants).toEqual({ conservation: true, sagas: true, violations: [] });
      SHOWS[name]?.(expected.metrics);
      const tracePath = join(FIXTURES, name, 'trace.jsonl');
      const expectedPath = join(FIXTURES, name, 'expected.json');
      if (update || !existsSync(expectedPath)) {
        writeFileSync(tracePath, trace);
        writeFileSync(expectedPath, JSON.stringify(expected, null, 2) + '\n');
        return;
      }
      expect(trace).toBe(readFileSync(tracePath, 'utf8'));
      expect(expected).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
