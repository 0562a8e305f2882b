import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadDiagram } from '../src/cli/simRun';
import { runJobsOnThreads } from '../src/cli/sweepPool';
import {
  estimateClientCapacity,
  ratesFromPercent,
  seedsFrom,
  summarizeSweep,
  sweepJobs,
} from '../src/runtime/index';

/**
 * `npm run -s bench:sweep [-- --json]`: issue 12's load-test benchmark. A 20-point sweep (10 %–150 %
 * of the estimated capacity) of the 20-service reference diagram's web client, 60 s simulated per
 * point, 3 seeds, on as many worker threads as the machine has cores, as `sweep` runs it. Prints the
 * wall time (target: under 15 s on the 2-core machine), the CPU time of the whole process (every
 * thread), the events and the load average before and after, since a shared machine changes the figure.
 */
const TARGET_SECONDS = 15;
const POINTS = 20;
const SEEDS = 3;
const DURATION_MS = 60_000;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const file = new URL('./diagrams/reference-20.json', import.meta.url).pathname;
  const loaded = loadDiagram(file);
  if ('error' in loaded) throw new Error(loaded.error);
  const diagram = loaded.diagram;
  const capacity = estimateClientCapacity(diagram, 'web');
  const rates = ratesFromPercent(capacity.ratePerSecond, 10, 150, POINTS);
  const jobs = sweepJobs(diagram, 'web', rates, seedsFrom(diagram.run.seed, SEEDS), DURATION_MS);
  const loadBefore = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const runs = await runJobsOnThreads(jobs);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const summary = summarizeSweep(runs);
  const result = {
    points: POINTS,
    seeds: SEEDS,
    simulatedSecondsPerRun: DURATION_MS / 1000,
    workers: availableParallelism(),
    seconds: round(seconds),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
    events: runs.reduce((total, r) => total + r.events, 0),
    knee: summary.knee,
    capacity: round(capacity.ratePerSecond),
    loadAverage: { before: round(loadBefore), after: round(loadavg()[0]!) },
    meetsTarget: seconds < TARGET_SECONDS,
  };
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else
    process.stdout.write(
      `sweep of reference-20 (web): ${POINTS} points × ${SEEDS} seeds × ${DURATION_MS / 1000} s simulated on ${result.workers} threads\n` +
        `  ${result.seconds} s wall (target < ${TARGET_SECONDS} s: ${result.meetsTarget ? 'met' : 'missed'}), ${result.cpuSeconds} s CPU, ` +
        `${(result.events / 1e6).toFixed(1)} M events; knee ${result.knee}/s of an estimated ${result.capacity}/s; ` +
        `load average ${result.loadAverage.before} before, ${result.loadAverage.after} after\n`,
    );
}

const round = (x: number) => Math.round(x * 100) / 100;

void main();
