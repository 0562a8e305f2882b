import { DEFAULT_MAX_EVENTS, MAX_SERIES_BUCKETS } from '../runtime/index';
import { parseDuration } from './duration';
import { argumentsOf, fileOrError } from './flags';

/** What `sim` was asked to do. */
export interface SimArgs {
  file: string;
  seed?: number;
  untilMs?: number;
  /** The event budget; the engine's default when not given. */
  maxEvents?: number;
  json: boolean;
  /** `--series`: the bucket width (ms) of the time series added to the JSON report. */
  seriesBucketMs?: number;
  /** `--compare b.json`: the second diagram, run with the first's settings and fault script. */
  compare?: string;
  /** `--trace out.jsonl`: every trace record, one JSON object per line. */
  trace?: string;
  /** `--otlp out.json`: the run's requests as OTLP/JSON. */
  otlp?: string;
  /** `--otlp-limit N`: at most N requests in the OTLP file (the first ones). */
  otlpLimit?: number;
  /** `--mermaid c12`: that request's sequence diagram as Mermaid text on stdout, instead of the report. */
  mermaid?: string;
}

/** How many requests `--otlp` writes unless `--otlp-limit` says otherwise. */
export const DEFAULT_OTLP_LIMIT = 1000;

export const USAGE = [
  'usage: npm run -s sim -- <diagram.json> [--seed N] [--until 60s] [--max-events N] [--json [--series 1s]]',
  '       npm run -s sim -- <a.json> --compare <b.json> [--seed N] [--json]',
  '       npm run -s sim -- <diagram.json> [--trace out.jsonl] [--otlp out.json [--otlp-limit N]] [--mermaid <correlationId>]',
  '',
  'Runs a diagram headless and prints its metrics (--json: the documented JSON report).',
  `--series 1s adds "series" to the JSON report: figures per bucket of simulated time (at most ${MAX_SERIES_BUCKETS}`,
  'buckets: a long run doubles the width until it fits; "series.bucketMs" says the width used).',
  "--compare runs B with A's run settings and fault script (same seed, length, faults) and prints both",
  'reports and the differences per client (--json: { a, b, diff }).',
  `--max-events bounds the run's work: it stops after N events (default ${DEFAULT_MAX_EVENTS}).`,
  '--trace writes every trace record, one JSON object per line, as the run goes (streamed to the file).',
  `--otlp writes the run's requests as OpenTelemetry OTLP/JSON (the first ${DEFAULT_OTLP_LIMIT}, or --otlp-limit N).`,
  '--mermaid c12 prints request c12 as a Mermaid sequenceDiagram instead of the report.',
  '',
  'exit codes:',
  '  0  the run finished and its invariants hold',
  '  1  the file could not be read, or is not a valid diagram',
  '  2  bad command line',
  '  3  an invariant was violated (conservation or saga accounting: an engine bug)',
  '  4  the run overloaded itself or reached --max-events and stopped early',
  '     (report keys "overloaded" and "stoppedAtMs")',
].join('\n');

/** Exit codes of `sim`, as USAGE documents them. */
export const EXIT = { ok: 0, badInput: 1, usage: 2, invariants: 3, overloaded: 4 } as const;

/** Parses the command line; returns an error message for anything it can't read. */
export function parseSimArgs(argv: readonly string[]): SimArgs | { error: string } {
  let file: string | undefined;
  const out: Partial<SimArgs> = { json: false };
  for (const arg of argumentsOf(argv)) {
    const { flag, value } = arg;
    if (flag === '--json') out.json = true;
    else if (flag === '--seed') {
      const v = value();
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1)
        return { error: `--seed must be a whole number from 0 to 2147483647, got ${v ?? 'nothing'}` };
      out.seed = n;
    } else if (flag === '--until') {
      const v = value();
      const ms = v === undefined ? null : parseDuration(v);
      if (ms === null || ms <= 0)
        return { error: `--until must be a duration such as 60s, 500ms or 2m, got ${v ?? 'nothing'}` };
      out.untilMs = ms;
    } else if (flag === '--max-events') {
      const v = value();
      const n = Number(v?.replace(/_/g, ''));
      if (v === undefined || !Number.isSafeInteger(n) || n < 1)
        return { error: `--max-events must be a whole number of events, 1 or more, got ${v ?? 'nothing'}` };
      out.maxEvents = n;
    } else if (flag === '--series') {
      const v = value();
      const ms = v === undefined ? null : parseDuration(v);
      if (ms === null || !Number.isFinite(ms) || ms < 1)
        return {
          error: `--series must be a bucket width of 1ms or more, such as 1s, 250ms or 1m, got ${v ?? 'nothing'}`,
        };
      out.seriesBucketMs = ms;
    } else if (flag === '--compare') {
      const v = value();
      if (v === undefined || v.startsWith('--'))
        return { error: '--compare needs the second diagram file: --compare b.json' };
      out.compare = v;
    } else if (flag === '--trace' || flag === '--otlp' || flag === '--mermaid') {
      const v = value();
      const what = flag === '--mermaid' ? 'a request id such as c12' : 'an output file';
      if (v === undefined || v.startsWith('--')) return { error: `${flag} needs ${what}` };
      out[flag.slice(2) as 'trace' | 'otlp' | 'mermaid'] = v;
    } else if (flag === '--otlp-limit') {
      const v = value();
      const n = Number(v?.replace(/_/g, ''));
      if (v === undefined || !Number.isSafeInteger(n) || n < 1)
        return { error: `--otlp-limit must be a whole number of requests, 1 or more, got ${v ?? 'nothing'}` };
      out.otlpLimit = n;
    } else {
      const other = fileOrError(arg, file, USAGE);
      if ('error' in other) return other;
      file = other.file;
    }
  }
  if (file === undefined) return { error: USAGE };
  if (out.seriesBucketMs !== undefined && !out.json)
    return { error: '--series adds the time series to the JSON report: use it with --json' };
  if (out.otlpLimit !== undefined && out.otlp === undefined)
    return { error: '--otlp-limit bounds the OTLP file: use it with --otlp out.json' };
  if (out.mermaid !== undefined && out.json)
    return { error: '--mermaid prints the sequence diagram instead of the report: leave out --json' };
  return { ...out, file } as SimArgs;
}
