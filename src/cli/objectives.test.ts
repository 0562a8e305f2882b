import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const checkout = SCENARIOS.find((s) => s.id === 'checkout')!.diagram;

/** `sim --json` on `diagram`, parsed. */
function sim(diagram: unknown, ...args: string[]): Record<string, unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'microsim-objectives-')), 'diagram.json');
  writeFileSync(file, JSON.stringify(diagram));
  const run = spawnSync(tsx, ['src/cli/sim.ts', file, '--json', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sim exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Checkout with a success objective on its client, and Payment down from 20 s to 30 s. */
const withObjective = {
  ...checkout,
  services: checkout.services.map((s) =>
    s.id === 'client' ? { ...s, objective: { windowMs: 5_000, success: 0.995 } } : s,
  ),
  faults: [{ id: 'f1', kind: 'down', target: 'payment', atMs: 20_000, durationMs: 10_000 }],
};

describe('sim --json objectives', () => {
  it('judges the client: the windows while Payment is down miss the success objective', () => {
    const report = sim(withObjective);
    const o = (
      report.objectives as Record<string, { verdict: string; missedAt: unknown[]; windowMs: number }>
    ).client!;
    expect(o.verdict).toBe('missed');
    expect(o.windowMs).toBe(5_000);
    // Missed only around the fault (a window may straddle its end while retries drain).
    for (const m of o.missedAt as Array<{ fromMs: number; toMs: number }>) {
      expect(m.fromMs).toBeGreaterThanOrEqual(20_000);
      expect(m.toMs).toBeLessThanOrEqual(35_000);
    }
    expect(o.missedAt.length).toBeGreaterThan(0);
    // Without --series the series are not printed, though they were collected for the objectives.
    expect(report).not.toHaveProperty('series');
  });

  it('a diagram without objectives has no objectives key, and the same figures either way', () => {
    const plain = sim({ ...withObjective, services: checkout.services });
    expect(plain).not.toHaveProperty('objectives');
    const judged = sim(withObjective);
    const { objectives: _o, ...figures } = judged;
    expect(figures).toEqual(plain);
  });
});
