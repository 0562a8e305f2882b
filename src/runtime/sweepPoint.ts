import type { Diagram } from '../model/schema';
import type { Percentiles } from './api';
import { createEngine } from './engine';
import { DEFAULT_SERIES_BUCKET_MS } from './seriesShape';
import { evaluateObjective } from './objectives';
import { withClientRate } from './sweepCapacity';

/**
 * One run of a load test: the diagram with one client's rate set, one seed, a bounded simulated
 * duration and event budget. Pure and self-contained (plain data in, plain data out) so the CLI's
 * worker threads and the app's Web Workers run it as they are.
 */

/** What a worker is asked to run. */
export interface SweepJob {
  diagram: Diagram;
  clientId: string;
  /** The client's rate for this run, requests per second. */
  rate: number;
  seed: number;
  durationMs: number;
  /** The most events the run may process; it stops as overloaded past it. */
  maxEvents: number;
  /** Keep the diagram's fault script (default: off, a load test measures the design unharmed). */
  includeFaults?: boolean;
}

/** The most loaded service of a run: where the design gives way first. */
export interface Bottleneck {
  id: string;
  name: string;
  /** Share of its slots occupied over the run, 0..1. */
  utilization: number;
  /** Mean wait in its inbox, ms (exact, not from a histogram). */
  waitMs: number;
  /** Messages it received. */
  received: number;
}

/** The figures of one run. */
export interface SweepRun {
  rate: number;
  seed: number;
  /** Simulated ms the run covered (less than asked when it stopped early). */
  ranMs: number;
  events: number;
  sent: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  /** End-to-end latency of the client's requests that succeeded (NaN: none did). */
  latencyMs: Percentiles;
  bottleneck: Bottleneck | null;
  /** Why this run counts as overloaded (see `overloadReason`), or null. */
  overloaded: string | null;
  /** Windows of the client's objective met and missed; null when the client has no objective. */
  objective: { met: number; missed: number } | null;
}

/** A run with more than this share of its requests still open at its end is overloaded. */
export const OPEN_SHARE_LIMIT = 0.05;
/** A backlog at the end this many times its time average (and at least a second's requests) is growing. */
export const BACKLOG_GROWTH = 1.5;

/** Runs one point of a load test with one seed. */
export function runSweepJob(job: SweepJob): SweepRun {
  const base = job.includeFaults ? job.diagram : { ...job.diagram, faults: [] };
  const diagram = withClientRate(base, job.clientId, job.rate);
  const client = diagram.services.find((s) => s.id === job.clientId);
  if (!client || client.kind !== 'client') throw new Error(`No client with id "${job.clientId}".`);
  const engine = createEngine(diagram, {
    seed: job.seed,
    untilMs: job.durationMs,
    maxEvents: job.maxEvents,
    traceBuffer: 0,
    seriesBucketMs: client.objective ? DEFAULT_SERIES_BUCKET_MS : undefined,
  });
  engine.advanceTo(engine.untilMs);
  const metrics = engine.metrics();
  const own = metrics.clients[job.clientId];
  const counts = {
    sent: own?.sent ?? 0,
    succeeded: own?.succeeded ?? 0,
    failed: own?.failed ?? 0,
    timedOut: own?.timedOut ?? 0,
  };
  const nan = Number.NaN;
  const latencyMs = own && own.succeeded > 0 ? own.latencyMs : { mean: nan, p50: nan, p95: nan, p99: nan };
  const series = client.objective ? engine.series() : null;
  let objective: SweepRun['objective'] = null;
  if (client.objective && series) {
    const empty = new Float64Array(series.t.length);
    const column = series.clients[job.clientId] ?? {
      ...{ sent: empty, succeeded: empty, failed: empty, timedOut: empty },
      ...{ p50: empty, p95: empty, p99: empty, mean: empty },
    };
    const result = evaluateObjective(series, column, client.objective);
    objective = { met: result.met, missed: result.missed };
  }
  const ranMs = engine.overloaded === null ? engine.untilMs : engine.now;
  const backlog = endBacklog(engine.services(), engine.channels());
  const meanBacklog =
    Object.values(metrics.services).reduce((sum, s) => sum + s.meanInbox, 0) +
    Object.values(metrics.channels).reduce((sum, c) => sum + c.meanDepth, 0);
  return {
    rate: job.rate,
    seed: job.seed,
    ranMs,
    events: engine.events,
    ...counts,
    latencyMs,
    bottleneck: bottleneckOf(metrics.services, diagram),
    overloaded: overloadReason({
      stopped: engine.overloaded,
      ...counts,
      rate: job.rate,
      backlog,
      meanBacklog,
    }),
    objective,
  };
}

/** Messages waiting at the end: every inbox and every channel's depth. */
function endBacklog(
  services: ReadonlyArray<{ inbox: number }>,
  channels: ReadonlyArray<{ depth: number }>,
): number {
  let total = 0;
  for (const s of services) total += s.inbox;
  for (const c of channels) total += c.depth;
  return total;
}

/**
 * Why a run is overloaded, or null: it stopped early (it flooded itself or spent its event budget);
 * more than `OPEN_SHARE_LIMIT` of the client's requests were still open at the end (offered ≫
 * completed); or the backlog was still growing at the end: `BACKLOG_GROWTH` × its time average
 * (a backlog growing steadily from empty ends at twice its average) and at least a second's worth
 * of the client's requests.
 */
export function overloadReason(run: {
  stopped: string | null;
  sent: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  rate: number;
  backlog: number;
  meanBacklog: number;
}): string | null {
  if (run.stopped !== null) return run.stopped;
  const open = run.sent - run.succeeded - run.failed - run.timedOut;
  if (run.sent > 0 && open > OPEN_SHARE_LIMIT * run.sent)
    return `${open} of ${run.sent} requests were still open at the end.`;
  if (run.backlog >= Math.max(1, run.rate) && run.backlog > BACKLOG_GROWTH * run.meanBacklog)
    return `The backlog was still growing: ${run.backlog} messages waiting at the end, ${round(run.meanBacklog)} on average.`;
  return null;
}

/** The non-client service with the highest utilization (ties: the longer wait). */
function bottleneckOf(
  services: Record<string, { name: string; utilization: number; waitMs: Percentiles; received: number }>,
  diagram: Diagram,
): Bottleneck | null {
  let best: Bottleneck | null = null;
  for (const service of diagram.services) {
    const figures = services[service.id];
    if (service.kind === 'client' || !figures || figures.received === 0) continue;
    const candidate = {
      id: service.id,
      name: figures.name,
      utilization: figures.utilization,
      waitMs: figures.waitMs.mean,
      received: figures.received,
    };
    if (
      !best ||
      candidate.utilization > best.utilization ||
      (candidate.utilization === best.utilization && candidate.waitMs > best.waitMs)
    )
      best = candidate;
  }
  return best;
}

const round = (x: number) => Math.round(x * 10) / 10;
