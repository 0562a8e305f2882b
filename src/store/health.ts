import type { Objective } from '../model/schema';
import {
  evaluateObjective,
  type ObjectiveResult,
  type ObjectiveVerdict,
  type SeriesFrame,
} from '../runtime/objectives';
import type { ClientSeries, RunSeries } from '../runtime/seriesShape';

export type { ObjectiveResult, ObjectiveTarget, SeriesFrame } from '../runtime/objectives';

/**
 * What a card shows of a run's health, from its series (issue 11): primitives, rounded to what a
 * card prints, so a selector returning them (with zustand's useShallow) re-renders a card only when
 * its figures change, never per frame.
 */

/** How far back a card's live figures look, in simulated ms. */
export const RECENT_MS = 5_000;

export interface ClientHealth {
  /** Share of the requests that ended in the recent past that succeeded (to 0.1 %); null: none ended. */
  success: number | null;
  /** The highest per-bucket p95 latency of the recent past, whole ms; null: none succeeded. */
  p95: number | null;
  /** The objective's verdict in its latest judged window; null without an objective. */
  objective: ObjectiveVerdict | null;
  /** Windows missed and judged so far (for the badge's title). */
  missed: number;
  judged: number;
}

/**
 * What the cards asked of one series object. Every card's selector runs on every store update (a
 * drag moves a node many times a second), while the series changes a few times a second: a card's
 * figures are computed once per series, then looked up.
 */
interface SeriesMemo {
  recent?: Array<[index: number, ms: number]>;
  clients: Map<string, { objective: Objective | undefined; health: ClientHealth | null }>;
  services: Map<string, number | null>;
}
const memos = new WeakMap<RunSeries, SeriesMemo>();

function memoOf(series: RunSeries): SeriesMemo {
  let memo = memos.get(series);
  if (!memo) memos.set(series, (memo = { clients: new Map(), services: new Map() }));
  return memo;
}

/** The buckets of the recent past: their indexes, and how many ms of each the series covers. */
function recent(series: RunSeries): Array<[index: number, ms: number]> {
  const memo = memoOf(series);
  return (memo.recent ??= recentBuckets(series));
}

function recentBuckets(series: RunSeries): Array<[index: number, ms: number]> {
  const out: Array<[number, number]> = [];
  for (let i = series.t.length - 1; i >= 0; i--) {
    const start = series.t[i]!;
    if (start + series.bucketMs <= series.endMs - RECENT_MS) break;
    const ms = Math.min(series.bucketMs, series.endMs - start);
    if (ms > 0) out.push([i, ms]);
  }
  return out;
}

const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? 0 : x);

/** A client's live success rate, p95 and objective, or null before its run has any series. */
export function clientHealth(
  series: RunSeries | null,
  id: string,
  objective: Objective | undefined,
): ClientHealth | null {
  if (!series) return null;
  const known = memoOf(series).clients;
  const seen = known.get(id);
  if (seen && seen.objective === objective) return seen.health;
  const health = computeClientHealth(series, id, objective);
  known.set(id, { objective, health });
  return health;
}

function computeClientHealth(
  series: RunSeries,
  id: string,
  objective: Objective | undefined,
): ClientHealth | null {
  const c = series.clients[id];
  // Before the run has moved there is nothing to tell: the card keeps its settings line.
  if (!c || series.endMs <= 0) return null;
  let ok = 0;
  let ended = 0;
  let p95 = Number.NaN;
  for (const [i] of recent(series)) {
    ok += num(c.succeeded[i]);
    ended += num(c.succeeded[i]) + num(c.failed[i]) + num(c.timedOut[i]);
    const p = c.p95[i]!;
    if (!Number.isNaN(p) && !(p <= p95)) p95 = p;
  }
  const judged = objective ? evaluateObjective(series, c, objective) : null;
  const last = judged?.windows.filter((w) => w.verdict !== 'no-traffic').at(-1);
  return {
    success: ended > 0 ? Math.round((ok / ended) * 1000) / 1000 : null,
    p95: Number.isNaN(p95) ? null : Math.round(p95),
    objective: judged ? (last?.verdict ?? 'no-traffic') : null,
    missed: judged?.missed ?? 0,
    judged: judged ? judged.met + judged.missed : 0,
  };
}

/** A service's recent throughput (handlings ended per second, to 0.1), or null before any series. */
export function serviceThroughput(series: RunSeries | null, id: string): number | null {
  if (!series) return null;
  const known = memoOf(series).services;
  if (known.has(id)) return known.get(id)!;
  const throughput = computeThroughput(series, id);
  known.set(id, throughput);
  return throughput;
}

function computeThroughput(series: RunSeries, id: string): number | null {
  const s = series.services[id];
  if (!s || series.endMs <= 0) return null;
  let done = 0;
  let ms = 0;
  for (const [i, covered] of recent(series)) {
    done += num(s.handled[i]) + num(s.failed[i]);
    ms += covered;
  }
  return ms > 0 ? Math.round((done / ms) * 10_000) / 10 : 0;
}

/** A client's objective judged window by window on the run's series so far (the charts draw it). */
export function judgeObjective(frame: SeriesFrame, client: object, objective: Objective): ObjectiveResult {
  return evaluateObjective(frame, client as ClientSeries, objective);
}
