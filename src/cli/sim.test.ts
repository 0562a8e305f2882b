import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimArgs } from './args';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads ms, s, m, h and plain numbers', () => {
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('-5s')).toBeNull();
  });
});

describe('parseSimArgs', () => {
  it('reads the file and options in any order', () => {
    expect(parseSimArgs(['d.json', '--seed', '4', '--until', '30s', '--json'])).toEqual({
      file: 'd.json',
      seed: 4,
      untilMs: 30_000,
      json: true,
    });
    expect(parseSimArgs(['--until=2m', 'd.json'])).toEqual({ file: 'd.json', untilMs: 120_000, json: false });
  });
  it('explains what is wrong', () => {
    expect(parseSimArgs([])).toHaveProperty('error', expect.stringContaining('usage'));
    expect(parseSimArgs(['d.json', '--seed', 'x'])).toHaveProperty(
      'error',
      expect.stringContaining('--seed'),
    );
    expect(parseSimArgs(['d.json', '--until', 'later'])).toHaveProperty(
      'error',
      expect.stringContaining('--until'),
    );
    expect(parseSimArgs(['d.json', '--fast'])).toHaveProperty(
      'error',
      expect.stringContaining('unknown option --fast'),
    );
  });
});

describe('sim command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microsim-cli-'));
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const sim = (...args: string[]) => spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8' });

  it('prints the documented JSON keys with --json', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(
      file,
      JSON.stringify({
        services: [{ id: 'c', kind: 'client', traffic: { rate: 10 } }, { id: 'a' }, { id: 'b' }],
        edges: [
          { id: 'e', kind: 'sync', from: 'c', to: 'a' },
          { id: 'q', kind: 'queue', from: 'a', to: 'b', channel: 'jobs' },
        ],
      }),
    );
    const out = JSON.parse(
      execFileSync(tsx, ['src/cli/sim.ts', file, '--json', '--until', '5s', '--seed', '3'], {
        encoding: 'utf8',
      }),
    );
    expect(Object.keys(out)).toEqual([
      'seed',
      'until',
      'events',
      'traceHash',
      'services',
      'channels',
      'edges',
      'requests',
      'sagas',
      'duplicates',
      'invariants',
    ]);
    expect(out.seed).toBe(3);
    expect(out.until).toBe(5_000);
    expect(Object.keys(out.services.a)).toEqual([
      'name',
      'received',
      'handled',
      'failed',
      'maxInbox',
      'utilization',
      'waitMs',
      'latencyMs',
    ]);
    expect(Object.keys(out.channels.jobs)).toEqual([
      'kind',
      'published',
      'delivered',
      'redelivered',
      'deadLettered',
      'dropped',
      'maxDepth',
      'depthAtEnd',
      'waitMs',
    ]);
    expect(out.invariants).toEqual({ conservation: true, sagas: true, violations: [] });
    // The readable table of the same run carries the same hash.
    expect(sim(file, '--until', '5s', '--seed', '3').stdout).toContain(out.traceHash);
  });

  it('rejects a bad diagram with the plain-language errors and a non-zero exit', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        services: [{ id: 'a' }],
        edges: [{ id: 'e', kind: 'sync', from: 'a', to: 'nowhere' }],
      }),
    );
    const r = sim(file);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('edges[0].to: no service with id "nowhere"');
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{ nope');
    expect(sim(notJson).stderr).toContain('not valid JSON');
    expect(sim(join(dir, 'missing.json')).stderr).toContain('no such file');
  });
});
