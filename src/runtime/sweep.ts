import type { Diagram } from '../model/schema';
import { estimateClientCapacity } from './sweepCapacity';
import { runSweepJob, type Bottleneck, type SweepJob, type SweepRun } from './sweepPoint';

/**
 * A load test ("find the breaking point", issue 12): one client's rate swept over a range, each
 * point run with several seeds, aggregated into one row per rate, with the knee and the first load
 * that misses the client's objective. Pure and deterministic: the same diagram, rates and seeds give
 * the same rows, however the runs are spread over workers (`sweepJobs` → `runSweepJob` anywhere →
 * `summarizeSweep`).
 */

/** One point of the curve: a rate, its seeds' runs taken together. */
export interface SweepRow {
  /** Offered load: the client's rate, requests per second. */
  rate: number;
  /** Latency percentiles (ms) of the requests that succeeded: each seed's, averaged (null: none succeeded). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  mean: number | null;
  /** Requests that succeeded ÷ requests that ended, all seeds together (null: none ended). */
  successRate: number | null;
  /** Requests that succeeded per simulated second, averaged over the seeds' runs. */
  throughput: number;
  /** Requests sent per simulated second (what the client actually offered). */
  offered: number;
  /** Whether any seed's run was overloaded (see `overloadReason`), and the first such reason. */
  overloaded: boolean;
  overloadReason: string | null;
  /**
   * The client's objective at this load: `missed` when more than half of the judged windows, all
   * seeds together, missed it; null when the client has none.
   */
  objective: 'met' | 'missed' | 'no-traffic' | null;
  /** The most utilized service (by the first seed's run), with its utilization and inbox wait averaged over seeds. */
  bottleneck: Bottleneck | null;
  seeds: number;
}

/** The knee and where the objective breaks, read off the rows. */
export interface SweepSummary {
  rows: SweepRow[];
  /** The rate of the knee (see `findKnee`), or null when the curve has none in range. */
  knee: number | null;
  kneeReason: string | null;
  /** The first rate whose row misses the client's objective, or null (none missed, or no objective). */
  objectiveMissedAt: number | null;
}

/** The knee is the first point whose p99 is this many times the lowest load's p99. */
export const KNEE_FACTOR = 2;
/** Default number of points, and the most a sweep may have. */
export const DEFAULT_POINTS = 15;
export const MAX_POINTS = 100;
/** Default range, as percentages of the estimated capacity. */
export const DEFAULT_FROM_PERCENT = 10;
export const DEFAULT_TO_PERCENT = 150;
/** Default seeds per point, simulated seconds per run, and each run's event budget. */
export const DEFAULT_SEEDS = 3;
export const DEFAULT_SWEEP_DURATION_MS = 60_000;
export const DEFAULT_SWEEP_MAX_EVENTS = 20_000_000;
/** The schema's highest client rate (per second). */
export const MAX_RATE = 10_000;

/** `points` rates from `fromPercent` to `toPercent` of `capacity`, evenly spaced, rounded to 0.01/s. */
export function ratesFromPercent(
  capacity: number,
  fromPercent: number,
  toPercent: number,
  points: number,
): number[] {
  const rates: number[] = [];
  for (let i = 0; i < points; i++) {
    const percent = points === 1 ? fromPercent : fromPercent + ((toPercent - fromPercent) * i) / (points - 1);
    rates.push(Math.round(((capacity * percent) / 100) * 100) / 100);
  }
  return rates;
}

/** Why these rates can't be swept, or null: a sweep needs 1–`MAX_POINTS` rates, each above 0 and at most `MAX_RATE`. */
export function checkRates(rates: readonly number[]): string | null {
  if (rates.length === 0) return 'The range has no rate in it.';
  if (rates.length > MAX_POINTS) return `${rates.length} points are too many: at most ${MAX_POINTS}.`;
  for (const rate of rates) {
    if (!Number.isFinite(rate) || rate <= 0) return `A rate must be above 0 per second (got ${rate}).`;
    if (rate > MAX_RATE) return `${rate} per second is above the most a client can send (${MAX_RATE}).`;
  }
  return null;
}

/** The default rates for `clientId`: `DEFAULT_POINTS` from 10 % to 150 % of its estimated capacity. */
export function defaultRates(diagram: Diagram, clientId: string): number[] | string {
  const estimate = estimateClientCapacity(diagram, clientId);
  if (!Number.isFinite(estimate.ratePerSecond) || estimate.ratePerSecond <= 0)
    return 'No capacity could be estimated for this client (nothing it reaches takes time): give explicit rates.';
  return ratesFromPercent(
    Math.min(estimate.ratePerSecond, MAX_RATE / (DEFAULT_TO_PERCENT / 100)),
    DEFAULT_FROM_PERCENT,
    DEFAULT_TO_PERCENT,
    DEFAULT_POINTS,
  );
}

/** Every run of a sweep, rate by rate, seed by seed (the order rows come back in). */
export function sweepJobs(
  diagram: Diagram,
  clientId: string,
  rates: readonly number[],
  seeds: readonly number[],
  durationMs = DEFAULT_SWEEP_DURATION_MS,
  maxEvents = DEFAULT_SWEEP_MAX_EVENTS,
): SweepJob[] {
  return rates.flatMap((rate) =>
    seeds.map((seed) => ({ diagram, clientId, rate, seed, durationMs, maxEvents })),
  );
}

/** `count` seeds from the diagram's own: seed, seed + 1, … */
export function seedsFrom(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Runs a whole sweep in this thread (tests; the CLI and the app spread `sweepJobs` over workers). */
export function runSweep(jobs: readonly SweepJob[]): SweepSummary {
  return summarizeSweep(jobs.map(runSweepJob));
}

/** Rows (one per rate, ascending), the knee and the first objective miss, from every run of a sweep. */
export function summarizeSweep(runs: readonly SweepRun[]): SweepSummary {
  const byRate = new Map<number, SweepRun[]>();
  for (const run of runs) byRate.set(run.rate, [...(byRate.get(run.rate) ?? []), run]);
  const rows = [...byRate.entries()].sort((a, b) => a[0] - b[0]).map(([, group]) => rowOf(group));
  const knee = findKnee(rows);
  return {
    rows,
    knee: knee?.rate ?? null,
    kneeReason: knee?.reason ?? null,
    objectiveMissedAt: rows.find((r) => r.objective === 'missed')?.rate ?? null,
  };
}

/**
 * The knee: the first point (by rate) that is overloaded, or whose p99 latency is `KNEE_FACTOR` times
 * the p99 at the lowest load, or whose success rate is 5 points under the lowest load's. Latency
 * doubling is where queueing starts to dominate the time a request takes.
 */
export function findKnee(rows: readonly SweepRow[]): { rate: number; reason: string } | null {
  const base = rows.find((r) => r.p99 !== null);
  const baseSuccess = rows.find((r) => r.successRate !== null)?.successRate ?? null;
  for (const row of rows) {
    if (row.overloaded) return { rate: row.rate, reason: 'overloaded' };
    if (base && base !== row && row.p99 !== null && row.p99 > KNEE_FACTOR * base.p99!)
      return {
        rate: row.rate,
        reason: `p99 ${format(row.p99)} ms is over ${KNEE_FACTOR}× the ${format(base.p99!)} ms at ${format(base.rate)}/s`,
      };
    if (baseSuccess !== null && row.successRate !== null && row.successRate < baseSuccess - 0.05)
      return {
        rate: row.rate,
        reason: `success ${format(row.successRate * 100)} % is 5 points under the ${format(baseSuccess * 100)} % at the lowest load`,
      };
  }
  return null;
}

function rowOf(runs: readonly SweepRun[]): SweepRow {
  const sum = (pick: (r: SweepRun) => number) => runs.reduce((total, r) => total + pick(r), 0);
  const seconds = sum((r) => r.ranMs) / 1000;
  const ended = sum((r) => r.succeeded + r.failed + r.timedOut);
  const overloaded = runs.find((r) => r.overloaded !== null);
  const first = runs[0]!.bottleneck;
  const same = runs.map((r) => r.bottleneck).filter((b): b is Bottleneck => b?.id === first?.id);
  return {
    rate: runs[0]!.rate,
    p50: meanOf(runs.map((r) => r.latencyMs.p50)),
    p95: meanOf(runs.map((r) => r.latencyMs.p95)),
    p99: meanOf(runs.map((r) => r.latencyMs.p99)),
    mean: meanOf(runs.map((r) => r.latencyMs.mean)),
    successRate: ended > 0 ? sum((r) => r.succeeded) / ended : null,
    throughput: seconds > 0 ? sum((r) => r.succeeded) / seconds : 0,
    offered: seconds > 0 ? sum((r) => r.sent) / seconds : 0,
    overloaded: overloaded !== undefined,
    overloadReason: overloaded?.overloaded ?? null,
    objective: objectiveOf(runs),
    bottleneck: first
      ? {
          ...first,
          utilization: meanOf(same.map((b) => b.utilization)) ?? first.utilization,
          waitMs: weightedWait(same),
          received: same.reduce((total, b) => total + b.received, 0),
        }
      : null,
    seeds: runs.length,
  };
}

function objectiveOf(runs: readonly SweepRun[]): SweepRow['objective'] {
  if (runs.every((r) => r.objective === null)) return null;
  const met = runs.reduce((total, r) => total + (r.objective?.met ?? 0), 0);
  const missed = runs.reduce((total, r) => total + (r.objective?.missed ?? 0), 0);
  if (met + missed === 0) return 'no-traffic';
  return missed > (met + missed) / 2 ? 'missed' : 'met';
}

/** The mean inbox wait over every message the seeds' bottlenecks received. */
function weightedWait(bottlenecks: readonly Bottleneck[]): number {
  const received = bottlenecks.reduce((total, b) => total + b.received, 0);
  if (received === 0) return 0;
  return bottlenecks.reduce((total, b) => total + b.waitMs * b.received, 0) / received;
}

/** The mean of the numbers that are numbers (null: none is). */
function meanOf(values: readonly number[]): number | null {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : null;
}

const format = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toString() : x.toFixed(1));
