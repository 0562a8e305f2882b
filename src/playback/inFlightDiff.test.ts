import { describe, expect, it } from 'vitest';
import type { Diagram } from '../model/schema';
import { createEngine } from '../runtime/index';
import { checkoutExample } from '../scenarios/checkout';
import { jobQueueExample } from '../scenarios/jobQueue';
import { orderSagaExample } from '../scenarios/orderSaga';
import { MessageColumns } from './columns';
import { InFlightDiffer } from './inFlightDiff';
import { MESSAGE_LOOKS } from './types';

/** The columns' messages in the engine's own words, sorted by id: what the canvas would draw. */
function drawn(columns: MessageColumns, diagram: Diagram): string[] {
  const out: string[] = [];
  for (let s = 0; s < columns.highWater; s++) {
    if (!columns.alive[s]) continue;
    const edge = diagram.edges[columns.edge[s]!]?.id ?? '?';
    out.push(
      [
        columns.ids[s],
        edge,
        MESSAGE_LOOKS[columns.look[s]!],
        columns.types[s],
        columns.correlations[s],
        columns.sentAt[s],
        columns.arrivesAt[s],
        columns.fromT[s],
        columns.toT[s],
        columns.step[s],
      ].join('|'),
    );
  }
  return out.sort();
}

/** What the engine lists on its wire, in the same words. */
function listed(engine: ReturnType<typeof createEngine>): string[] {
  return engine
    .inFlight()
    .map((m) =>
      [
        m.id,
        m.edgeId,
        m.look,
        m.type,
        m.correlationId,
        m.sentAt,
        m.arrivesAt,
        m.fromT,
        m.toT,
        m.step ?? 0,
      ].join('|'),
    )
    .sort();
}

const paymentDown: Diagram = {
  ...checkoutExample,
  faults: [
    {
      id: 'f',
      kind: 'down',
      target: 'payment',
      atMs: 2_000,
      durationMs: 3_000,
      source: 'script',
    } as Diagram['faults'][number],
  ],
};

describe('InFlightDiffer', () => {
  it.each([
    ['checkout with payment down', paymentDown],
    ['the order saga', orderSagaExample],
    ['the job queue', jobQueueExample],
  ])(
    '%s: the diffs, applied in order, always rebuild exactly what the engine has on the wire',
    (_, diagram) => {
      const engine = createEngine(diagram, { seed: 3 });
      const differ = new InFlightDiffer();
      const columns = new MessageColumns();
      const edges = new Map(diagram.edges.map((e, i) => [e.id, i]));
      let t = 0;
      let compared = 0;
      for (let i = 0; i < 400; i++) {
        // Irregular strides, some zero: a frame where nothing moved sends nothing.
        t += [16, 0, 33, 7, 120][i % 5]!;
        engine.advanceTo(t);
        const diff = differ.diff(engine, (id) => edges.get(id) ?? -1);
        columns.apply(diff);
        expect(drawn(columns, diagram)).toEqual(listed(engine));
        expect(differ.size).toBe(columns.count);
        if (columns.count > 0) compared++;
      }
      expect(compared).toBeGreaterThan(50);
    },
  );

  it('sends nothing for a frame where nothing changed, and everything after a reset', () => {
    const engine = createEngine(checkoutExample, { seed: 1 });
    const differ = new InFlightDiffer();
    let t = 0;
    while (engine.inFlight().length === 0 && t < 10_000) engine.advanceTo((t += 10));
    const first = differ.diff(engine, () => 0);
    expect(first.full).toBe(true);
    expect(first.slots.length).toBe(engine.inFlight().length);
    expect(first.slots.length).toBeGreaterThan(0);
    const again = differ.diff(engine, () => 0);
    expect([again.full, again.slots.length, again.removed.length]).toEqual([false, 0, 0]);
    differ.reset();
    const after = differ.diff(engine, () => 0);
    expect(after.full).toBe(true);
    expect(after.slots.length).toBe(first.slots.length);
  });
});
