import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mmcDiagram } from '../runtime/testing/queueingDiagrams';
import { parseRates, parseSweepArgs, rangePoints } from './sweepArgs';
import { pickClient, ratesOf } from './sweepPlan';
import { formatSweepReport, sweepReport } from './sweepReport';
import { runSweep, sweepJobs } from '../runtime/index';

describe('sweep command line', () => {
  it('reads ranges in percent or per second, and lists', () => {
    expect(parseRates('10:150:10%')).toEqual({ kind: 'range', from: 10, to: 150, step: 10, percent: true });
    expect(parseRates('5:50:5')).toEqual({ kind: 'range', from: 5, to: 50, step: 5, percent: false });
    expect(parseRates('5, 10,20')).toEqual({ kind: 'list', rates: [5, 10, 20] });
    expect(rangePoints({ from: 10, to: 150, step: 10 })).toHaveLength(15);
    expect(rangePoints({ from: 0.1, to: 0.3, step: 0.1 })).toEqual([0.1, 0.2, 0.3]);
  });

  it('refuses bad ranges with what is wrong', () => {
    const message = (text: string) => (parseRates(text) as { error: string }).error;
    expect(message('150:10:10%')).toMatch(
      /^--rates must end at or above where it starts: .*got "150:10:10%"$/,
    );
    expect(message('10:150')).toMatch(/^--rates needs from:to:step/);
    expect(message('0:150:10%')).toMatch(/must start above 0/);
    expect(message('10:150:0%')).toMatch(/needs a step above 0/);
    expect(message('1:1000:1')).toMatch(/has 1000 points, at most 100 are allowed/);
    expect(message('a:b:c')).toMatch(/has a part that is no number/);
    expect(message('5,,10')).toMatch(/lists rates above 0 per second/);
    expect(message('5,-1')).toMatch(/lists rates above 0 per second/);
  });

  it('reads every option, and says what a bad one is', () => {
    expect(
      parseSweepArgs(['d.json', '--client', 'web', '--rates', '5,10', '--seeds', '2', '--json']),
    ).toEqual({
      file: 'd.json',
      clientId: 'web',
      rates: { kind: 'list', rates: [5, 10] },
      seeds: 2,
      durationMs: 60_000,
      maxEvents: 20_000_000,
      faults: false,
      json: true,
    });
    expect(
      parseSweepArgs(['d.json', '--duration=10s', '--workers', '2', '--faults', '--seed', '9']),
    ).toMatchObject({
      durationMs: 10_000,
      workers: 2,
      faults: true,
      seed: 9,
    });
    expect(parseSweepArgs(['d.json', '--seeds', '0'])).toEqual({
      error: '--seeds must be a whole number from 1 to 50, got 0',
    });
    expect(parseSweepArgs(['d.json', '--duration', 'soon'])).toEqual({
      error: '--duration must be a simulated time from 1ms to 24h, such as 60s or 2m, got soon',
    });
    expect(parseSweepArgs(['d.json', '--client'])).toEqual({ error: '--client needs the id of a client' });
    expect((parseSweepArgs(['d.json', '--fast']) as { error: string }).error).toMatch(
      /^unknown option --fast\nusage:/,
    );
  });

  it('names the clients when the one asked for is unknown or no client', () => {
    const d = mmcDiagram(5, 1, 1, 1000);
    expect(pickClient(d, 'nope', 'd.json')).toBe(
      '--client: no service with id "nope" in d.json (its clients: source).',
    );
    expect(pickClient(d, 'server', 'd.json')).toBe(
      '--client: "server" is a service, not a client (its clients: source).',
    );
    expect(pickClient(d, undefined, 'd.json')).toMatchObject({ id: 'source' });
    expect(ratesOf(d, 'source', { kind: 'range', from: 10, to: 150, step: 70, percent: true })).toEqual([
      100, 800, 1500,
    ]);
    expect(ratesOf(d, 'source', { kind: 'list', rates: [20_000] })).toBe(
      '--rates: 20000 per second is above the most a client can send (10000).',
    );
    expect(ratesOf(d, 'source', { kind: 'default' })).toHaveLength(15);
  });

  it('prints a table with the knee and the objective', () => {
    const d = mmcDiagram(5, 1, 1, 1000);
    const summary = runSweep(sweepJobs(d, 'source', [100, 900], [1], 5000));
    const report = sweepReport(summary, {
      client: 'source',
      capacity: { ratePerSecond: 1000, limitedBy: 'server' },
      seeds: [1],
      durationMs: 5000,
      faults: false,
    });
    const text = formatSweepReport(report, 'Source');
    expect(text).toMatch(
      /^Load test of Source: 2 rates × 1 seeds, 5 s simulated each\nEstimated capacity: 1,000\/s \(server saturates first\)\./,
    );
    expect(text).toMatch(/\n {3}900 .* knee\n/);
    expect(text).toMatch(
      /Knee: 900\/s \(p99 .* ms is over 2× the .* ms at 100\/s\)\.\nObjective: the client has none\.$/,
    );
  });

  it('runs on worker threads and prints the documented JSON; unknown clients exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const file = join(dir, 'mm1.json');
    writeFileSync(file, JSON.stringify(mmcDiagram(5, 1, 1, 1000)));
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const sweep = (...args: string[]) =>
      spawnSync(tsx, ['src/cli/sweep.ts', file, ...args], { encoding: 'utf8' });
    const ok = sweep('--rates', '200,500', '--seeds', '2', '--duration', '5s', '--workers', '2', '--json');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout) as ReturnType<typeof sweepReport>;
    expect(Object.keys(report)).toEqual([
      'client',
      'capacity',
      'seeds',
      'durationMs',
      'faults',
      'knee',
      'kneeReason',
      'objectiveMissedAt',
      'rows',
    ]);
    expect(report.rows.map((r) => Object.keys(r))).toEqual(
      Array(2).fill([
        'rate',
        'p50',
        'p95',
        'p99',
        'mean',
        'successRate',
        'throughput',
        'offered',
        'overloaded',
        'overloadReason',
        'objective',
        'bottleneck',
        'seeds',
      ]),
    );
    // The same runs in this thread give the same rows: workers change nothing.
    expect(report.rows).toEqual(
      runSweep(sweepJobs(mmcDiagram(5, 1, 1, 1000), 'source', [200, 500], [7, 8], 5000)).rows,
    );
    const unknown = sweep('--client', 'web');
    expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([
      2,
      '',
      `--client: no service with id "web" in ${file} (its clients: source).\n`,
    ]);
  });
});
