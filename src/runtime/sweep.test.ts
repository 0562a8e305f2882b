import { describe, expect, it } from 'vitest';
import { Diagram, type DiagramInput } from '../model/schema';
import {
  checkRates,
  defaultRates,
  findKnee,
  ratesFromPercent,
  runSweep,
  seedsFrom,
  summarizeSweep,
  sweepJobs,
  type SweepRow,
} from './sweep';
import { estimateClientCapacity } from './sweepCapacity';
import { runSweepJob } from './sweepPoint';
import { mmcDiagram } from './testing/queueingDiagrams';

describe('load test (sweep)', () => {
  it('on M/M/1 the swept mean queue wait follows ρ/(μ−λ) within 5 % up to ρ = 0.9', () => {
    // Mean service 1 ms (μ = 1 per ms); 300 s per seed, 3 seeds: about 810,000 customers at ρ = 0.9.
    const diagram = mmcDiagram(100, 1, 1, 1000);
    const { rows } = runSweep(sweepJobs(diagram, 'source', [100, 500, 900], [1, 2, 3], 300_000));
    expect(rows.map((r) => r.rate)).toEqual([100, 500, 900]);
    for (const row of rows) {
      const lambda = row.rate / 1000;
      const expected = lambda / (1 - lambda); // ρ/(μ−λ) with μ = 1 per ms
      expect(row.bottleneck?.id).toBe('server');
      expect(Math.abs(row.bottleneck!.waitMs - expected) / expected).toBeLessThan(0.05);
      expect(row.overloaded).toBe(false);
      expect(row.successRate).toBe(1);
      expect(Math.abs(row.throughput - row.rate) / row.rate).toBeLessThan(0.02);
    }
    // Latency rises with load.
    const p99 = rows.map((r) => r.p99!);
    expect([...p99].sort((a, b) => a - b)).toEqual(p99);
  });

  it('estimates M/M/1 capacity as μ and counts the time a caller holds its slot on a sync call', () => {
    expect(estimateClientCapacity(mmcDiagram(5, 1, 1, 1000), 'source')).toEqual({
      ratePerSecond: 1000,
      limitedBy: 'server',
    });
    // The gateway handles in 1 ms but holds its slot for the 2 × 5 ms network and the 40 ms backend.
    const chain = Diagram.parse({
      services: [
        { id: 'web', kind: 'client', traffic: { pattern: 'poisson', rate: 1 } },
        { id: 'gw', kind: 'gateway', concurrency: 10, latency: { dist: 'fixed', ms: 1 } },
        { id: 'backend', concurrency: 100, latency: { dist: 'fixed', ms: 40 } },
      ],
      edges: [
        { id: 'a', kind: 'sync', from: 'web', to: 'gw' },
        { id: 'b', kind: 'sync', from: 'gw', to: 'backend', latencyMs: 5 },
      ],
      run: { serializationMs: { rest: 0, grpc: 0 } },
    } satisfies DiagramInput);
    const estimate = estimateClientCapacity(chain, 'web');
    expect(estimate.limitedBy).toBe('gw');
    expect(estimate.ratePerSecond).toBeCloseTo((10 * 1000) / 51, 6);
    expect(defaultRates(chain, 'web')).toHaveLength(15);
  });

  it('marks a point past capacity overloaded and never runs past its event budget', () => {
    const diagram = mmcDiagram(5, 1, 1, 1000);
    const over = runSweepJob({
      diagram,
      clientId: 'source',
      rate: 1500,
      seed: 1,
      durationMs: 20_000,
      maxEvents: 5_000_000,
    });
    expect(over.overloaded).toMatch(/still open|still growing/);
    const budget = runSweepJob({
      diagram,
      clientId: 'source',
      rate: 1500,
      seed: 1,
      durationMs: 3_600_000,
      maxEvents: 50_000,
    });
    expect(budget.events).toBeLessThanOrEqual(50_000);
    expect(budget.overloaded).not.toBeNull();
    expect(budget.ranMs).toBeLessThan(3_600_000);
    const { rows, knee, kneeReason } = summarizeSweep([
      runSweepJob({
        diagram,
        clientId: 'source',
        rate: 500,
        seed: 1,
        durationMs: 20_000,
        maxEvents: 5_000_000,
      }),
      over,
    ]);
    expect(rows.map((r) => r.overloaded)).toEqual([false, true]);
    expect([knee, kneeReason]).toEqual([1500, 'overloaded']);
  });

  it('gives the same rows whatever order the runs come back in', () => {
    const jobs = sweepJobs(mmcDiagram(5, 2, 1, 1000), 'source', [100, 200, 300], seedsFrom(4, 2), 5000);
    const runs = jobs.map(runSweepJob);
    expect(summarizeSweep([...runs].reverse())).toEqual(summarizeSweep(runs));
  });

  it("finds the first load that misses the client's objective", () => {
    const input = mmcDiagram(5, 1, 1, 1000);
    const diagram: Diagram = {
      ...input,
      services: input.services.map((s) =>
        s.kind === 'client' ? { ...s, objective: { windowMs: 1000, percentile: 'p99', latencyMs: 20 } } : s,
      ),
    };
    const summary = runSweep(sweepJobs(diagram, 'source', [200, 500, 900], [1, 2], 20_000));
    expect(summary.rows.map((r) => r.objective)).toEqual(['met', 'met', 'missed']);
    expect(summary.objectiveMissedAt).toBe(900);
    const none = runSweep(sweepJobs(input, 'source', [200], [1], 2000));
    expect([none.rows[0]!.objective, none.objectiveMissedAt]).toEqual([null, null]);
  });

  it('finds the knee where p99 doubles, or success falls 5 points', () => {
    const row = (rate: number, p99: number | null, successRate = 1): SweepRow => ({
      rate,
      p50: p99,
      p95: p99,
      p99,
      mean: p99,
      successRate,
      throughput: rate,
      offered: rate,
      overloaded: false,
      overloadReason: null,
      objective: null,
      bottleneck: null,
      seeds: 1,
    });
    expect(findKnee([row(10, 5), row(20, 7), row(30, 10.5), row(40, 30)])?.rate).toBe(30);
    expect(findKnee([row(10, 5), row(20, 6, 0.9)])).toEqual({
      rate: 20,
      reason: 'success 90.0 % is 5 points under the 100 % at the lowest load',
    });
    expect(findKnee([row(10, null, 0), row(20, 6, 0)])).toBeNull();
  });

  it('builds ranges and refuses bad ones with a reason', () => {
    expect(ratesFromPercent(200, 10, 150, 15)).toEqual([
      20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220, 240, 260, 280, 300,
    ]);
    expect(checkRates([])).toBe('The range has no rate in it.');
    expect(checkRates([0, 1])).toBe('A rate must be above 0 per second (got 0).');
    expect(checkRates([20_000])).toBe('20000 per second is above the most a client can send (10000).');
    expect(checkRates(Array.from({ length: 101 }, (_, i) => i + 1))).toBe(
      '101 points are too many: at most 100.',
    );
    expect(checkRates([1, 2])).toBeNull();
  });
});
