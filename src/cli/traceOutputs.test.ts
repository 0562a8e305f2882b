import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type TraceRecord } from '../runtime/index';
import { checkoutExample } from '../scenarios/checkout';
import { parseSimArgs } from './args';

describe('sim --trace, --otlp, --mermaid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microsim-trace-'));
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const sim = (...args: string[]) => spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8' });
  const diagramFile = join(dir, 'checkout.json');
  writeFileSync(diagramFile, JSON.stringify(checkoutExample));

  it('reads the flags and explains what is wrong', () => {
    expect(parseSimArgs(['d.json', '--trace', 't.jsonl', '--otlp=o.json', '--otlp-limit', '50'])).toEqual({
      file: 'd.json',
      json: false,
      trace: 't.jsonl',
      otlp: 'o.json',
      otlpLimit: 50,
    });
    expect(parseSimArgs(['d.json', '--mermaid'])).toEqual({
      error: '--mermaid needs a request id such as c12',
    });
    expect(parseSimArgs(['d.json', '--otlp-limit', '5'])).toEqual({
      error: '--otlp-limit bounds the OTLP file: use it with --otlp out.json',
    });
    expect(parseSimArgs(['d.json', '--mermaid', 'c1', '--json'])).toMatchObject({
      error: expect.stringMatching(/--mermaid/),
    });
  });

  it('--trace writes every record of the run, one JSON object per line, the engine’s own', () => {
    const out = join(dir, 'trace.jsonl');
    const run = sim(diagramFile, '--until', '5s', '--trace', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Invariants: conservation ok');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const expected: TraceRecord[] = [];
    const engine = createEngine(checkoutExample, { onRecord: (r) => expected.push(r) });
    engine.advanceTo(5000);
    expect(lines.length).toBe(expected.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('--otlp writes the requests as OTLP/JSON, bounded by --otlp-limit', () => {
    const out = join(dir, 'otlp.json');
    const run = sim(diagramFile, '--until', '10s', '--otlp', out, '--otlp-limit', '3');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/--otlp: 3 requests written, \d+ more left out/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const spans = json.resourceSpans.flatMap(
      (r: { scopeSpans: { spans: { traceId: string }[] }[] }) => r.scopeSpans[0]!.spans,
    );
    expect(new Set(spans.map((s: { traceId: string }) => s.traceId)).size).toBe(3);
    const names = json.resourceSpans.map(
      (r: { resource: { attributes: { value: { stringValue: string } }[] } }) =>
        r.resource.attributes[0]!.value.stringValue,
    );
    expect(names).toContain('Payment Service');
  });

  it('--mermaid prints one request as a sequence diagram instead of the report; an unknown id fails', () => {
    const run = sim(diagramFile, '--until', '3s', '--mermaid', 'c0');
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('sequenceDiagram\n')).toBe(true);
    expect(run.stdout).toContain('p2->>p3: ChargeCard');
    expect(run.stdout).not.toContain('Invariants');
    const missing = sim(diagramFile, '--until', '3s', '--mermaid', 'c9999');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no request c9999 in this run');
  });
});
