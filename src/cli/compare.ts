import { compareRuns, comparisonRuns } from '../compare/index';
import { EXIT, type SimArgs } from './args';
import { formatComparison } from './compareFormat';
import { formatReport, type SimReport } from './report';
import { loadDiagram, runDiagram } from './simRun';

/**
 * `sim a.json --compare b.json`: runs both with A's run settings and fault script (the seed given
 * with --seed, else A's), then prints both reports and the comparison — `{ a, b, diff }` with --json.
 * Exit codes as for one run: the worse of the two (invariants, then overloaded).
 */
export function compareMain(args: SimArgs, fileB: string): number {
  const loadedA = loadDiagram(args.file);
  const loadedB = loadDiagram(fileB);
  const errors = [loadedA, loadedB].flatMap((l) => ('error' in l ? [l.error] : []));
  if (!('diagram' in loadedA) || !('diagram' in loadedB)) {
    process.stderr.write(`${errors.join('\n')}\n`);
    return EXIT.badInput;
  }
  const runs = comparisonRuns(loadedA.diagram, loadedB.diagram, args.seed);
  if (runs.bSettingsReplaced)
    process.stderr.write(
      `${fileB}: its own run settings and fault script are set aside; both run with ${args.file}'s.\n`,
    );
  if (runs.skippedInB.length)
    process.stderr.write(
      `${fileB} has no target for fault${runs.skippedInB.length > 1 ? 's' : ''} ${runs.skippedInB.join(', ')}: left out of its run.\n`,
    );
  const options = {
    untilMs: args.untilMs,
    maxEvents: args.maxEvents,
    seriesBucketMs: args.seriesBucketMs,
    needSeries: true,
  };
  const a = runDiagram(runs.a, options);
  const b = runDiagram(runs.b, options);
  const diff = compareRuns(a.report, b.report, runs.faults);
  // The series was collected for the figures during faults; it is printed only when --series asked for it.
  const printed = (r: SimReport) => {
    if (args.seriesBucketMs !== undefined) return r;
    const { series: _series, ...rest } = r;
    return rest;
  };
  if (args.json)
    process.stdout.write(
      `${JSON.stringify({ a: printed(a.report), b: printed(b.report), diff }, null, 2)}\n`,
    );
  else
    process.stdout.write(
      `A: ${formatReport(a.report, runs.a.name)}\n\n` +
        `B: ${formatReport(b.report, runs.b.name)}\n\n` +
        `${formatComparison(diff)}\n`,
    );
  for (const [label, run] of [
    ['A', a],
    ['B', b],
  ] as const)
    if (run.stopped !== null) process.stderr.write(`${label}: ${run.stopped}\n`);
  const reports = [a.report, b.report];
  if (reports.some((r) => !r.invariants.conservation || !r.invariants.sagas)) return EXIT.invariants;
  return reports.some((r) => r.overloaded) ? EXIT.overloaded : EXIT.ok;
}
