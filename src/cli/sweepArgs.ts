import {
  DEFAULT_SEEDS,
  DEFAULT_SWEEP_DURATION_MS,
  DEFAULT_SWEEP_MAX_EVENTS,
  MAX_POINTS,
} from '../runtime/index';
import { parseDuration } from './duration';
import { argumentsOf, fileOrError } from './flags';

/** How the rates of a sweep were asked for. */
export type RateSpec =
  | { kind: 'default' }
  | { kind: 'list'; rates: number[] }
  /** A range: from, to and step, per second or (percent) as percentages of the estimated capacity. */
  | { kind: 'range'; from: number; to: number; step: number; percent: boolean };

/** What `sweep` was asked to do. */
export interface SweepArgs {
  file: string;
  clientId?: string;
  rates: RateSpec;
  seeds: number;
  /** The first seed (default: the diagram's own). */
  seed?: number;
  durationMs: number;
  maxEvents: number;
  workers?: number;
  faults: boolean;
  json: boolean;
}

/** The most seeds per point and workers a sweep takes. */
export const MAX_SEEDS = 50;
export const MAX_WORKERS = 64;

export const SWEEP_USAGE = [
  'usage: npm run -s sweep -- <diagram.json> [--client ID] [--rates 10:150:10%] [--seeds 3] [--json]',
  '       [--duration 60s] [--seed N] [--max-events N] [--workers N] [--faults]',
  '',
  "Load test: runs the diagram at each of a client's rates (several seeds each) and prints, per rate,",
  'latency p50/p95/p99, success rate and throughput, the knee and the first rate missing the objective.',
  '--client    the client whose rate is swept (may be left out when the diagram has one client)',
  '--rates     10:150:10%  from 10 % to 150 % of the capacity the advisor estimates, in steps of 10 %',
  '            5:50:5      from 5 to 50 requests per second, in steps of 5',
  '            5,10,20     these rates, per second',
  `            (default: 15 points from 10 % to 150 % of the estimated capacity; at most ${MAX_POINTS} points)`,
  `--seeds     runs per point, seeds N, N+1, … from --seed or the diagram's (default ${DEFAULT_SEEDS})`,
  `--duration  simulated time per run (default ${DEFAULT_SWEEP_DURATION_MS / 1000}s)`,
  `--max-events  each run's event budget; a run that spends it counts as overloaded (default ${DEFAULT_SWEEP_MAX_EVENTS})`,
  '--workers   worker threads (default: as many as the machine has cores)',
  "--faults    keep the diagram's fault script (default: the design is load-tested unharmed)",
  '',
  'exit codes: 0 done (overloaded points are results, not errors) · 1 the file is unreadable or not a',
  'valid diagram · 2 bad command line (unknown client, bad range)',
].join('\n');

/** Reads `--rates`: a list, or a range `from:to:step` with an optional `%`; an error message otherwise. */
export function parseRates(text: string): RateSpec | { error: string } {
  const bad = (why: string) => ({
    error: `--rates ${why}: give a range such as 10:150:10% (percent of capacity) or 5:50:5 (per second), or a list such as 5,10,20; got "${text}"`,
  });
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const percent = trimmed.endsWith('%');
    const parts = (percent ? trimmed.slice(0, -1) : trimmed).split(':').map((p) => p.trim());
    if (parts.length !== 3) return bad('needs from:to:step');
    const [from, to, step] = parts.map(Number) as [number, number, number];
    if (parts.some((p) => p === '') || ![from, to, step].every(Number.isFinite))
      return bad('has a part that is no number');
    if (from <= 0) return bad('must start above 0');
    if (to < from) return bad('must end at or above where it starts');
    if (step <= 0) return bad('needs a step above 0');
    const points = Math.floor((to - from) / step + 1e-9) + 1;
    if (points > MAX_POINTS) return bad(`has ${points} points, at most ${MAX_POINTS} are allowed`);
    return { kind: 'range', from, to, step, percent };
  }
  const rates = trimmed.split(',').map((p) => p.trim());
  const numbers = rates.map(Number);
  if (rates.some((p) => p === '') || !numbers.every((n) => Number.isFinite(n) && n > 0))
    return bad('lists rates above 0 per second, separated by commas');
  return { kind: 'list', rates: numbers };
}

/** Expands a range's points (from, from + step, … up to to). */
export function rangePoints(spec: { from: number; to: number; step: number }): number[] {
  const count = Math.floor((spec.to - spec.from) / spec.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => Math.round((spec.from + i * spec.step) * 1e6) / 1e6);
}

/** Parses the command line; an error message for anything it can't read. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs | { error: string } {
  let file: string | undefined;
  const out: Omit<SweepArgs, 'file'> = {
    rates: { kind: 'default' },
    seeds: DEFAULT_SEEDS,
    durationMs: DEFAULT_SWEEP_DURATION_MS,
    maxEvents: DEFAULT_SWEEP_MAX_EVENTS,
    faults: false,
    json: false,
  };
  for (const arg of argumentsOf(argv)) {
    const { flag, value } = arg;
    const whole = (name: string, min: number, max: number): number | { error: string } => {
      const v = value();
      const n = Number(v?.replace(/_/g, ''));
      if (v === undefined || !Number.isSafeInteger(n) || n < min || n > max)
        return { error: `${name} must be a whole number from ${min} to ${max}, got ${v ?? 'nothing'}` };
      return n;
    };
    let n: number | { error: string } = 0;
    if (flag === '--json') out.json = true;
    else if (flag === '--faults') out.faults = true;
    else if (flag === '--client') {
      const v = value();
      if (v === undefined || v === '') return { error: '--client needs the id of a client' };
      out.clientId = v;
    } else if (flag === '--rates') {
      const v = value();
      if (v === undefined) return { error: '--rates needs a range or a list, such as 10:150:10% or 5,10,20' };
      const spec = parseRates(v);
      if ('error' in spec) return spec;
      out.rates = spec;
    } else if (flag === '--seeds') {
      if (typeof (n = whole('--seeds', 1, MAX_SEEDS)) !== 'number') return n;
      out.seeds = n;
    } else if (flag === '--seed') {
      if (typeof (n = whole('--seed', 0, 2 ** 31 - 1)) !== 'number') return n;
      out.seed = n;
    } else if (flag === '--workers') {
      if (typeof (n = whole('--workers', 1, MAX_WORKERS)) !== 'number') return n;
      out.workers = n;
    } else if (flag === '--max-events') {
      if (typeof (n = whole('--max-events', 1, Number.MAX_SAFE_INTEGER)) !== 'number') return n;
      out.maxEvents = n;
    } else if (flag === '--duration') {
      const v = value();
      const ms = v === undefined ? null : parseDuration(v);
      if (ms === null || ms < 1 || ms > 86_400_000)
        return {
          error: `--duration must be a simulated time from 1ms to 24h, such as 60s or 2m, got ${v ?? 'nothing'}`,
        };
      out.durationMs = ms;
    } else {
      const other = fileOrError(arg, file, SWEEP_USAGE);
      if ('error' in other) return other;
      file = other.file;
    }
  }
  if (file === undefined) return { error: SWEEP_USAGE };
  return { ...out, file };
}
