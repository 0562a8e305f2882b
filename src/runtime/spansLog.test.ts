import { describe, expect, it } from 'vitest';
import type { Diagram, Fault } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { createEngine } from './index';
import { EventLog } from './spansLog';

function logOf(diagram: Diagram, untilMs: number, capacity?: number) {
  const ref: {
    facts?: (id: string) => ReturnType<NonNullable<ReturnType<typeof createEngine>['messageFacts']>>;
  } = {};
  const channels = new Map(
    diagram.edges.flatMap((e) =>
      e.kind === 'topic' ? [[e.id, e.topic]] : e.kind === 'queue' ? [[e.id, e.channel]] : [],
    ),
  );
  const log = new EventLog(
    (id) => ref.facts?.(id),
    (edge) => channels.get(edge),
    capacity,
  );
  const engine = createEngine(diagram, { onRecord: (r) => log.add(r) });
  ref.facts = (id) => engine.messageFacts?.(id);
  engine.advanceTo(untilMs);
  return log;
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
});
