import { describe, expect, it } from 'vitest';
import type { SweepJob, SweepRow, SweepRun } from '../../runtime/index';
import { partialResults } from './LoadTest';
import { finishedPoints, startPool, workerCount } from './pool';
import { checkForm, DEFAULT_FORM } from './settings';
import { describeSweep } from './summary';

describe('load test form', () => {
  it('turns the defaults into 15 loads from 10 % to 150 % of capacity', () => {
    const checked = checkForm(DEFAULT_FORM, 200);
    expect(checked).toEqual({
      ok: true,
      rates: [20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220, 240, 260, 280, 300],
      seeds: 3,
      durationMs: 60_000,
    });
  });

  it('says what is wrong, field by field', () => {
    const errors = (patch: Partial<typeof DEFAULT_FORM>, capacity = 200) => {
      const checked = checkForm({ ...DEFAULT_FORM, ...patch }, capacity);
      return checked.ok ? null : checked.errors;
    };
    expect(errors({ points: '1' })).toEqual({ points: 'Points must be from 2 to 100.' });
    expect(errors({ points: '2.5' })).toEqual({ points: 'Points must be a whole number.' });
    expect(errors({ seeds: '' })).toEqual({ seeds: 'Seeds must be a number.' });
    expect(errors({ fromPercent: '50', toPercent: '20' })).toEqual({ toPercent: 'To must be above From.' });
    expect(errors({ durationSeconds: '0' })).toEqual({ durationSeconds: 'Duration must be from 1 to 600.' });
    expect(errors({ toPercent: '1000' }, 5000)).toEqual({
      toPercent: '11107.14 per second is above the most a client can send (10000).',
    });
    expect(errors({ points: '100', fromPercent: '1', toPercent: '2' }, 1)).toEqual({
      toPercent: 'Some points round to the same rate: use fewer points or a wider range.',
    });
    expect(errors({}, Infinity)).toEqual({
      fromPercent: 'No capacity could be estimated: nothing this client reaches takes time.',
    });
  });
});

describe('load test summary', () => {
  const row = (rate: number, p99: number, successRate: number, overloaded = false): SweepRow => ({
    ...{
      rate,
      p50: p99 / 2,
      p95: p99 * 0.9,
      p99,
      mean: p99 / 2,
      successRate,
      throughput: rate * successRate,
    },
    ...{
      offered: rate,
      overloaded,
      overloadReason: overloaded ? 'growing' : null,
      objective: null,
      seeds: 3,
    },
    bottleneck: { id: 'pay', name: 'Payment', utilization: 0.5, waitMs: 1, received: 10 },
  });

  it('says the range, the knee, the objective, the overloaded loads and the trends', () => {
    const summary = {
      rows: [row(10, 100, 1), row(20, 150, 1), row(30, 900, 0.6, true)],
      knee: 30,
      kneeReason: 'overloaded',
      objectiveMissedAt: 20,
    };
    expect(describeSweep(summary, 'Web', true)).toBe(
      'Load test of Web: 3 loads from 10/s to 30/s. Knee at 30/s: overloaded. The objective is first missed at 20/s. ' +
        'Overloaded from 30/s (1 of 3 loads). p99 latency goes from 100 ms to 900 ms; success from 100 % to 60 %. ' +
        'Throughput peaks at 20/s, offered 20/s. Payment is the busiest service.',
    );
    expect(
      describeSweep({ ...summary, knee: null, kneeReason: null, objectiveMissedAt: null }, 'Web', false),
    ).toMatch(/^Load test of Web: 3 loads from 10\/s to 30\/s\. No knee in this range\. Overloaded/);
  });
});

/** A Web Worker stand-in that answers each job with a run, after the test lets it. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  jobs: Array<{ id: number; job: SweepJob }> = [];
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: { id: number; job: SweepJob }) {
    this.jobs.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  /** Finishes this worker's oldest job. */
  answer() {
    const { id, job } = this.jobs.shift()!;
    const run = { rate: job.rate, seed: job.seed } as SweepRun;
    this.onmessage?.({ data: { id, run } } as MessageEvent);
  }
}

describe('load test worker pool', () => {
  const jobs = [1, 2, 3].map((rate) => ({ rate, seed: 1 }) as SweepJob);

  it('uses one worker per core, at most one per job', () => {
    expect(workerCount(45, 2)).toBe(2);
    expect(workerCount(3, 8)).toBe(3);
    expect(workerCount(100, 64)).toBe(16);
  });

  it('hands out jobs as workers finish, gives runs back in job order, then stops the workers', () => {
    FakeWorker.made = [];
    const progress: number[] = [];
    let runs: SweepRun[] = [];
    startPool(
      jobs,
      { onProgress: (done) => progress.push(done), onDone: (r) => (runs = r), onError: () => {} },
      () => new FakeWorker() as unknown as Worker,
    );
    expect(FakeWorker.made).toHaveLength(workerCount(3));
    const [a, b] = FakeWorker.made;
    if (b) {
      b.answer(); // job 2 finishes first: b takes job 3
      b.answer();
      a!.answer();
    } else for (let i = 0; i < 3; i++) a!.answer();
    expect(progress).toEqual([1, 2, 3]);
    expect(runs.map((r) => r.rate)).toEqual([1, 2, 3]);
    expect(FakeWorker.made.every((w) => w.terminated)).toBe(true);
  });

  it('cancel terminates every worker and reports nothing after', () => {
    FakeWorker.made = [];
    const progress: number[] = [];
    const pool = startPool(
      jobs,
      { onProgress: (done) => progress.push(done), onDone: () => progress.push(-1), onError: () => {} },
      () => new FakeWorker() as unknown as Worker,
    );
    FakeWorker.made[0]!.answer();
    pool.cancel();
    expect(FakeWorker.made.every((w) => w.terminated)).toBe(true);
    FakeWorker.made[0]!.answer();
    expect(progress).toEqual([1]);
  });

  it("cancel gives back the runs already finished, at their jobs' places", () => {
    FakeWorker.made = [];
    const pool = startPool(
      jobs,
      { onProgress: () => {}, onDone: () => {}, onError: () => {} },
      () => new FakeWorker() as unknown as Worker,
    );
    FakeWorker.made[0]!.answer();
    const finished = pool.cancel();
    expect(finished).toHaveLength(3);
    expect(finished[0]?.rate).toBe(1);
    expect(finished.slice(1).every((r) => r === undefined)).toBe(true);
  });
});

describe('a cancelled load test keeps the loads it finished', () => {
  /** A run of `rate` with `seed` in which every request succeeded in 10 ms. */
  const run = (rate: number, seed: number): SweepRun => ({
    rate,
    seed,
    ranMs: 60_000,
    events: 100,
    sent: rate * 60,
    succeeded: rate * 60,
    failed: 0,
    timedOut: 0,
    latencyMs: { p50: 10, p95: 10, p99: 10, mean: 10 },
    bottleneck: null,
    overloaded: null,
    objective: null,
  });

  it('draws a load only when every one of its seeds finished', () => {
    // Rates 10, 20, 30 × 2 seeds: 10 whole, 20 half, 30 not started.
    const runs = [run(10, 1), run(10, 2), run(20, 1), undefined, undefined, undefined];
    expect(finishedPoints(runs, 3, 2).map((r) => `${r.rate}/${r.seed}`)).toEqual(['10/1', '10/2']);
    const results = partialResults(runs, [null], 3, 2)!;
    expect(results.map((r) => r.summary.rows.map((x) => x.rate))).toEqual([[10]]);
  });

  it('while comparing, keeps the loads both designs finished, so the curves share their loads', () => {
    const a = [run(10, 1), run(20, 1), run(30, 1)];
    const b = [run(10, 1), undefined, run(30, 1)];
    const results = partialResults([...a, ...b], ['A', 'B'], 3, 1)!;
    expect(results.map((r) => [r.label, r.summary.rows.map((x) => x.rate)])).toEqual([
      ['A', [10, 30]],
      ['B', [10, 30]],
    ]);
  });

  it('draws nothing when no load finished', () => {
    expect(partialResults([run(10, 1), undefined], [null], 1, 2)).toBeNull();
  });
});
