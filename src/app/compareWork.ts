import { reportOfEngine, type SimReport } from '../cli/report';
import { compareRuns, comparisonRuns, type Comparison } from '../compare/index';
import type { Diagram } from '../model/schema';
import { createEngine, DEFAULT_SERIES_BUCKET_MS } from '../runtime/index';

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
}

/** Runs `diagram` to its end headless, as `sim --json` does, with the series a comparison reads. */
export function runWhole(diagram: Diagram): SimReport {
  const engine = createEngine(diagram, { seed: diagram.run.seed, seriesBucketMs: DEFAULT_SERIES_BUCKET_MS });
  engine.advanceTo(engine.untilMs);
  const report = reportOfEngine(engine, diagram, { seed: diagram.run.seed, withSeries: true });
  return report;
}

/** Runs A and B whole with A's seed, run length and fault script (as `sim --compare`) and compares them. */
export function handleCompareRequest(r: CompareRequest): CompareAnswer {
  try {
    const runs = comparisonRuns(r.a, r.b);
    const comparison = compareRuns(runWhole(runs.a), runWhole(runs.b), runs.faults);
    return { id: r.id, comparison, skippedInB: runs.skippedInB, error: null };
  } catch (e) {
    return { id: r.id, comparison: null, skippedInB: [], error: String(e) };
  }
}
