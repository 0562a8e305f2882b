import { reportOfEngine, type SimReport } from '../cli/report';
import { checklistJson, type ChecklistAdviceJson, type ChecklistJson } from '../model/reportCard';
import type { Diagram, Fault } from '../model/schema';
import {
  createEngine,
  DEFAULT_SERIES_BUCKET_MS,
  type Engine,
  type EngineOptions,
  type ObjectiveResult,
} from '../runtime/index';

/**
 * The run report (issue 11): the CLI's `--json` report of the run the app played, with the same
 * names and figures. It is made by replaying the run headless to the moment asked for (the same
 * diagram, seed and faults, scripted and live, give the same run byte for byte), so what the
 * dialog shows is exactly what `npm run sim -- <file> --json` prints for that diagram and seed.
 */
export interface RunReport {
  diagramName: string;
  /** The simulated moment the report describes (the run's end when it ended). */
  atMs: number;
  ended: boolean;
  report: SimReport;
  /** Per client with an objective; null when the diagram has none. */
  objectives: Record<string, ObjectiveResult> | null;
  /** The advisor's checklist report card for the diagram (plain data: the report crosses to a worker). */
  checklist: ChecklistJson;
}

/** Replays `diagram` with the run's `faults` to `atMs` and reports on it. */
export function computeRunReport(diagram: Diagram, faults: readonly Fault[], atMs: number): RunReport {
  const engine = replayEngine(diagram, faults);
  engine.advanceTo(Math.min(atMs, engine.untilMs));
  return reportFromEngine(engine, diagram);
}

/** A headless engine for the run the app plays: the diagram with the run's faults, its seed. */
export function replayEngine(diagram: Diagram, faults: readonly Fault[]): Engine {
  // Series (for the objectives) at the app's resolution; `seriesBucketMs` is the engine's option.
  const options: EngineOptions & { seriesBucketMs?: number } = {
    seed: diagram.run.seed,
    seriesBucketMs: DEFAULT_SERIES_BUCKET_MS,
  };
  return createEngine({ ...diagram, faults: [...faults] }, options);
}

/** The report of `engine` where it stands now (the CLI's report, plus the objectives). */
export function reportFromEngine(engine: Engine, diagram: Diagram): RunReport {
  const report = reportOfEngine(engine, diagram, { seed: diagram.run.seed });
  return {
    diagramName: diagram.name,
    atMs: engine.now,
    ended: engine.now >= engine.untilMs,
    report,
    objectives: report.objectives ?? null,
    checklist: report.checklist ?? checklistJson(diagram),
  };
}

/** One table of the report: a section of the `--json` report, a row per entry, a column per figure. */
export interface ReportTable {
  /** The report's key (`clients`, `services`, …), also the CSV's first column. */
  key: 'clients' | 'services' | 'edges' | 'channels' | 'sagas';
  title: string;
  /** Figure names as in the JSON, nested ones dotted (`latencyMs.p95`). */
  columns: string[];
  rows: Array<{ id: string; values: Array<number | string | null> }>;
  /** Why the table is empty, for a person. */
  empty: string;
}

const SECTIONS: Array<{ key: ReportTable['key']; title: string; empty: string }> = [
  {
    key: 'clients',
    title: 'Clients',
    empty: 'No clients: nothing sends requests, so there are none to count.',
  },
  { key: 'services', title: 'Services', empty: 'No services in this diagram.' },
  { key: 'edges', title: 'Edges', empty: 'No edges: no message can go anywhere.' },
  { key: 'channels', title: 'Channels', empty: 'No queues or topics in this diagram.' },
  { key: 'sagas', title: 'Sagas', empty: 'No sagas in this diagram.' },
];

/** The report's sections as tables, columns in the JSON's key order. */
export function reportTables(report: SimReport): ReportTable[] {
  return SECTIONS.map(({ key, title, empty }) => {
    const section = report[key] as Record<string, Record<string, unknown>>;
    const flat = Object.entries(section).map(([id, entry]) => ({ id, figures: flatten(entry) }));
    const columns: string[] = [];
    for (const { figures } of flat) for (const k of figures.keys()) if (!columns.includes(k)) columns.push(k);
    const rows = flat.map(({ id, figures }) => ({
      id,
      values: columns.map((c) => figures.get(c) ?? null),
    }));
    return { key, title, columns, rows, empty };
  });
}

function flatten(entry: Record<string, unknown>, prefix = '', out = new Map<string, number | string>()) {
  for (const [k, v] of Object.entries(entry)) {
    const name = prefix + k;
    if (v !== null && typeof v === 'object') flatten(v as Record<string, unknown>, `${name}.`, out);
    else if (typeof v === 'number' || typeof v === 'string') out.set(name, v);
  }
  return out;
}

/** A figure as shown: whole numbers as they are, others to 3 decimals (trailing zeros dropped). */
export function formatFigure(v: number | string | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : String(+v.toFixed(3));
}

const markdownCell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The report as Markdown: a heading, the run's line, invariants, objectives and one table per section. */
export function reportMarkdown(r: RunReport): string {
  const { report } = r;
  const lines = [
    `# Run report: ${markdownCell(r.diagramName)}`,
    '',
    `Seed ${report.seed}, ${r.ended ? 'ended' : 'at'} ${report.stoppedAtMs ?? r.atMs} ms of ${report.until} ms, ` +
      `${report.events} events, trace ${report.traceHash}.`,
    '',
    `Invariants: message conservation ${report.invariants.conservation ? 'holds' : 'BROKEN'}, ` +
      `saga accounting ${report.invariants.sagas ? 'holds' : 'BROKEN'}.`,
  ];
  for (const v of report.invariants.violations) lines.push(`- ${markdownCell(v)}`);
  if (r.objectives) {
    lines.push('', '## Objectives', '');
    for (const [id, o] of Object.entries(r.objectives))
      lines.push(`- ${markdownCell(id)}: ${objectiveLine(o)}`);
  }
  lines.push('', `## Checklist: ${r.checklist.met} of ${r.checklist.total} items met`, '');
  for (const item of r.checklist.items) {
    lines.push(`- [${item.met ? 'x' : ' '}] ${item.title}`);
    for (const a of item.advice) lines.push(`  - ${markdownCell(adviceLine(a))}`);
  }
  for (const t of reportTables(report)) {
    lines.push('', `## ${t.title}`, '');
    if (!t.rows.length) {
      lines.push(t.empty);
      continue;
    }
    lines.push(`| id | ${t.columns.map(markdownCell).join(' | ')} |`);
    lines.push(`|${' --- |'.repeat(t.columns.length + 1)}`);
    for (const row of t.rows) {
      const cells = row.values.map((v) => markdownCell(formatFigure(v)));
      lines.push(`| ${markdownCell(row.id)} | ${cells.join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One line saying how an objective went. */
export function objectiveLine(o: ObjectiveResult): string {
  const windows = `${o.met} of ${o.met + o.missed} windows of ${o.windowMs / 1000} s met`;
  if (o.verdict === 'no-traffic') return 'no requests ended, so nothing was judged';
  if (o.verdict === 'met') return `met (${windows})`;
  const when = o.missedAt.map((m) => `${m.fromMs / 1000}–${m.toMs / 1000} s`).join(', ');
  return `missed (${windows}; missed ${when})`;
}

/** A remark of the report card in one line: its message, and its one-click fix when it has one. */
export function adviceLine(a: ChecklistAdviceJson): string {
  return a.fix ? `${a.message} (fix: ${a.fix})` : a.message;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The report as CSV in long form: section, id, figure, value (the figure names of the JSON). The
 * checklist's rows come last: per item its `title` and `met`, and an `advice` row per remark.
 */
export function reportCsv(r: RunReport): string {
  const rows: string[][] = [];
  for (const t of reportTables(r.report))
    for (const row of t.rows)
      row.values.forEach((v, i) => {
        if (v !== null) rows.push([t.key, row.id, t.columns[i]!, String(v)]);
      });
  const card = r.checklist;
  rows.push(['checklist', 'all', 'met', String(card.met)], ['checklist', 'all', 'total', String(card.total)]);
  for (const item of card.items) {
    rows.push(['checklist', item.id, 'title', item.title], ['checklist', item.id, 'met', String(item.met)]);
    for (const a of item.advice) rows.push(['checklist', item.id, 'advice', adviceLine(a)]);
  }
  const lines = ['section,id,figure,value', ...rows.map((row) => row.map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The report as the CLI's `--json` prints it, with `objectives` when the diagram has any, and `checklist`. */
export function reportJson(r: RunReport): string {
  const out: Record<string, unknown> = { ...r.report };
  if (r.objectives) out.objectives = r.objectives;
  return `${JSON.stringify(out, null, 2)}\n`;
}
