import { checklistJson, type ChecklistJson } from '../model/reportCard';
import type { Diagram } from '../model/schema';
import {
  evaluateObjectives,
  hasObjectives,
  seriesToJson,
  type Engine,
  type InvariantReport,
  type Metrics,
  type ObjectiveResult,
  type Percentiles,
  type RunSeriesJson,
} from '../runtime/index';

/**
 * The `--json` output of `sim`, keys in the documented order. Beyond the spec's keys: `sagas.*.running`,
 * `edges.*.shortCircuited` (edges with a breaker), `replies` (diagrams with async request-reply), and
 * on a run that overloaded itself or reached its event budget `overloaded` (why) and `stoppedAtMs`
 * (where; `until` stays the length asked for).
 */
export interface SimReport extends Metrics {
  seed: number;
  until: number;
  events: number;
  traceHash: string;
  invariants: InvariantReport;
  overloaded?: string;
  stoppedAtMs?: number;
  /** Only for a diagram with objectives: per client with one, how it went (README, "Objectives"). */
  objectives?: Record<string, ObjectiveResult>;
  /**
   * The implementation checklist's report card for the diagram: each item, met or not, and the
   * advice (README). Every report of a diagram has it; only `buildReport` alone, with no diagram, leaves it out.
   */
  checklist?: ChecklistJson;
  /** Only with `--series`: the run's time series (README, "Time series"). */
  series?: RunSeriesJson;
}

/** How `reportOfEngine` reports: the seed to name, why the run stopped early, whether to print the series. */
export interface ReportOptions {
  seed: number;
  /** Why the run stopped before its end (the engine's own reason unless given). */
  overloaded?: string | null;
  /** Adds `series` (last, so a report without it is the same bytes as before). */
  withSeries?: boolean;
}

/**
 * The report of `engine` where it stands, as `sim --json` prints it: with `objectives` when the
 * diagram has any (judged from the series), the diagram's `checklist`, and `series` when asked for.
 */
export function reportOfEngine(engine: Engine, diagram: Diagram, options: ReportOptions): SimReport {
  const report = buildReport(
    options.seed,
    engine.untilMs,
    engine.events,
    engine.traceHash(),
    engine.metrics(),
    engine.check(),
    options.overloaded === undefined ? engine.overloaded : options.overloaded,
    engine.now,
  );
  const series = engine.series();
  if (series !== null && hasObjectives(diagram)) report.objectives = evaluateObjectives(diagram, series);
  // About the diagram, not the run: the same at every moment, and after `objectives` as documented.
  report.checklist = checklistJson(diagram);
  // NaN (no sample) prints as null.
  if (series !== null && options.withSeries) report.series = seriesToJson(series);
  return report;
}

/** Builds the report object with keys in the documented order. */
export function buildReport(
  seed: number,
  until: number,
  events: number,
  traceHash: string,
  m: Metrics,
  invariants: InvariantReport,
  overloaded: string | null,
  stoppedAtMs: number,
): SimReport {
  const r: Omit<SimReport, 'invariants'> & { invariants?: InvariantReport } = {
    seed,
    until,
    events,
    traceHash,
    services: m.services,
    channels: m.channels,
    edges: m.edges,
    requests: m.requests,
    clients: m.clients,
    sagas: m.sagas,
    duplicates: m.duplicates,
  };
  if (m.replies) r.replies = m.replies;
  r.invariants = invariants;
  if (overloaded) {
    r.overloaded = overloaded;
    r.stoppedAtMs = stoppedAtMs;
  }
  return r as SimReport;
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const ms = (p: Percentiles) => `${fmt(p.mean)}/${fmt(p.p95)}/${fmt(p.p99)}`;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The readable form of a report. */
export function formatReport(r: SimReport, diagramName: string): string {
  const out: string[] = [];
  const simulated =
    r.stoppedAtMs !== undefined
      ? `stopped at ${r.stoppedAtMs / 1000}s of ${r.until / 1000}s`
      : `${r.until / 1000}s simulated`;
  out.push(`${diagramName} — seed ${r.seed}, ${simulated}, ${r.events} events, trace ${r.traceHash}`);
  if (r.overloaded) out.push(`STOPPED EARLY: ${r.overloaded}`);
  const q = r.requests;
  out.push(
    `\nRequests: ${q.sent} sent, ${q.succeeded} succeeded, ${q.failed} failed, ${q.timedOut} timed out; ` +
      `latency mean/p95/p99 ${ms(q.latencyMs)} ms`,
  );
  // With several entry points, each one's own share (one client's figures are the line above).
  const clients = Object.entries(r.clients);
  if (clients.length > 1)
    out.push(
      '\nClients\n' +
        table(
          ['client', 'sent', 'succeeded', 'failed', 'timed out', 'latency ms (mean/p95/p99)'],
          clients.map(([id, c]) => [
            `${c.name} (${id})`,
            c.sent,
            c.succeeded,
            c.failed,
            c.timedOut,
            ms(c.latencyMs),
          ]),
        ),
    );
  out.push(
    '\nServices\n' +
      table(
        [
          'service',
          'received',
          'handled',
          'failed',
          'max inbox',
          'util',
          'wait ms (mean/p95/p99)',
          'latency ms (mean/p95/p99)',
        ],
        Object.entries(r.services).map(([id, s]) => [
          `${s.name} (${id})`,
          s.received,
          s.handled,
          s.failed,
          s.maxInbox,
          pct(s.utilization),
          ms(s.waitMs),
          ms(s.latencyMs),
        ]),
      ),
  );
  const channels = Object.entries(r.channels);
  if (channels.length) {
    out.push(
      '\nChannels\n' +
        table(
          [
            'channel',
            'kind',
            'published',
            'delivered',
            'redelivered',
            'dead-lettered',
            'dropped',
            'max depth',
            'depth at end',
            'wait ms (mean/p95/p99)',
          ],
          channels.map(([name, c]) => [
            name,
            c.kind,
            c.published,
            c.delivered,
            c.redelivered,
            c.deadLettered,
            c.dropped,
            c.maxDepth,
            c.depthAtEnd,
            ms(c.waitMs),
          ]),
        ),
    );
  }
  out.push(
    '\nEdges\n' +
      table(
        ['edge', 'sent', 'failed', 'timed out', 'retried', 'circuit opened', 'short-circuited'],
        Object.entries(r.edges).map(([id, e]) => [
          id,
          e.sent,
          e.failed,
          e.timedOut,
          e.retried,
          e.circuitOpened,
          e.shortCircuited ?? '-',
        ]),
      ),
  );
  const sagas = Object.entries(r.sagas);
  if (sagas.length) {
    out.push(
      '\nSagas\n' +
        table(
          ['saga', 'started', 'completed', 'compensated', 'stuck', 'running'],
          sagas.map(([name, s]) => [name, s.started, s.completed, s.compensated, s.stuck, s.running]),
        ),
    );
  }
  const replies = Object.entries(r.replies ?? {});
  if (replies.length) {
    out.push(
      '\nAsync replies\n' +
        table(
          ['reply channel', 'matched', 'duplicate', 'unmatched', 'unanswered'],
          replies.map(([name, x]) => [name, x.matched, x.duplicate, x.unmatched, x.unanswered]),
        ),
    );
  }
  out.push(`\nDuplicate side effects: ${r.duplicates}`);
  const inv = r.invariants;
  out.push(
    `Invariants: conservation ${inv.conservation ? 'ok' : 'VIOLATED'}, sagas ${inv.sagas ? 'ok' : 'VIOLATED'}` +
      inv.violations.map((v) => `\n  - ${v}`).join(''),
  );
  for (const [id, o] of Object.entries(r.objectives ?? {})) {
    const when = o.missedAt.map((m) => `${m.fromMs / 1000}–${m.toMs / 1000}s`).join(', ');
    out.push(
      `Objective ${id}: ${o.verdict} (${o.met} of ${o.met + o.missed} windows of ${o.windowMs / 1000}s met` +
        `${when ? `; missed ${when}` : ''})`,
    );
  }
  if (r.checklist) {
    out.push(`Checklist: ${r.checklist.met} of ${r.checklist.total} items met`);
    for (const item of r.checklist.items.filter((i) => !i.met))
      out.push(`  ✗ ${item.title}` + item.advice.map((a) => `\n    - ${a.message}`).join(''));
  }
  return out.join('\n');
}
