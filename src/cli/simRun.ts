import { readFileSync } from 'node:fs';
import { formatErrors, parseDiagram } from '../model/parse';
import type { Diagram } from '../model/schema';
import {
  createEngine,
  DEFAULT_MAX_EVENTS,
  DEFAULT_SERIES_BUCKET_MS,
  hasObjectives,
  type Engine,
  type MessageFacts,
  type TraceRecord,
} from '../runtime/index';
import { reportOfEngine, type SimReport } from './report';

/** Reads and validates a diagram file; a message saying what is wrong (the file named) when it can't. */
export function loadDiagram(file: string): { diagram: Diagram } | { error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      error: `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(err)})`}`,
    };
  }
  // A byte-order mark (Windows editors write one) is no part of the JSON, as in the app and `share`.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { error: `${file}: not valid JSON (${(err as Error).message})` };
  }
  const parsed = parseDiagram(raw);
  if (!parsed.ok) return { error: `${file} is not a valid diagram:\n${formatErrors(parsed.errors)}` };
  return { diagram: parsed.diagram };
}

/** How to run a diagram headless: `sim`'s options. */
export interface RunOptions {
  seed?: number;
  untilMs?: number;
  maxEvents?: number;
  /** The series' bucket width; the series is printed only when this is given. */
  seriesBucketMs?: number;
  /** Collect the series even when it is not printed (a comparison reads it). */
  needSeries?: boolean;
  /** Every trace record as it happens, with the facts of its messages (`--trace`, `--otlp`, `--mermaid`). */
  onRecord?: (record: TraceRecord, facts: (messageId: string) => MessageFacts | undefined) => void;
}

/** A finished headless run: its report (series attached when collected) and why it stopped early, if it did. */
export interface HeadlessRun {
  report: SimReport;
  stopped: string | null;
  /** Where the run ended (simulated ms). */
  endMs: number;
}

/** Runs `diagram` to its end (or its event budget) and builds the `--json` report. */
export function runDiagram(diagram: Diagram, options: RunOptions): HeadlessRun {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const wantSeries = options.needSeries || hasObjectives(diagram);
  const ref: { engine?: Engine } = {};
  const facts = (id: string) => ref.engine?.messageFacts?.(id);
  const onRecord = options.onRecord;
  const engine = createEngine(diagram, {
    ...(onRecord ? { onRecord: (r: TraceRecord) => onRecord(r, facts) } : {}),
    seed: options.seed,
    untilMs: options.untilMs,
    maxEvents,
    // Objectives are judged from the series, so a diagram with any collects them (printed only with --series).
    seriesBucketMs: options.seriesBucketMs ?? (wantSeries ? DEFAULT_SERIES_BUCKET_MS : undefined),
  });
  ref.engine = engine;
  engine.advanceTo(engine.untilMs);
  const stopped =
    engine.overloaded !== null && engine.events >= maxEvents
      ? `${engine.overloaded} Raise the limit with --max-events.`
      : engine.overloaded;
  // Objectives only for a diagram with any, and the series only when asked: the report of any other
  // is the same bytes as before.
  const report = reportOfEngine(engine, diagram, {
    seed: options.seed ?? diagram.run.seed,
    overloaded: stopped,
    withSeries: options.seriesBucketMs !== undefined || options.needSeries,
  });
  return { report, stopped, endMs: engine.now };
}
