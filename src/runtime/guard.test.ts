import { describe, expect, it } from 'vitest';
import { Diagram, type DiagramInput } from '../model/schema';
import { orderSagaExample } from '../scenarios/orderSaga';
import { createEngine, type EngineOptions } from './engine';
import { DENSE_EVENTS } from './guard';

/**
 * Diagrams that are valid but make unbounded work (issue 16, item 5): each must stop within a
 * bounded number of events, counted, never timed, so where it stops is deterministic.
 */
const instant = { dist: 'fixed' as const, ms: 0 };

/** Runs to the end (or the stop) without keeping trace records: these runs make millions. */
function runAll(input: DiagramInput, options: EngineOptions = {}) {
  const engine = createEngine(Diagram.parse(input), options);
  engine.advanceTo(engine.untilMs);
  return { engine };
}

// A million events take a second on a laptop, longer on a busy test machine.
describe('the work guard', { timeout: 120_000 }, () => {
  it('stops the orchestrated saga fed back into itself by 0 ms edges, without the clock moving', () => {
    const base = orderSagaExample;
    const diagram: DiagramInput = {
      ...base,
      services: base.services.map((s) => ({ ...s, latency: instant, errorRate: 0 })),
      edges: [
        ...base.edges.map((e) => ({ ...e, latencyMs: 0 })),
        // Each charge and each reservation publishes an event that starts a new saga: two per saga.
        ...['payment', 'stock'].map((from) => ({
          id: `again-${from}`,
          kind: 'topic' as const,
          from,
          to: 'orchestrator',
          topic: 'again',
          latencyMs: 0,
        })),
      ],
      faults: [],
      run: { ...base.run, hopLimit: 1000, untilMs: 10_000, serializationMs: { rest: 0, grpc: 0 } },
    };
    const { engine } = runAll(diagram);
    expect(engine.overloaded).toMatch(
      /^Overloaded at \d+ ms: 500,000 events happened without the clock moving/,
    );
    expect(engine.events).toBeLessThanOrEqual(2 * DENSE_EVENTS);
    expect(engine.now).toBeLessThan(1_000);
    expect(engine.check().violations).toEqual([]);
  });

  it('stops bursts of 10,000 every millisecond', () => {
    const { engine } = runAll({
      services: [
        {
          id: 'client',
          kind: 'client',
          traffic: { pattern: 'bursts', rate: 0, burstSize: 10_000, burstEveryMs: 1 },
        },
        { id: 'a', concurrency: 10_000, latency: instant },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'client', to: 'a', latencyMs: 0 }],
      run: { untilMs: 60_000 },
    });
    expect(engine.overloaded).toMatch(/^Overloaded at \d+ ms: 500,000 events in \d+ ms of simulated time/);
    expect(engine.events).toBeLessThanOrEqual(2 * DENSE_EVENTS);
    expect(engine.check().violations).toEqual([]);
  });

  it('stops 24 h at 10,000 requests a second at its event budget, which is not too dense', () => {
    const { engine } = runAll(
      {
        services: [
          { id: 'client', kind: 'client', traffic: { pattern: 'poisson', rate: 10_000 } },
          { id: 'a', concurrency: 1000 },
        ],
        edges: [{ id: 'e', kind: 'sync', from: 'client', to: 'a' }],
        run: { untilMs: 86_400_000 },
      },
      { maxEvents: 600_000 },
    );
    expect(engine.events).toBe(600_000);
    expect(engine.overloaded).toMatch(/^Stopped at \d+ ms after 600,000 events, the most one run may do/);
    expect(engine.now).toBeGreaterThan(10_000);
    expect(engine.check().violations).toEqual([]);
  });

  it('leaves a normal run alone', () => {
    const { engine } = runAll(orderSagaExample);
    expect(engine.overloaded).toBeNull();
    expect(engine.now).toBe(orderSagaExample.run.untilMs);
  });
});
