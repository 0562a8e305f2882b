import type { Diagram, Objective } from '../model/schema';
import type { ClientSeries, RunSeries } from './seriesShape';

/**
 * Service-level objectives judged from a run's time series (issue 11). Pure: the same series and
 * objective always give the same verdicts, in the CLI, the worker or the page.
 *
 * Windows are back to back from 0, each a whole number of the series' buckets (the objective's
 * window rounded to the nearest multiple of `bucketMs`, at least one bucket; a long run's series
 * may have wider buckets than asked for, so `windowMs` in the result is the window actually used).
 * In a window:
 * - **success** = requests that ended well ÷ requests that ended (succeeded + failed + timed out);
 * - **latency** = the highest of its buckets' percentiles. The percentile of the whole window lies
 *   between its buckets' lowest and highest, so this is an upper bound, exact for a one-bucket
 *   window: a window reported met did meet the target.
 * A window in which no request ended is `no-traffic`: neither met nor missed.
 */

export type ObjectiveVerdict = 'met' | 'missed' | 'no-traffic';
export type ObjectiveTarget = 'latency' | 'success';

/** The part of a run's series that fixes its windows (any array of bucket starts will do). */
export interface SeriesFrame {
  bucketMs: number;
  t: ArrayLike<number>;
  endMs: number;
}

/** One window's figures and verdict. */
export interface ObjectiveWindow {
  startMs: number;
  /** Where the window ends: its full length, or the series' end for the last, partial window. */
  endMs: number;
  /** Requests that ended in the window. */
  ended: number;
  /** Share of them that succeeded (NaN when none ended). */
  success: number;
  /** The objective's percentile of latency in ms (see above; NaN when no request succeeded). */
  latencyMs: number;
  verdict: ObjectiveVerdict;
  /** Which targets the window missed (empty unless missed). */
  missed: ObjectiveTarget[];
}

/** A client's objective over a whole run. */
export interface ObjectiveResult {
  objective: Objective;
  /** The window length actually used (a whole number of buckets). */
  windowMs: number;
  /** `missed` if any window missed; `met` if some window met and none missed; else `no-traffic`. */
  verdict: ObjectiveVerdict;
  met: number;
  missed: number;
  noTraffic: number;
  /** When it was missed: runs of consecutive missed windows, merged. */
  missedAt: Array<{ fromMs: number; toMs: number }>;
  windows: ObjectiveWindow[];
}

/** Judges `objective` on `client`'s series, window by window. */
export function evaluateObjective(
  series: SeriesFrame,
  client: ClientSeries,
  objective: Objective,
): ObjectiveResult {
  const perWindow = Math.max(1, Math.round(objective.windowMs / series.bucketMs));
  const windows: ObjectiveWindow[] = [];
  for (let first = 0; first < series.t.length; first += perWindow) {
    const last = Math.min(first + perWindow, series.t.length);
    windows.push(judgeWindow(series, client, objective, first, last, perWindow));
  }
  const count = (verdict: ObjectiveVerdict) => windows.filter((w) => w.verdict === verdict).length;
  const met = count('met');
  const missed = count('missed');
  return {
    objective,
    windowMs: perWindow * series.bucketMs,
    verdict: missed > 0 ? 'missed' : met > 0 ? 'met' : 'no-traffic',
    met,
    missed,
    noTraffic: count('no-traffic'),
    missedAt: missedRuns(windows),
    windows,
  };
}

function judgeWindow(
  series: SeriesFrame,
  client: ClientSeries,
  objective: Objective,
  first: number,
  last: number,
  perWindow: number,
): ObjectiveWindow {
  let succeeded = 0;
  let ended = 0;
  let latencyMs = Number.NaN;
  const percentile = client[objective.percentile];
  for (let i = first; i < last; i++) {
    const ok = value(client.succeeded[i]);
    succeeded += ok;
    ended += ok + value(client.failed[i]) + value(client.timedOut[i]);
    const p = percentile[i] ?? Number.NaN;
    if (!Number.isNaN(p) && !(p <= latencyMs)) latencyMs = p;
  }
  const startMs = series.t[first]!;
  const endMs = Math.min(startMs + perWindow * series.bucketMs, Math.max(series.endMs, startMs));
  const success = ended > 0 ? succeeded / ended : Number.NaN;
  const missed: ObjectiveTarget[] = [];
  if (ended > 0) {
    if (objective.latencyMs !== undefined && latencyMs > objective.latencyMs) missed.push('latency');
    if (objective.success !== undefined && success < objective.success) missed.push('success');
  }
  const verdict: ObjectiveVerdict = ended === 0 ? 'no-traffic' : missed.length ? 'missed' : 'met';
  return { startMs, endMs, ended, success, latencyMs, verdict, missed };
}

/** A count that may be missing (a series shorter than `t`) as 0. */
const value = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? 0 : x);

function missedRuns(windows: ObjectiveWindow[]): Array<{ fromMs: number; toMs: number }> {
  const runs: Array<{ fromMs: number; toMs: number }> = [];
  for (const w of windows) {
    if (w.verdict !== 'missed') continue;
    const previous = runs[runs.length - 1];
    if (previous && previous.toMs === w.startMs) previous.toMs = w.endMs;
    else runs.push({ fromMs: w.startMs, toMs: w.endMs });
  }
  return runs;
}

/** The objective of every client of `diagram` that has one, judged on `series`, by client id. */
export function evaluateObjectives(diagram: Diagram, series: RunSeries): Record<string, ObjectiveResult> {
  const out: Record<string, ObjectiveResult> = {};
  for (const service of diagram.services) {
    if (service.kind !== 'client' || !service.objective) continue;
    const client = series.clients[service.id] ?? emptyClient(series.t.length);
    out[service.id] = evaluateObjective(series, client, service.objective);
  }
  return out;
}

/** A client the series has no column for (it sent nothing): every bucket without traffic. */
function emptyClient(length: number): ClientSeries {
  const zeros = () => new Float64Array(length);
  const none = () => new Float64Array(length).fill(Number.NaN);
  return {
    sent: zeros(),
    succeeded: zeros(),
    failed: zeros(),
    timedOut: zeros(),
    p50: none(),
    p95: none(),
    p99: none(),
    mean: none(),
  };
}

/** Whether `diagram` has any client with an objective. */
export function hasObjectives(diagram: Diagram): boolean {
  return diagram.services.some((s) => s.kind === 'client' && s.objective !== undefined);
}
