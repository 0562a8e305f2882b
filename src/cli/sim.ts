import { readFileSync } from 'node:fs';
import { formatErrors, parseDiagram } from '../model/parse';
import { createEngine } from '../runtime/index';
import { EXIT, parseSimArgs } from './args';
import { buildReport, formatReport } from './report';

/** `npm run -s sim -- <diagram.json> [--seed N] [--until 60s] [--json]`: runs a diagram headless (exit codes in USAGE). */
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
  const engine = createEngine(diagram, { seed: args.seed, untilMs: args.untilMs });
  engine.advanceTo(engine.untilMs);
  const report = buildReport(
    args.seed ?? diagram.run.seed,
    engine.untilMs,
    engine.events,
    engine.traceHash(),
    engine.metrics(),
    engine.check(),
    engine.overloaded,
    engine.now,
  );
  process.stdout.write(
    args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, diagram.name)}\n`,
  );
  if (!report.invariants.conservation || !report.invariants.sagas) return EXIT.invariants;
  return report.overloaded ? EXIT.overloaded : EXIT.ok;
}

process.exitCode = main(process.argv.slice(2));
