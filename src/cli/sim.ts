import { EXIT, parseSimArgs } from './args';
import { compareMain } from './compare';
import { formatReport } from './report';
import { loadDiagram, runDiagram } from './simRun';
import { openTraceOutputs } from './traceOutputs';

/** `npm run -s sim -- <diagram.json> [--seed N] [--until 60s] [--max-events N] [--json [--series 1s]] [--compare b.json] [--trace out.jsonl] [--otlp out.json] [--mermaid c12]`: runs a diagram headless (exit codes in USAGE). */
function main(argv: readonly string[]): number {
  const args = parseSimArgs(argv);
  if ('error' in args) {
    process.stderr.write(`${args.error}\n`);
    return EXIT.usage;
  }
  if (args.compare !== undefined) return compareMain(args, args.compare);
  const loaded = loadDiagram(args.file);
  if ('error' in loaded) {
    process.stderr.write(`${loaded.error}\n`);
    return EXIT.badInput;
  }
  const diagram = loaded.diagram;
  const outputs = openTraceOutputs(args, diagram);
  if ('error' in outputs) {
    process.stderr.write(`${outputs.error}\n`);
    return EXIT.badInput;
  }
  const { report, stopped, endMs } = runDiagram(diagram, {
    ...args,
    onRecord: outputs.onRecord ?? undefined,
  });
  const failed = outputs.finish(endMs);
  if (failed !== null) {
    process.stderr.write(`${failed}\n`);
    return EXIT.badInput;
  }
  if (args.mermaid === undefined)
    process.stdout.write(
      args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, diagram.name)}\n`,
    );
  // The report says it too, but a script reading only the JSON should still see why on stderr.
  if (stopped !== null) process.stderr.write(`${stopped}\n`);
  if (!report.invariants.conservation || !report.invariants.sagas) return EXIT.invariants;
  return report.overloaded ? EXIT.overloaded : EXIT.ok;
}

process.exitCode = main(process.argv.slice(2));
