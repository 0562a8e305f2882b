import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseDiagram } from '../src/model/parse';
import type { Diagram } from '../src/model/schema';
import { createEngine } from '../src/runtime/index';
import { mmcDiagram } from './models';

/** `npm run -s bench:engine [-- --json]`: events per second, trace hash included. */
interface Result {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Events per second of this process's CPU time: steadier than wall time on a shared machine. */
  eventsPerCpuSecond: number;
  traceHash: string;
}

function run(name: string, diagram: Diagram, untilMs: number): Result {
  const best: Result[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const engine = createEngine(diagram, { untilMs });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    engine.advanceTo(untilMs);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    best.push({
      name,
      events: engine.events,
      seconds,
      eventsPerSecond: Math.round(engine.events / seconds),
      eventsPerCpuSecond: Math.round(engine.events / cpuSeconds),
      traceHash: engine.traceHash(),
    });
  }
  return best.sort((a, b) => b.eventsPerSecond - a.eventsPerSecond)[0]!;
}

const json = process.argv.includes('--json');
const refPath = new URL('./diagrams/reference-20.json', import.meta.url);
const parsed = parseDiagram(JSON.parse(readFileSync(refPath, 'utf8')));
if (!parsed.ok) throw new Error(`reference-20.json is invalid: ${JSON.stringify(parsed.errors)}`);

// Warm up the JIT so the figures measure the engine, not the compiler.
createEngine(mmcDiagram(800, 1, 1, 20_000)).advanceTo(20_000);

const results = [
  run('M/M/1 (rho 0.8)', mmcDiagram(800, 1, 1, 1_000_000), 1_000_000),
  run('reference-20', parsed.diagram, parsed.diagram.run.untilMs),
];
if (json) process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
else
  for (const r of results)
    process.stdout.write(
      `${r.name.padEnd(18)} ${r.events.toLocaleString('en').padStart(12)} events  ${r.seconds.toFixed(2)} s  ${r.eventsPerSecond.toLocaleString('en').padStart(11)} events/s (${r.eventsPerCpuSecond.toLocaleString('en')} per CPU s)  hash ${r.traceHash}\n`,
    );
