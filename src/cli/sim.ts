import { readFileSync } from 'node:fs';
import { formatErrors, parseDiagram } from '../model/parse';
import {
  createEngine,
  DEFAULT_MAX_EVENTS,
  seriesToJson,
  DEFAULT_SERIES_BUCKET_MS,
  evaluateObjectives,
  hasObjectives,
} from '../runtime/index';
import { EXIT, parseSimArgs } from './args';
import { buildReport, formatReport } from './report';

/** `npm run -s sim -- <diagram.json> [--seed N] [--until 60s] [--max-events N] [--json [--series 1s]]`: runs a diagram headless (exit codes in USAGE). */
function main(argv: readonly string[]): number {
  const args = parseSimArgs(argv);
  if ('error' in args) {
    process.stderr.write(`${args.error}\n`);
    return EXIT.usage;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(
      `${args.file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(err)})`}\n`,
    );
    return EXIT.badInput;
  }
  // A byte-order mark (Windows editors write one) is no part of the JSON, as in the app and `share`.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    process.stderr.write(`${args.file}: not valid JSON (${(err as Error).message})\n`);
    return EXIT.badInput;
  }
  const parsed = parseDiagram(raw);
  if (!parsed.ok) {
    process.stderr.write(`${args.file} is not a valid diagram:\n${formatErrors(parsed.errors)}\n`);
    return EXIT.badInput;
  }
  const diagram = parsed.diagram;
  const maxEvents = args.maxEvents ?? DEFAULT_MAX_EVENTS;
  const engine = createEngine(diagram, {
    seed: args.seed,
    untilMs: args.untilMs,
    maxEvents,
    // Objectives are judged from the series, so a diagram with any collects them (printed only with --series).
    seriesBucketMs: args.seriesBucketMs ?? (hasObjectives(diagram) ? DEFAULT_SERIES_BUCKET_MS : undefined),
  });
  engine.advanceTo(engine.untilMs);
  const stopped =
    engine.overloaded !== null && engine.events >= maxEvents
      ? `${engine.overloaded} Raise the limit with --max-events.`
      : engine.overloaded;
  const report = buildReport(
    args.seed ?? diagram.run.seed,
    engine.untilMs,
    engine.events,
    engine.traceHash(),
    engine.metrics(),
    engine.check(),
    stopped,
    engine.now,
  );
  const series = engine.series();
  // Only for a diagram with objectives, so the report of any other is the same bytes as before.
  if (series !== null && hasObjectives(diagram)) report.objectives = evaluateObjectives(diagram, series);
  // Last, so the report without --series is the same bytes as before; NaN (no sample) prints as null.
  if (series !== null && args.seriesBucketMs !== undefined) report.series = seriesToJson(series);
  process.stdout.write(
    args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, diagram.name)}\n`,
  );
  // The report says it too, but a script reading only the JSON should still see why on stderr.
  if (stopped !== null) process.stderr.write(`${stopped}\n`);
  if (!report.invariants.conservation || !report.invariants.sagas) return EXIT.invariants;
  return report.overloaded ? EXIT.overloaded : EXIT.ok;
}

process.exitCode = main(process.argv.slice(2));
