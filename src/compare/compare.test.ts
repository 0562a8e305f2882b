import { describe, expect, it } from 'vitest';
import { makeFault } from '../model/defaults';
import { changeEdgeKind } from '../model/edits';
import type { Diagram } from '../model/schema';
import { createEngine, evaluateObjectives, hasObjectives, seriesToJson } from '../runtime/index';
import { checkoutExample } from '../scenarios/checkout';
import { compareRuns, comparisonRuns, formatDifference, formatValue, type ComparedReport } from './index';

/** A run's report with its series, as `sim --json --series 1s` prints it. */
function run(diagram: Diagram): ComparedReport {
  const engine = createEngine(diagram, { seriesBucketMs: 1000 });
  engine.advanceTo(engine.untilMs);
  const series = engine.series()!;
  return {
    until: engine.untilMs,
    ...engine.metrics(),
    series: seriesToJson(series),
    ...(hasObjectives(diagram) ? { objectives: evaluateObjectives(diagram, series) } : {}),
  };
}

/** The article's case: Checkout with Payment down from 20 s to 30 s; B calls Payment through a queue. */
const syncDesign: Diagram = {
  ...checkoutExample,
  faults: [makeFault({ id: 'pay-down', kind: 'down', target: 'payment', atMs: 20_000, durationMs: 10_000 })],
};
const queueDesign = changeEdgeKind(syncDesign, 'e-orders-payment', 'queue');

function compareDesigns(a: Diagram, b: Diagram) {
  const runs = comparisonRuns(a, b);
  return compareRuns(run(runs.a), run(runs.b), runs.faults);
}

const row = (c: ReturnType<typeof compareRuns>, key: string) =>
  c.clients[0]!.rows.find((r) => r.key === key) ?? c.system.find((r) => r.key === key)!;

describe('compareRuns', () => {
  it('a diagram against itself: every difference zero, nothing unmatched, and it says so', () => {
    const c = compareDesigns(syncDesign, syncDesign);
    expect(c.identical).toBe(true);
    for (const r of [...c.clients.flatMap((x) => x.rows), ...c.system]) {
      if (r.a !== null) expect(r.difference).toBe(0);
      expect(r.winner === 'same' || r.winner === null).toBe(true);
    }
    expect(c.onlyInA).toEqual([]);
    expect(c.onlyInB).toEqual([]);
    expect(c.verdict).toBe('A and B give exactly the same figures.');
  });

  it('sync vs queue with Payment down: the queue keeps the client succeeding during the fault', () => {
    const c = compareDesigns(syncDesign, queueDesign);
    expect(c.identical).toBe(false);
    expect(c.faults).toEqual([
      expect.objectContaining({
        id: 'pay-down',
        label: 'Payment Service is down (20–30 s)',
        startMs: 20_000,
      }),
    ]);
    const during = row(c, 'success.during.pay-down');
    expect(during.label).toBe('Success while Payment Service is down (20–30 s)');
    expect(during.a).toBe(0);
    expect(during.b).toBe(1);
    expect(during.winner).toBe('b');
    expect(during.difference).toBe(1);
    // Latency: lower is better, and B answers without waiting for Payment and the bank.
    const p50 = row(c, 'latency.p50');
    expect(p50.better).toBe('lower');
    expect(p50.b!).toBeLessThan(p50.a!);
    expect(p50.winner).toBe('b');
    // The queue B added holds the backlog while Payment is down: a deeper queue is worse.
    const depth = row(c, 'maxQueueDepth');
    expect(depth.a).toBe(0);
    expect(depth.b!).toBeGreaterThan(0);
    expect(depth.winner).toBe('a');
    expect(depth.detail?.b).toBe('payment-service-jobs');
    expect(c.onlyInB).toEqual([
      { kind: 'channel', id: 'payment-service-jobs', name: 'payment-service-jobs' },
    ]);
    expect(c.verdict).toMatch(
      /^B keeps Web Client at 100 % success while Payment Service is down \(A: 0 %\), .*answers it in \d+ ms instead of \d+ ms at p50.*, but has its deepest queue \(payment-service-jobs\) at \d+ messages \(A: 0\)\.$/,
    );
  });

  it('the verdict only quotes figures of the table', () => {
    const c = compareDesigns(syncDesign, queueDesign);
    const quoted = c.verdict.match(/\d+(\.\d+)? (ms|%)|\d+(\.\d+)?\/s|\d+ messages/g) ?? [];
    const shown = new Set(
      [...c.clients.flatMap((x) => x.rows), ...c.system].flatMap((r) => [
        formatValue(r.unit, r.a),
        formatValue(r.unit, r.b),
      ]),
    );
    for (const q of quoted) expect(shown.has(q.replace(/ messages$/, ''))).toBe(true);
  });

  it('swapping A and B swaps the winner and negates the difference', () => {
    const ab = compareDesigns(syncDesign, queueDesign);
    const ba = compareRuns(
      run(comparisonRuns(queueDesign, syncDesign).a),
      run(comparisonRuns(syncDesign, queueDesign).a),
      syncDesign.faults,
    );
    const during = row(ba, 'success.during.pay-down');
    expect(during.winner).toBe('a');
    expect(during.difference).toBe(-row(ab, 'success.during.pay-down').difference!);
  });

  it('matches clients by id and lists what has no counterpart', () => {
    const second = {
      ...syncDesign.services.find((s) => s.id === 'client')!,
      id: 'mobile',
      name: 'Mobile App',
    };
    const b: Diagram = {
      ...syncDesign,
      services: [...syncDesign.services.filter((s) => s.id !== 'email'), second],
      edges: [
        ...syncDesign.edges.filter((e) => e.id !== 'e-orders-email'),
        { ...syncDesign.edges.find((e) => e.id === 'e-client-gw')!, id: 'e-mobile-gw', from: 'mobile' },
      ],
    };
    const c = compareDesigns(syncDesign, b);
    expect(c.clients.map((x) => x.id)).toEqual(['client']);
    expect(c.onlyInA).toEqual([
      { kind: 'service', id: 'email', name: 'Email' },
      { kind: 'edge', id: 'e-orders-email', name: 'e-orders-email' },
    ]);
    expect(c.onlyInB).toEqual([
      { kind: 'client', id: 'mobile', name: 'Mobile App' },
      { kind: 'edge', id: 'e-mobile-gw', name: 'e-mobile-gw' },
    ]);
    expect(c.identical).toBe(false);
  });

  it('without a series the success during a fault is unknown, not zero', () => {
    const a = run(syncDesign);
    delete a.series;
    const c = compareRuns(a, a, syncDesign.faults);
    const during = row(c, 'success.during.pay-down');
    expect(during.a).toBeNull();
    expect(during.winner).toBeNull();
    expect(c.identical).toBe(true);
  });

  it('counts objective windows met when either run has an objective', () => {
    const withObjective: Diagram = {
      ...syncDesign,
      services: syncDesign.services.map((s) =>
        s.id === 'client' ? { ...s, objective: { windowMs: 5_000, percentile: 'p99', success: 0.99 } } : s,
      ),
    };
    const c = compareDesigns(withObjective, changeEdgeKind(withObjective, 'e-orders-payment', 'queue'));
    const objective = row(c, 'objective');
    expect(objective.better).toBe('higher');
    expect(objective.a!).toBeLessThan(1);
    expect(objective.b).toBe(1);
    expect(objective.winner).toBe('b');
  });
});

describe('comparisonRuns', () => {
  it("runs both with A's settings and fault script, leaving out faults on what B lacks", () => {
    const b: Diagram = {
      ...syncDesign,
      services: syncDesign.services.filter((s) => s.id !== 'payment'),
      edges: syncDesign.edges.filter((e) => e.from !== 'payment' && e.to !== 'payment'),
      faults: [],
      run: { ...syncDesign.run, seed: 7, untilMs: 5_000 },
    };
    const runs = comparisonRuns(syncDesign, b, 99);
    expect(runs.a.run.seed).toBe(99);
    expect(runs.b.run).toEqual(runs.a.run);
    expect(runs.b.run.untilMs).toBe(60_000);
    expect(runs.b.faults).toEqual([]);
    expect(runs.skippedInB).toEqual(['pay-down']);
    expect(runs.bSettingsReplaced).toBe(true);
    expect(comparisonRuns(syncDesign, queueDesign).bSettingsReplaced).toBe(false);
  });
});

describe('format', () => {
  it('shows values and signed differences in their units', () => {
    expect(formatValue('ms', 142.3)).toBe('142 ms');
    expect(formatValue('ms', 9.46)).toBe('9.5 ms');
    expect(formatValue('share', 1)).toBe('100 %');
    expect(formatValue('share', 0.7777)).toBe('77.8 %');
    expect(formatValue('perSecond', 1.954)).toBe('1.95/s');
    expect(formatValue('count', null)).toBe('—');
    expect(formatDifference({ unit: 'share', difference: -1, winner: 'a' })).toBe('−100 pts');
    expect(formatDifference({ unit: 'ms', difference: 12.04, winner: 'a' })).toBe('+12 ms');
    expect(formatDifference({ unit: 'ms', difference: 0.01, winner: 'same' })).toBe('0');
  });
});
