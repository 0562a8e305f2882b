import type { Diagram, Fault } from '../model/schema';
import type { Engine, InvariantReport } from '../runtime/index';
import { replayEngine, reportFromEngine, type RunReport } from './runReport';

/** What the page asks: the run (its key changes with every new run), where it is, and how much. */
export interface ReportRequest {
  id: number;
  runKey: string;
  diagram: Diagram;
  faults: Fault[];
  atMs: number;
  /** The whole report (true), or only the invariant check (false). */
  full: boolean;
}

export interface ReportAnswer {
  id: number;
  runKey: string;
  atMs: number;
  invariants: InvariantReport;
  report: RunReport | null;
  /** Why there is no answer (the replay threw); null when it went well. */
  error: string | null;
}

/** The engine kept between requests, moved forward while the same run goes on. */
let kept: { runKey: string; faults: string; engine: Engine } | null = null;

/**
 * Answers one request: replays the run to `atMs` (moving the kept engine forward when it is the same
 * run, with the same faults, not behind), then checks the invariants and, when asked, reports.
 */
export function handleReportRequest(r: ReportRequest): ReportAnswer {
  try {
    const faults = JSON.stringify(r.faults);
    if (!kept || kept.runKey !== r.runKey || kept.faults !== faults || kept.engine.now > r.atMs) {
      kept = { runKey: r.runKey, faults, engine: replayEngine(r.diagram, r.faults) };
    }
    const engine = kept.engine;
    engine.advanceTo(Math.min(r.atMs, engine.untilMs));
    const report = r.full ? reportFromEngine(engine, r.diagram) : null;
    const invariants = report?.report.invariants ?? engine.check();
    return { id: r.id, runKey: r.runKey, atMs: engine.now, invariants, report, error: null };
  } catch (e) {
    kept = null;
    const invariants = { conservation: true, sagas: true, violations: [] };
    return { id: r.id, runKey: r.runKey, atMs: r.atMs, invariants, report: null, error: String(e) };
  }
}
