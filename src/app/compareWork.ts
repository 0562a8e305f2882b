import { reportOfEngine, type SimReport } from '../cli/report';
import { compareRuns, comparisonRuns, type Comparison } from '../compare/index';
import type { Diagram } from '../model/schema';
import { createEngine, DEFAULT_SERIES_BUCKET_MS, type RunSeries } from '../runtime/index';

/** What the page asks: compare these two designs (each request has its own id; the newest wins). */
export interface CompareRequest {
  id: number;
  a: Diagram;
  b: Diagram;
}

/** The comparison, or why there is none (a run threw). */
export interface CompareAnswer {
  id: number;
  comparison: Comparison | null;
  /** A's faults B has no target for (left out of B's run). */
  skippedInB: string[];
  error: string | null;
  /** A's and B's whole runs over time, for the Metrics panel to overlay (null: the comparison failed). */
  series: { a: RunSeries | null; b: RunSeries | null } | null;
}

/** Runs `diagram` to its end headless, as `sim --json` does, with the series a comparison reads. */
export function runWhole(diagram: Diagram): { report: SimReport; series: RunSeries | null } {
  const engine = createEngine(diagram, { seed: diagram.run.seed, seriesBucketMs: DEFAULT_SERIES_BUCKET_MS });
  engine.advanceTo(engine.untilMs);
  const report = reportOfEngine(engine, diagram, { seed: diagram.run.seed, withSeries: true });
  return { report, series: engine.series() };
}

/** Runs A and B whole with A's seed, run length and fault script (as `sim --compare`) and compares them. */
export function handleCompareRequest(r: CompareRequest): CompareAnswer {
  try {
    const runs = comparisonRuns(r.a, r.b);
    const a = runWhole(runs.a);
    const b = runWhole(runs.b);
    const comparison = compareRuns(a.report, b.report, runs.faults);
    const series = { a: a.series, b: b.series };
    return { id: r.id, comparison, skippedInB: runs.skippedInB, error: null, series };
  } catch (e) {
    return { id: r.id, comparison: null, skippedInB: [], error: String(e), series: null };
  }
}
