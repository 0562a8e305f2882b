import { describe, expect, it } from 'vitest';
import { Diagram, Objective } from '../model/schema';
import { evaluateObjective, evaluateObjectives, hasObjectives } from './objectives';
import type { ClientSeries, RunSeries } from './seriesShape';

const f = (values: number[]) => Float64Array.from(values);
/** A client series from per-bucket counts and p99s (p50 and p95 half and most of it). */
function client(succeeded: number[], failed: number[], p99: number[]): ClientSeries {
  const zeros = succeeded.map(() => 0);
  return {
    sent: f(succeeded.map((s, i) => s + failed[i]!)),
    succeeded: f(succeeded),
    failed: f(failed),
    timedOut: f(zeros),
    p50: f(p99.map((p) => p / 2)),
    p95: f(p99.map((p) => p * 0.9)),
    p99: f(p99),
    mean: f(p99.map((p) => p / 2)),
  };
}
const grid = (buckets: number, bucketMs = 1000, endMs = buckets * bucketMs) => ({
  bucketMs,
  t: f(Array.from({ length: buckets }, (_, i) => i * bucketMs)),
  endMs,
});
const objective = (o: Partial<Objective>) => Objective.parse(o);

describe('evaluateObjective', () => {
  it('judges each window on success and on the highest bucket percentile, and says when it missed', () => {
    const c = client([10, 10, 10, 5, 10, 10], [0, 0, 0, 5, 0, 0], [100, 120, 100, 400, 90, 90]);
    const r = evaluateObjective(grid(6), c, objective({ windowMs: 2000, latencyMs: 300, success: 0.9 }));
    expect(r.windows.map((w) => w.verdict)).toEqual(['met', 'missed', 'met']);
    expect(r.windows[1]).toMatchObject({
      startMs: 2000,
      endMs: 4000,
      ended: 20,
      success: 0.75,
      latencyMs: 400,
      missed: ['latency', 'success'],
    });
    expect(r.windows[0]!.latencyMs).toBe(120);
    expect(r).toMatchObject({ verdict: 'missed', met: 2, missed: 1, noTraffic: 0, windowMs: 2000 });
    expect(r.missedAt).toEqual([{ fromMs: 2000, toMs: 4000 }]);
  });

  it('uses the chosen percentile and only the targets that are set', () => {
    const c = client([10, 10], [5, 5], [400, 400]);
    // p95 = 360 here; success 2/3 is not checked when no success target is set.
    const p95 = evaluateObjective(
      grid(2),
      c,
      objective({ windowMs: 1000, percentile: 'p95', latencyMs: 380 }),
    );
    expect(p95.verdict).toBe('met');
    const p99 = evaluateObjective(grid(2), c, objective({ windowMs: 1000, latencyMs: 380 }));
    expect(p99.windows.map((w) => w.missed)).toEqual([['latency'], ['latency']]);
    expect(p99.missedAt).toEqual([{ fromMs: 0, toMs: 2000 }]);
  });

  it('a window where nothing ended is neither met nor missed; no traffic at all says so', () => {
    const c = client([0, 0, 4], [0, 0, 0], [Number.NaN, Number.NaN, 50]);
    const r = evaluateObjective(grid(3), c, objective({ windowMs: 1000, success: 0.99 }));
    expect(r.windows.map((w) => w.verdict)).toEqual(['no-traffic', 'no-traffic', 'met']);
    expect(Number.isNaN(r.windows[0]!.success)).toBe(true);
    const idle = evaluateObjective(
      grid(3),
      client([0, 0, 0], [0, 0, 0], [NaN, NaN, NaN]),
      objective({ windowMs: 1000 }),
    );
    expect(idle).toMatchObject({ verdict: 'no-traffic', met: 0, missed: 0, noTraffic: 3 });
  });

  it('all failed: success 0 misses, and latency is not judged without a success', () => {
    const c = client([0], [7], [Number.NaN]);
    const r = evaluateObjective(grid(1), c, objective({ latencyMs: 10, success: 0.5 }));
    expect(r.windows[0]).toMatchObject({ verdict: 'missed', success: 0, missed: ['success'] });
  });

  it('rounds the window to whole buckets (at least one), and the last window ends with the series', () => {
    const c = client([1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [5, 5, 5, 5, 5]);
    const wide = evaluateObjective(grid(5, 1000, 4500), c, objective({ windowMs: 2200, success: 1 }));
    expect(wide.windowMs).toBe(2000);
    expect(wide.windows.map((w) => [w.startMs, w.endMs])).toEqual([
      [0, 2000],
      [2000, 4000],
      [4000, 4500],
    ]);
    // A series downsampled to 4 s buckets: a 100 ms window becomes one bucket.
    expect(evaluateObjective(grid(5, 4000), c, objective({ windowMs: 100 })).windowMs).toBe(4000);
  });
});

describe('evaluateObjectives', () => {
  const diagram = Diagram.parse({
    services: [
      { id: 'web', kind: 'client', objective: { success: 0.9 } },
      { id: 'api', objective: { success: 0.9 } },
      { id: 'app', kind: 'client', objective: { latencyMs: 100 } },
      { id: 'cli', kind: 'client' },
    ],
  });
  const series = {
    ...grid(2),
    clients: { web: client([5, 5], [0, 5], [10, 10]) },
    services: {},
    channels: {},
    sagas: {},
    edges: {},
  } as RunSeries;

  it('judges every client with an objective, by id; a client without a column had no traffic', () => {
    const r = evaluateObjectives(diagram, series);
    expect(Object.keys(r)).toEqual(['web', 'app']);
    expect(r.web!.verdict).toBe('missed');
    expect(r.app!.verdict).toBe('no-traffic');
    expect(hasObjectives(diagram)).toBe(true);
    expect(hasObjectives(Diagram.parse({ services: [{ id: 'api', objective: {} }] }))).toBe(false);
  });
});
