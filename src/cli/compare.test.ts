import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeEdgeKind } from '../model/edits';
import type { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { parseSimArgs } from './args';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const checkout = SCENARIOS.find((s) => s.id === 'checkout')!.diagram;
/** The article's case: Payment down from 20 s to 30 s; B calls it through a queue instead of sync. */
const syncDesign: Diagram = {
  ...checkout,
  faults: [
    {
      id: 'pay-down',
      kind: 'down',
      target: 'payment',
      atMs: 20_000,
      durationMs: 10_000,
      factor: 5,
      rate: 0.5,
      source: 'script',
    },
  ],
};
const queueDesign = changeEdgeKind(syncDesign, 'e-orders-payment', 'queue');

const folder = mkdtempSync(join(tmpdir(), 'microsim-compare-'));
function file(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const sim = (...args: string[]) => spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8' });

describe('sim --compare', () => {
  it('reads --compare with its file, and says when the file is missing', () => {
    expect(parseSimArgs(['a.json', '--compare', 'b.json', '--seed', '3'])).toEqual({
      file: 'a.json',
      compare: 'b.json',
      seed: 3,
      json: false,
    });
    expect(parseSimArgs(['a.json', '--compare'])).toHaveProperty(
      'error',
      expect.stringContaining('--compare needs'),
    );
  });

  it('--json prints { a, b, diff }: both runs with the same seed and faults, and the queue keeps the client succeeding', () => {
    const run = sim(
      file('a.json', syncDesign),
      '--compare',
      file('b.json', queueDesign),
      '--seed',
      '7',
      '--json',
    );
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      a: { seed: number; series?: unknown; clients: Record<string, unknown> };
      b: { seed: number; series?: unknown };
      diff: {
        clients: Array<{ id: string; rows: Array<{ key: string; a: number; b: number; winner: string }> }>;
        verdict: string;
        identical: boolean;
      };
    };
    expect(Object.keys(out)).toEqual(['a', 'b', 'diff']);
    expect(out.a.seed).toBe(7);
    expect(out.b.seed).toBe(7);
    // The series was only read for the figures during the fault; without --series it is not printed.
    expect(out.a.series).toBeUndefined();
    const during = out.diff.clients[0]!.rows.find((r) => r.key === 'success.during.pay-down')!;
    expect(during).toMatchObject({ a: 0, b: 1, winner: 'b' });
    expect(out.diff.identical).toBe(false);
    expect(out.diff.verdict).toMatch(
      /^B keeps Web Client at 100 % success while Payment Service is down \(A: 0 %\)/,
    );
  });

  it('a diagram against itself: identical, said in the table', () => {
    const path = file('same.json', syncDesign);
    const run = sim(path, '--compare', path);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('A and B are identical: every difference is zero.');
    expect(run.stdout).toContain('Verdict: A and B give exactly the same figures.');
    expect(run.stdout).toMatch(/^A: Checkout — seed 7/);
  });

  it("runs B with A's fault script and says so when B had its own, and which faults B has no target for", () => {
    const noPayment = {
      ...syncDesign,
      services: syncDesign.services.filter((s) => s.id !== 'payment'),
      edges: syncDesign.edges.filter((e) => e.from !== 'payment' && e.to !== 'payment'),
      faults: [],
    };
    const run = sim(file('a2.json', syncDesign), '--compare', file('b2.json', noPayment), '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      'b2.json: its own run settings and fault script are set aside; both run with',
    );
    expect(run.stderr).toContain('b2.json has no target for fault pay-down: left out of its run.');
    const out = JSON.parse(run.stdout) as { diff: { onlyInA: Array<{ id: string }> } };
    expect(out.diff.onlyInA.map((u) => u.id)).toEqual(['payment', 'e-orders-payment', 'e-payment-bank']);
  });

  it('a missing or broken second file gets a clear message and exit 1', () => {
    const a = file('ok.json', syncDesign);
    const missing = sim(a, '--compare', join(folder, 'nope.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.json: no such file');
    const broken = sim(a, '--compare', file('broken.json', '{"services": ['));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('broken.json: not valid JSON');
    const invalid = sim(a, '--compare', file('invalid.json', { services: [{ id: 'x', kind: 'robot' }] }));
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('invalid.json is not a valid diagram');
    expect(missing.stdout + broken.stdout + invalid.stdout).toBe('');
  });
});
