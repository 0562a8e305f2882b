import { describe, expect, it } from 'vitest';
import { checkReferences } from '../model/parse';
import { createEngine } from '../runtime/index';
import { SCENARIOS } from './index';

/** Each built-in example runs cleanly and shows what its description promises. */
describe('built-in scenarios', () => {
  const run = (id: string) => {
    const s = SCENARIOS.find((x) => x.id === id)!;
    const engine = createEngine(s.diagram);
    engine.advanceTo(engine.untilMs);
    return { engine, m: engine.metrics() };
  };

  for (const s of SCENARIOS) {
    it(`${s.id} is valid and keeps the invariants`, () => {
      expect(checkReferences(s.diagram)).toEqual([]);
      expect(s.summary.length).toBeGreaterThan(40);
      expect(run(s.id).engine.check()).toEqual({ conservation: true, sagas: true, violations: [] });
    });
  }

  it('order-saga compensates some orders and completes most', () => {
    const { m } = run('order-saga');
    expect(m.sagas.order!.compensated).toBeGreaterThan(10);
    expect(m.sagas.order!.completed).toBeGreaterThan(m.sagas.order!.compensated);
  });

  it('job-queue shows a backlog, redeliveries, dead letters and duplicates', () => {
    const { m } = run('job-queue');
    const jobs = m.channels['resize-jobs']!;
    expect(jobs.maxDepth).toBeGreaterThan(20);
    expect(jobs.redelivered).toBeGreaterThan(0);
    expect(jobs.deadLettered).toBeGreaterThan(0);
    expect(m.duplicates).toBeGreaterThan(0);
  });

  it('choreography compensates back along the chain', () => {
    const { m } = run('choreography');
    expect(m.sagas.fulfilment!.compensated).toBeGreaterThan(10);
  });
});
