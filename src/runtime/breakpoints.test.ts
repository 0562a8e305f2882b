import { describe, expect, it } from 'vitest';
import type { Breakpoint, Diagram } from '../model/schema';
import { checkoutExample, jobQueueExample, orderSagaExample } from '../scenarios';
import { createEngine } from './engine';
import { paymentDownFrom5s } from './testing/faults';
import type { TraceRecord } from './trace';

const bp = (kind: Breakpoint['kind'], target = '', value = 0, id = 'b1'): Breakpoint => ({
  id,
  kind,
  enabled: true,
  target,
  value,
});

/** Every record of a straight run (no breakpoints), with the run's hash. */
function straight(diagram: Diagram, untilMs: number): { records: TraceRecord[]; hash: string } {
  const records: TraceRecord[] = [];
  const engine = createEngine(diagram, { untilMs, onRecord: (r) => records.push(r) });
  engine.advanceTo(untilMs);
  return { records, hash: engine.traceHash() };
}

/** Plays `diagram` with `breakpoints` to `untilMs`, resuming after each hit: the hits and the hash. */
function withBreaks(diagram: Diagram, untilMs: number, breakpoints: Breakpoint[], maxHits = 3) {
  const engine = createEngine(diagram, { untilMs });
  const hits = [];
  for (let i = 0; i < 1000 && engine.now < untilMs; i++) {
    engine.pauseOn!(breakpoints);
    engine.advanceTo(untilMs);
    const hit = engine.breakHit;
    engine.pauseOn!(null);
    if (!hit) break;
    hits.push({ hit, now: engine.now, events: engine.events });
    if (hits.length >= maxHits) break;
  }
  return { engine, hits };
}

describe('breakpoints stop the run at the exact event that hits them', () => {
  const checkout = paymentDownFrom5s(checkoutExample);

  it('circuit opens: stops at the first "circuit open" record of a straight run, on its edge', () => {
    const { records } = straight(checkout, 20_000);
    const first = records.find((r) => r.type === 'circuit' && r.detail === 'open')!;
    expect(first).toBeDefined();
    const { engine, hits } = withBreaks(checkout, 20_000, [bp('circuit-open')], 1);
    expect(hits[0]!.hit).toMatchObject({
      breakpointId: 'b1',
      kind: 'circuit-open',
      atMs: first.t,
      edgeId: first.edge,
    });
    // Paused right there: the clock is the event's time, not the advance's target.
    expect(engine.now).toBe(first.t);
    expect(engine.recentTrace(1)[0]!.seq).toBeGreaterThanOrEqual(first.seq);
  });

  it('a target narrows it: only that edge’s circuit, and a missing target never stops the run', () => {
    const { records } = straight(checkout, 20_000);
    const onOrders = records.find(
      (r) => r.type === 'circuit' && r.detail === 'open' && r.edge === 'e-orders-payment',
    )!;
    expect(onOrders).toBeDefined();
    const { hits } = withBreaks(checkout, 20_000, [bp('circuit-open', 'e-orders-payment')], 1);
    expect(hits[0]!.hit).toMatchObject({ atMs: onOrders.t, edgeId: 'e-orders-payment' });
    expect(withBreaks(checkout, 20_000, [bp('circuit-open', 'no-such-edge')]).hits).toEqual([]);
  });

  it('playing on after each hit gives the straight run, byte for byte', () => {
    const { hash } = straight(checkout, 20_000);
    const { engine, hits } = withBreaks(checkout, 20_000, [bp('circuit-open')], 1000);
    expect(hits.length).toBeGreaterThan(1);
    engine.advanceTo(20_000);
    expect(engine.traceHash()).toBe(hash);
  });

  it('a breakpoint that is off, or none at all, never stops it', () => {
    const off = { ...bp('circuit-open'), enabled: false };
    expect(withBreaks(checkout, 20_000, [off]).hits).toEqual([]);
    expect(withBreaks(checkout, 20_000, []).hits).toEqual([]);
  });

  it('dead letter and queue depth: the first dead-lettered record, and the enqueue that passes N', () => {
    const jobs: Diagram = {
      ...jobQueueExample,
      faults: [
        {
          id: 'f1',
          kind: 'error',
          target: 'workers-slow',
          atMs: 0,
          durationMs: 0,
          factor: 5,
          rate: 1,
          source: 'script',
        },
      ],
    };
    const { records } = straight(jobs, 30_000);
    const dead = records.find((r) => r.type === 'dead-lettered');
    expect(dead).toBeDefined();
    expect(withBreaks(jobs, 30_000, [bp('dead-letter')], 1).hits[0]!.hit).toMatchObject({
      kind: 'dead-letter',
      atMs: dead!.t,
      messageId: dead!.msg,
    });
    const deep = records.find((r) => r.type === 'enqueued' && r.n === 4)!;
    expect(deep).toBeDefined();
    const { hits } = withBreaks(jobs, 30_000, [bp('queue-depth', '', 3)], 1);
    expect(hits[0]!.hit).toMatchObject({ kind: 'queue-depth', atMs: deep.t, n: 4, messageId: deep.msg });
  });

  it('saga compensated: the first "saga-ended compensated" record', () => {
    const saga: Diagram = {
      ...orderSagaExample,
      faults: [
        {
          id: 'f1',
          kind: 'error',
          target: orderSagaExample.edges.at(-1)!.to,
          atMs: 0,
          durationMs: 0,
          factor: 5,
          rate: 1,
          source: 'script',
        },
      ],
    };
    const { records } = straight(saga, 20_000);
    const ended = records.find((r) => r.type === 'saga-ended' && r.detail === 'compensated');
    expect(ended).toBeDefined();
    const { hits } = withBreaks(saga, 20_000, [bp('saga-compensated')], 1);
    expect(hits[0]!.hit).toMatchObject({ kind: 'saga-compensated', atMs: ended!.t });
    expect(hits[0]!.hit.saga).toBeTruthy();
    expect(withBreaks(saga, 20_000, [bp('saga-compensated', 'no-such-saga')]).hits).toEqual([]);
  });

  it('slow request: stops when a client request ends after more than X ms, with its correlation id', () => {
    const { hits } = withBreaks(checkout, 20_000, [bp('slow-request', '', 300)], 2);
    expect(hits.length).toBeGreaterThan(0);
    for (const { hit, now } of hits) {
      expect(hit.n).toBeGreaterThan(300);
      expect(hit.atMs).toBe(now);
      expect(hit.correlationId).toMatch(/^c\d+$/);
    }
  });
});
