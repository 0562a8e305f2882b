import { describe, expect, it } from 'vitest';
import { Objective } from '../model/schema';
import type { RunSeries } from '../runtime/index';
import { clientHealth, serviceThroughput } from './health';

const f = (v: number[]) => Float64Array.from(v);
/** Ten 1-second buckets: the client fails everything from 6 s on; the service handles 4 a second. */
const series = {
  bucketMs: 1000,
  t: f([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((s) => s * 1000)),
  endMs: 10_000,
  clients: {
    web: {
      sent: f(Array(10).fill(4)),
      succeeded: f([4, 4, 4, 4, 4, 4, 0, 0, 1, 3]),
      failed: f([0, 0, 0, 0, 0, 0, 4, 4, 3, 1]),
      timedOut: f(Array(10).fill(0)),
      p50: f(Array(10).fill(10)),
      p95: f([20, 20, 20, 20, 20, 20, NaN, NaN, 35.4, 21]),
      p99: f(Array(10).fill(40)),
      mean: f(Array(10).fill(10)),
    },
  },
  services: {
    api: {
      utilization: f(Array(10).fill(0.5)),
      inbox: f(Array(10).fill(0)),
      inSystem: f(Array(10).fill(1)),
      received: f(Array(10).fill(4)),
      handled: f(Array(10).fill(3)),
      failed: f(Array(10).fill(1)),
    },
  },
  channels: {},
  sagas: {},
  edges: {},
} as unknown as RunSeries;

describe('card health from the series', () => {
  it('success rate and p95 over the last 5 s; the objective as its latest judged window', () => {
    const h = clientHealth(series, 'web', Objective.parse({ windowMs: 5000, success: 0.9 }));
    // 5–9 s: 4 + 0 + 0 + 1 + 3 = 8 of 20 succeeded.
    expect(h).toEqual({ success: 0.4, p95: 35, objective: 'missed', missed: 1, judged: 2 });
    expect(clientHealth(series, 'web', undefined)!.objective).toBeNull();
  });

  it('no series, or a client the series does not have: nothing to show', () => {
    expect(clientHealth(null, 'web', undefined)).toBeNull();
    expect(clientHealth(series, 'other', undefined)).toBeNull();
    // A run at 0 s has series but has not moved: the card keeps its settings line.
    const atStart = { ...series, endMs: 0 } as RunSeries;
    expect(clientHealth(atStart, 'web', undefined)).toBeNull();
    expect(serviceThroughput(atStart, 'api')).toBeNull();
  });

  it('figures are computed once per series object: a store update that left the series alone reuses them', () => {
    const objective = Objective.parse({ windowMs: 5000, success: 0.9 });
    const first = clientHealth(series, 'web', objective);
    expect(clientHealth(series, 'web', objective)).toBe(first);
    // An edited objective is judged again on the same series.
    expect(clientHealth(series, 'web', Objective.parse({ windowMs: 5000, success: 0.3 }))!.objective).toBe(
      'met',
    );
    // The next refresh is a new series object, with its own figures.
    const api = series.services.api!;
    const busier = { ...series, services: { api: { ...api, handled: f(Array(10).fill(7)) } } } as RunSeries;
    expect(serviceThroughput(series, 'api')).toBe(4);
    expect(serviceThroughput(busier, 'api')).toBe(8);
  });

  it('a service handles (handled + failed) per second over the recent past', () => {
    expect(serviceThroughput(series, 'api')).toBe(4);
    expect(serviceThroughput(null, 'api')).toBeNull();
  });
});
