import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simCommand } from './testing/simCommand';

/** The command's limits, exit codes and hostile input (sim.test.ts has its reports). */
describe('sim command: limits and bad input', () => {
  const { dir, sim } = simCommand();

  it('a run that overloads itself exits 4 and says where it stopped', () => {
    const file = join(dir, 'flood.json');
    const ids = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];
    writeFileSync(
      file,
      JSON.stringify({
        services: [
          { id: 'client', kind: 'client', traffic: { rate: 1 } },
          ...ids.map((id) => ({ id, concurrency: 10_000, latency: { dist: 'fixed', ms: 1 } })),
        ],
        edges: [
          { id: 'c', kind: 'topic', from: 'client', to: 'a0', topic: 'boom' },
          ...ids.map((id, i) => ({
            id: `x${i}`,
            kind: 'topic',
            from: id,
            to: ids[(i + 1) % 8],
            topic: 'boom',
          })),
        ],
        run: { untilMs: 60_000, hopLimit: 1000 },
      }),
    );
    const run = sim(file, '--json');
    expect(run.status).toBe(4);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).slice(-4)).toEqual(['invariants', 'overloaded', 'stoppedAtMs', 'checklist']);
    expect(out.until).toBe(60_000);
    expect(out.stoppedAtMs).toBeGreaterThan(0);
    expect(out.stoppedAtMs).toBeLessThan(60_000);
    expect(out.overloaded).toContain(`Overloaded at ${Math.round(out.stoppedAtMs)} ms`);
    expect(out.invariants.conservation).toBe(true);
    const table = sim(file);
    expect(table.status).toBe(4);
    expect(table.stdout).toContain(`stopped at ${out.stoppedAtMs / 1000}s of 60s`);
  });

  it('a run that reaches --max-events exits 4 and says so, with how to raise the limit', () => {
    const file = join(dir, 'long.json');
    writeFileSync(
      file,
      JSON.stringify({
        services: [
          { id: 'c', kind: 'client', traffic: { rate: 10_000 } },
          { id: 'a', concurrency: 1000 },
        ],
        edges: [{ id: 'e', kind: 'sync', from: 'c', to: 'a' }],
        run: { untilMs: 86_400_000 },
      }),
    );
    const run = sim(file, '--json', '--max-events', '20000');
    expect(run.status).toBe(4);
    const out = JSON.parse(run.stdout);
    expect(out.events).toBe(20_000);
    expect(out.overloaded).toMatch(/^Stopped at \d+ ms after 20,000 events, the most one run may do\./);
    expect(out.overloaded).toContain('Raise the limit with --max-events.');
    expect(out.stoppedAtMs).toBeGreaterThan(0);
    expect(run.stderr).toContain(out.overloaded);
    const table = sim(file, '--max-events=20000');
    expect(table.status).toBe(4);
    expect(table.stdout).toContain(`STOPPED EARLY: ${out.overloaded}`);
  });

  it('reads a file that starts with a byte-order mark, as the app and share do', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\ufeff${JSON.stringify({ services: [{ id: 'a' }] })}`);
    const r = sim(file, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('services.a');
  });

  it('documents its exit codes in --help', () => {
    const help = sim('--help');
    expect(help.stderr).toContain('exit codes:');
    expect(help.stderr).toContain('--max-events');
    for (const code of ['0', '1', '2', '3', '4'])
      expect(help.stderr).toMatch(new RegExp(`^  ${code}  `, 'm'));
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

  it('a 10 KB file nesting 5,000 lists deep is refused with how deep, not a stack overflow', () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, `{"version":${'['.repeat(5_000)}5${']'.repeat(5_000)}}`);
    const r = sim(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${file} is not a valid diagram:\nversion: nests lists and objects 5,001 levels deep; at most 64 levels are allowed\n`,
    );
  });

  it('reports services, queues, topics and sagas named after built-in object properties', () => {
    const file = join(dir, 'built-in-names.json');
    writeFileSync(
      file,
      JSON.stringify({
        services: [
          { id: 'c', kind: 'client', traffic: { pattern: 'steady', rate: 10 } },
          { id: '__proto__', name: 'constructor', kind: 'orchestrator' },
          { id: 'w', name: 'toString' },
          { id: 's', name: 'valueOf' },
        ],
        edges: [
          { id: 'constructor', kind: 'sync', from: 'c', to: '__proto__' },
          { id: 'q', kind: 'queue', from: '__proto__', to: 'w', channel: '__proto__' },
          { id: 'valueOf', kind: 'topic', from: 'w', to: 's', topic: 'hasOwnProperty' },
          { id: 's1', kind: 'saga', from: '__proto__', to: 'w', saga: '__proto__', step: 1 },
          { id: 's2', kind: 'saga', from: '__proto__', to: 's', saga: '__proto__', step: 2 },
        ],
      }),
    );
    const run = sim(file, '--json', '--until', '3s');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out.services)).toEqual(['c', '__proto__', 'w', 's']);
    expect(out.services['__proto__'].name).toBe('constructor');
    expect(out.services['__proto__'].handled).toBeGreaterThan(0);
    expect(Object.keys(out.channels)).toEqual(['__proto__', 'hasOwnProperty']);
    expect(out.channels['__proto__'].kind).toBe('queue');
    expect(out.channels.hasOwnProperty.kind).toBe('topic');
    expect(Object.keys(out.edges)).toEqual(['constructor', 'q', 'valueOf', 's1', 's2']);
    expect(Object.keys(out.sagas)).toEqual(['__proto__']);
    expect(out.sagas['__proto__'].started).toBeGreaterThan(0);
    const table = sim(file, '--until', '3s').stdout;
    expect(table).toContain('constructor (__proto__)');
    expect(table).toMatch(/^__proto__ +queue/m);
    expect(table).toMatch(/^hasOwnProperty +topic/m);
    expect(table).not.toContain('(topic)');
    expect(table).toMatch(/^Sagas\nsaga[^\n]*\n-[- ]*\n__proto__ /m);
  });
});
