import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseDiagram } from '../src/model/parse';
import type { Diagram } from '../src/model/schema';
import { createEngine } from '../src/runtime/index';
import { mmcDiagram } from './models';

/**
 * `npm run -s bench:engine [-- --json]`: events per second, trace hash included, best of five runs
 * after a warm-up of both models. Figures are per wall second and per CPU second of this process
 * (steadier on a shared machine), each next to the target.
 */
const TARGET_EVENTS_PER_SECOND = 2_000_000;
const REPEATS = 5;

interface Result {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Events per second of this process's CPU time: steadier than wall time on a shared machine. */
  eventsPerCpuSecond: number;
  traceHash: string;
  target: number;
  meetsTarget: { wall: boolean; cpu: boolean };
}

function run(name: string, diagram: Diagram, untilMs: number): Result {
  let best: Result | null = null;
  let bestCpu = 0;
  for (let rep = 0; rep < REPEATS; rep++) {
    const engine = createEngine(diagram, { untilMs });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    engine.advanceTo(untilMs);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const perCpu = Math.round(engine.events / ((cpu.user + cpu.system) / 1e6));
    bestCpu = Math.max(bestCpu, perCpu);
    const r: Result = {
      name,
      events: engine.events,
      seconds,
      eventsPerSecond: Math.round(engine.events / seconds),
      eventsPerCpuSecond: perCpu,
      traceHash: engine.traceHash(),
      target: TARGET_EVENTS_PER_SECOND,
      meetsTarget: { wall: false, cpu: false },
    };
    if (!best || r.eventsPerSecond > best.eventsPerSecond) best = r;
  }
  // Best wall run and best CPU run (they need not be the same repeat on a busy machine).
  best!.eventsPerCpuSecond = bestCpu;
  best!.meetsTarget = {
    wall: best!.eventsPerSecond >= TARGET_EVENTS_PER_SECOND,
    cpu: bestCpu >= TARGET_EVENTS_PER_SECOND,
  };
  return best!;
}

const json = process.argv.includes('--json');
const refPath = new URL('./diagrams/reference-20.json', import.meta.url);
const parsed = parseDiagram(JSON.parse(readFileSync(refPath, 'utf8')));
if (!parsed.ok) throw new Error(`reference-20.json is invalid: ${JSON.stringify(parsed.errors)}`);

// Warm up the JIT on both models so the figures measure the engine, not the compiler.
createEngine(mmcDiagram(800, 1, 1, 20_000)).advanceTo(20_000);
createEngine(parsed.diagram, { untilMs: 30_000 }).advanceTo(30_000);

const results = [
  run('M/M/1 (rho 0.8)', mmcDiagram(800, 1, 1, 1_000_000), 1_000_000),
  run('reference-20', parsed.diagram, parsed.diagram.run.untilMs),
];
if (json)
  process.stdout.write(
    `${JSON.stringify({ node: process.version, target: TARGET_EVENTS_PER_SECOND, results }, null, 2)}\n`,
  );
else {
  const n = (x: number) => x.toLocaleString('en');
  const mark = (ok: boolean) => (ok ? 'meets' : 'BELOW');
  process.stdout.write(`target ${n(TARGET_EVENTS_PER_SECOND)} events/s (best of ${REPEATS})\n`);
  for (const r of results)
    process.stdout.write(
      `${r.name.padEnd(16)} ${n(r.events).padStart(10)} events  ${r.seconds.toFixed(2)} s  ` +
        `${n(r.eventsPerSecond).padStart(10)} /wall s (${mark(r.meetsTarget.wall)} ${n(r.target)})  ` +
        `${n(r.eventsPerCpuSecond).padStart(10)} /CPU s (${mark(r.meetsTarget.cpu)} ${n(r.target)})  hash ${r.traceHash}\n`,
    );
}
