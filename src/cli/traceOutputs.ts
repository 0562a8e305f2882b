import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { requestSequence, sequenceToMermaid, spansToOtlp } from '../export/index';
import type { Diagram } from '../model/schema';
import { buildRequestSpans, RequestCollector, type MessageFacts, type TraceRecord } from '../runtime/index';
import { DEFAULT_OTLP_LIMIT, type SimArgs } from './args';

/** Bytes of `--trace` lines gathered before one write: the file streams, memory stays flat. */
const TRACE_CHUNK = 1 << 16;

/** What `sim` writes besides its report: the trace file, the OTLP file, a request's Mermaid text. */
export interface TraceOutputs {
  /** Feeds one record (give it to the run's `onRecord`); null when no output wants records. */
  onRecord: ((record: TraceRecord, facts: (id: string) => MessageFacts | undefined) => void) | null;
  /** Writes what was collected once the run ended at `endMs`; an error message, or null. */
  finish(endMs: number): string | null;
}

/** Opens the outputs `args` asks for (`--trace` opens its file at once, so a bad path fails early). */
export function openTraceOutputs(args: SimArgs, diagram: Diagram): TraceOutputs | { error: string } {
  const nameOf = (id: string) => diagram.services.find((s) => s.id === id)?.name ?? id;
  let traceFile: number | null = null;
  let chunk = '';
  if (args.trace !== undefined) {
    try {
      traceFile = openSync(args.trace, 'w');
    } catch (err) {
      return {
        error: `--trace ${args.trace}: cannot write it (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      };
    }
  }
  // The run's engine, which answers the facts, exists only once the run starts: `onRecord` hands it over.
  let lookup: (id: string) => MessageFacts | undefined = () => undefined;
  const facts = (id: string) => lookup(id);
  const otlp =
    args.otlp === undefined
      ? null
      : new RequestCollector(facts, { maxRequests: args.otlpLimit ?? DEFAULT_OTLP_LIMIT });
  const mermaid =
    args.mermaid === undefined ? null : new RequestCollector(facts, { only: new Set([args.mermaid]) });
  const feeds = [otlp, mermaid].filter((c) => c !== null);
  if (traceFile === null && feeds.length === 0) return { onRecord: null, finish: () => null };
  return {
    onRecord: (record, facts) => {
      lookup = facts;
      if (traceFile !== null) {
        chunk += `${JSON.stringify(record)}\n`;
        if (chunk.length >= TRACE_CHUNK) {
          writeSync(traceFile, chunk);
          chunk = '';
        }
      }
      for (const feed of feeds) feed.add(record);
    },
    finish(endMs) {
      if (traceFile !== null) {
        writeSync(traceFile, chunk);
        closeSync(traceFile);
      }
      if (otlp && args.otlp !== undefined) {
        const requests = otlp.all().map((r) => buildRequestSpans(r, endMs));
        const json = spansToOtlp(requests, { nameOf, runKey: String(args.seed ?? diagram.run.seed) });
        writeFileSync(args.otlp, `${JSON.stringify(json)}\n`);
        if (otlp.skipped > 0)
          process.stderr.write(
            `--otlp: ${requests.length} requests written, ${otlp.skipped} more left out (--otlp-limit)\n`,
          );
      }
      if (mermaid && args.mermaid !== undefined) {
        const request = mermaid.get(args.mermaid);
        if (!request) return `--mermaid: no request ${args.mermaid} in this run (request ids are c0, c1, …)`;
        const spans = buildRequestSpans(request, endMs);
        process.stdout.write(
          sequenceToMermaid(requestSequence(spans, nameOf), `${diagram.name}: ${args.mermaid}`),
        );
      }
      return null;
    },
  };
}
