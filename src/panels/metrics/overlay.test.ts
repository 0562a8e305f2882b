import { describe, expect, it } from 'vitest';
import { CHARTS, type SeriesData } from './chartSpecs';
import { overlayLines } from './overlay';

const latency = CHARTS.client.find((c) => c.id === 'latency')!;
const requests = CHARTS.client.find((c) => c.id === 'requests')!;

/** A run of `n` buckets of 1 s whose client `web` has p50 = 10 × (i + 1) and sends 2 per bucket. */
function run(n: number, bucketMs = 1000): SeriesData {
  const column = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  return {
    bucketMs,
    t: column((i) => i * bucketMs),
    endMs: n * bucketMs,
    clients: {
      web: {
        sent: column(() => 2),
        p50: column((i) => 10 * (i + 1)),
        p95: column(() => NaN),
        p99: column(() => NaN),
      },
    },
    services: {},
    channels: {},
    sagas: {},
  };
}

describe("the other design's lines over the live run's charts", () => {
  it('are cut where the live run is: the same stretch of simulated time, bucket for bucket', () => {
    const whole = run(60);
    const live = { t: run(60).t, endMs: 3500 };
    const other = overlayLines(latency, 'client', 'web', { series: whole, live: 'A' }, live)!;
    expect(other.live).toBe('A');
    expect(other.lines[0]!.slice(0, 5)).toEqual([10, 20, 30, 40, null]);
    // No sample is no line, not zero.
    expect(other.lines[1]!.slice(0, 2)).toEqual([null, null]);
    // Counts are rates over the other run's whole buckets.
    const sent = overlayLines(requests, 'client', 'web', { series: whole, live: 'B' }, live)!;
    expect(sent.lines[0]!.slice(0, 4)).toEqual([2, 2, 2, 2]);
  });

  it("read the other run's wider buckets at the same moment when it was downsampled", () => {
    const wide = run(30, 2000);
    const live = { t: run(6).t, endMs: 6000 };
    const other = overlayLines(latency, 'client', 'web', { series: wide, live: 'A' }, live)!;
    expect(other.lines[0]).toEqual([10, 10, 20, 20, 30, 30]);
  });

  it('are none when the other design has no such element', () => {
    const live = { t: run(3).t, endMs: 3000 };
    expect(overlayLines(latency, 'client', 'mobile', { series: run(3), live: 'B' }, live)).toBeNull();
    expect(overlayLines(latency, 'client', 'constructor', { series: run(3), live: 'B' }, live)).toBeNull();
  });
});
