import { describe, expect, it } from 'vitest';
import { checkReferences, parseDiagram } from '../model/parse';
import { Diagram } from '../model/schema';
import { createEngine } from '../runtime/index';
import { checkoutExample, checkoutInput } from './checkout';
import { SCENARIOS } from './index';

/** Each built-in example runs cleanly and shows what its description promises. */
describe('built-in scenarios', () => {
  // Checkout takes its defaults from their plain copy (it is on the first screen, which does without
  // zod): the schema must read it as valid and as the same diagram, key order included.
  it('checkout is what the schema makes of it', () => {
    const parsed = parseDiagram(checkoutInput);
    expect(parsed.ok && parsed.diagram).toStrictEqual(checkoutExample);
    expect(JSON.stringify(checkoutExample)).toBe(JSON.stringify(Diagram.parse(checkoutInput)));
  });

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

  // A person presses Play on an example and must see requests move, not flash past.
  for (const s of SCENARIOS) {
    it(`${s.id} moves a message within a second of Play at its own speed, long enough to see`, () => {
      const d = s.diagram;
      const engine = createEngine(d);
      // Frame by frame (60 Hz) through the first second of wall time: when does a message first
      // fly, and for how many frames is one in the air (too few and it is a flicker, not a movement)?
      let first = -1;
      let framesInFlight = 0;
      for (let wall = 0; wall <= 1_000; wall += 16) {
        engine.advanceTo(wall * d.run.speed);
        if (!engine.inFlight().length) continue;
        if (first < 0) first = wall;
        framesInFlight++;
      }
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(800);
      expect(framesInFlight).toBeGreaterThanOrEqual(10);
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
