import { estimateClientCapacity, seedsFrom, summarizeSweep, sweepJobs } from '../runtime/index';
import { EXIT } from './args';
import { loadDiagram } from './simRun';
import { parseSweepArgs } from './sweepArgs';
import { pickClient, ratesOf } from './sweepPlan';
import { runJobsOnThreads } from './sweepPool';
import { formatSweepReport, sweepReport } from './sweepReport';

/** `npm run -s sweep -- <diagram.json> --client ID --rates 10:150:10% [--seeds 3] [--json]`: a load test (usage in SWEEP_USAGE). */
async function main(argv: readonly string[]): Promise<number> {
  const args = parseSweepArgs(argv);
  if ('error' in args) return fail(args.error, EXIT.usage);
  const read = loadDiagram(args.file);
  if ('error' in read) return fail(read.error, EXIT.badInput);
  const diagram = read.diagram;
  const client = pickClient(diagram, args.clientId, args.file);
  if (typeof client === 'string') return fail(client, EXIT.usage);
  const rates = ratesOf(diagram, client.id, args.rates);
  if (typeof rates === 'string') return fail(rates, EXIT.usage);
  const seeds = seedsFrom(args.seed ?? diagram.run.seed, args.seeds);
  const jobs = sweepJobs(diagram, client.id, rates, seeds, args.durationMs, args.maxEvents).map((job) => ({
    ...job,
    includeFaults: args.faults,
  }));
  const progress = process.stderr.isTTY
    ? (done: number, total: number) => process.stderr.write(`\r${done}/${total} runs`)
    : undefined;
  const runs = await runJobsOnThreads(jobs, args.workers, progress);
  if (progress) process.stderr.write('\r\x1b[K');
  const report = sweepReport(summarizeSweep(runs), {
    client: client.id,
    capacity: estimateClientCapacity(diagram, client.id),
    seeds,
    durationMs: args.durationMs,
    faults: args.faults,
  });
  process.stdout.write(
    args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSweepReport(report, client.name)}\n`,
  );
  return EXIT.ok;
}

function fail(message: string, code: number): number {
  process.stderr.write(`${message}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`sweep failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
