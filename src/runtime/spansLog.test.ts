import { describe, expect, it } from 'vitest';
import type { Diagram, Fault } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { readFileSync } from 'node:fs';
import { parseDiagram } from '../model/parse';
import { choreographyExample, jobQueueExample, orderSagaExample } from '../scenarios';
import { createEngine, type Engine } from './index';
import { TraceCorrelator } from './spansCollect';

function logOf(diagram: Diagram, untilMs: number, capacity?: number) {
  const engine = createEngine(diagram, { eventLog: capacity === undefined ? {} : { capacity } });
  engine.advanceTo(untilMs);
  return engine.eventLog!;
}

/**
 * Each record's request and message name as `TraceCorrelator` gives them on the stream of record
 * objects (the way the event log was fed before it was kept by the engine): the reference.
 */
function correlatedStream(diagram: Diagram, untilMs: number) {
  const correlations: (string | undefined)[] = [];
  const names: (string | undefined)[] = [];
  const nameOf = new Map<string, string>();
  const ref: { engine?: Engine } = {};
  const correlator = new TraceCorrelator(
    (id) => ref.engine?.messageFacts?.(id),
    (record, correlationId, facts) => {
      correlations[record.seq] = correlationId;
      if (facts) nameOf.set(facts.id, facts.type);
      if (facts && record.msg === facts.id) names[record.seq] ??= facts.type;
    },
  );
  const engine = createEngine(diagram, {
    eventLog: { capacity: 1_000_000 },
    onRecord: (record) => {
      names[record.seq] = record.msg === undefined ? undefined : nameOf.get(record.msg);
      correlator.add(record);
    },
  });
  ref.engine = engine;
  engine.advanceTo(untilMs);
  return { engine, correlations, names };
}

describe('event log', () => {
  const down: Diagram = {
    ...checkoutExample,
    faults: [
      { id: 'f', kind: 'down', target: 'payment', atMs: 2000, durationMs: 0, source: 'live' } as Fault,
    ],
  };

  it('gives each row its request, message name, channel and outcome', () => {
    const page = logOf(checkoutExample, 1000).page({}, 0, 40);
    expect(page.rows[0]).toMatchObject({
      seq: 0,
      type: 'sent',
      service: 'client',
      edge: 'e-client-gw',
      message: 'POST /orders',
      correlationId: 'c0',
      error: false,
    });
    const published = page.rows.find((r) => r.type === 'published')!;
    expect(published).toMatchObject({ channel: 'orders', correlationId: 'c0', outcome: 'orders #2' });
    expect(page.rows.find((r) => r.type === 'call-done')!.correlationId).toBe('c0');
  });

  it('filters by service, type, errors only, one request, and words', () => {
    const log = logOf(down, 6000);
    const refused = log.page({ service: 'payment', type: 'refused' }, 0, 1000);
    expect(refused.total).toBeGreaterThan(0);
    expect(refused.rows.every((r) => r.service === 'payment' && r.type === 'refused' && r.error)).toBe(true);
    const errors = log.page({ errorsOnly: true }, 0, 100_000).rows;
    expect(errors.every((r) => r.error)).toBe(true);
    expect(new Set(errors.map((r) => r.type))).toEqual(
      new Set(['refused', 'retried', 'call-done', 'failed', 'circuit']),
    );
    const one = log.page({ correlationId: 'c5' }, 0, 1000).rows;
    expect(one.map((r) => r.message).filter(Boolean)).toContain('ChargeCard');
    expect(one.every((r) => r.correlationId === 'c5')).toBe(true);
    expect(log.page({ search: 'chargecard refused' }, 0, 1000).rows.every((r) => r.type === 'refused')).toBe(
      true,
    );
  });

  it('keeps only the last N rows and counts what it dropped, by type', () => {
    const log = logOf(checkoutExample, 20_000, 500);
    const page = log.page({}, 0, 10);
    expect(page.kept).toBe(500);
    expect(page.seen).toBeGreaterThan(1000);
    expect(Object.values(page.dropped).reduce((a, b) => a + b, 0)).toBe(page.seen - 500);
    expect(page.rows[0]!.seq).toBe(page.seen - 500);
    expect(log.page({}, 495, 10).rows.map((r) => r.seq)).toEqual(
      [0, 1, 2, 3, 4].map((i) => page.seen - 5 + i),
    );
    // After the ring wrapped, a filtered page still lists kept records in trace order, each with its request.
    const sent = log.page({ type: 'sent' }, 0, 1000).rows;
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.every((r, i) => r.type === 'sent' && (i === 0 || r.seq > sent[i - 1]!.seq))).toBe(true);
    expect(sent[0]!.seq).toBeGreaterThanOrEqual(page.seen - 500);
    expect(sent.every((r) => r.correlationId === log.correlationOf(r.seq) && r.correlationId)).toBe(true);
    expect(log.correlationOf(page.seen - 501)).toBeUndefined();
  });

  it('gives every record the request and message name the record-stream correlator gives it', () => {
    const reference = parseDiagram(
      JSON.parse(readFileSync(new URL('../../bench/diagrams/reference-20.json', import.meta.url), 'utf8')),
    );
    if (!reference.ok) throw new Error('reference-20.json');
    const slow: Diagram = {
      ...checkoutExample,
      faults: [
        { id: 's', kind: 'slow', target: 'payment', atMs: 1000, durationMs: 4000, factor: 50 } as Fault,
      ],
    };
    const runs: [Diagram, number][] = [
      [down, 20_000],
      [slow, 10_000],
      [orderSagaExample, 20_000],
      [choreographyExample, 20_000],
      [jobQueueExample, 20_000],
      [reference.diagram, 5_000],
    ];
    const attributedWithoutMessage = new Set<string>();
    for (const [diagram, untilMs] of runs) {
      const { engine, correlations, names } = correlatedStream(diagram, untilMs);
      const rows = engine.eventLog!.page({}, 0, 1_000_000).rows;
      expect(rows.length, diagram.name).toBe(engine.recentTrace(1).at(-1)!.seq + 1);
      expect(rows.length, diagram.name).toBeGreaterThan(500);
      const mismatches = rows.filter(
        (row) => row.correlationId !== correlations[row.seq] || row.message !== names[row.seq],
      );
      expect(mismatches.slice(0, 3), diagram.name).toEqual([]);
      for (const row of rows) if (row.correlationId && !row.message) attributedWithoutMessage.add(row.type);
    }
    // Records naming no message are attributed by the other rules: an open attempt, a saga instance, the instant.
    for (const type of ['timed-out', 'saga-ended', 'call-done', 'retried', 'compensation'])
      expect(attributedWithoutMessage).toContain(type);
  });

  it('gives the same rows however often it is read (it takes the records a block of the ring at a time)', () => {
    const once = logOf(down, 8_000, 3_000);
    const engine = createEngine(down, { eventLog: { capacity: 3_000 } });
    for (let t = 1; t <= 8_000; t += 97) {
      engine.advanceTo(t);
      engine.eventLog!.page({ type: 'sent' }, -1, 5);
    }
    engine.advanceTo(8_000);
    expect(engine.eventLog!.page({}, 0, 3_000)).toEqual(once.page({}, 0, 3_000));
    expect(engine.eventLog!.notable.slowest).toBe(once.notable.slowest);
  });

  it('names the slowest request, the latest failed one and the latest compensated saga', () => {
    const failing = logOf(down, 20_000).notable;
    expect(failing.slowest).toMatch(/^c\d+$/);
    expect(failing.failed).toMatch(/^c\d+$/);
    const failedRows = logOf(down, 20_000).page({ correlationId: failing.failed! }, 0, 1000).rows;
    expect(failedRows.some((r) => r.type === 'call-done' && r.error && r.service === 'client')).toBe(true);
    const saga = logOf(orderSagaExample, 60_000);
    if (saga.notable.compensated !== null) {
      const rows = saga.page({ correlationId: saga.notable.compensated }, 0, 1000).rows;
      expect(rows.some((r) => r.type === 'saga-ended' && r.outcome?.startsWith('compensated'))).toBe(true);
    }
  });
});
