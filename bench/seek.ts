import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseDiagram } from '../src/model/parse';
import { EngineSession } from '../src/playback/session';
import { DEFAULT_SERIES_BUCKET_MS } from '../src/playback/types';
import { createEngine } from '../src/runtime/index';

/**
 * `npm run -s bench:seek [-- --json]`: seeking in a 10-minute run of bench/diagrams/reference-20.json
 * through the worker's session (checkpoints on, as in the app). The run is played in 100 ms frames,
 * then sought to 40 pseudo-random moments (fixed sequence), back and forth, each with the full run
 * state the app asks for; prints the median and slowest seek, what the checkpoints cost the run's
 * speed (against the same frames without them) and their count and memory.
 */
const UNTIL_MS = 600_000;
const FRAME_MS = 100;
const SEEKS = 40;
const TARGET_MS = 200;

const parsed = parseDiagram(JSON.parse(readFileSync('bench/diagrams/reference-20.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const diagram = parsed.diagram;

/** Plays the whole run in frames; returns the CPU seconds it took. */
function play(session: EngineSession): number {
  const c0 = process.cpuUsage();
  let seq = 0;
  session.handle({ type: 'load', seq: ++seq, diagram, seed: diagram.run.seed, untilMs: UNTIL_MS });
  for (let t = FRAME_MS; t <= UNTIL_MS; t += FRAME_MS)
    session.handle({ type: 'advance', seq: ++seq, t, ui: t % 10_000 === 0 ? 'live' : false });
  const cpu = process.cpuUsage(c0);
  return (cpu.user + cpu.system) / 1e6;
}

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};

// Without checkpoints first (the same frames, the same engine), then with them.
const plainSeconds = play(new EngineSession(createEngine, Infinity));
const heapBefore = heap();
const session = new EngineSession(createEngine);
const withSeconds = play(session);
const checkpointBytes = heap() - heapBefore;

let state = 12345;
const random = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 2 ** 32;
};
const times: number[] = [];
const cpuTimes: number[] = [];
for (let i = 0; i < SEEKS; i++) {
  const t = Math.round(random() * UNTIL_MS * 10) / 10;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const reply = session.handle({ type: 'seek', seq: 1_000_000 + i, t, ui: true });
  times.push(performance.now() - t0);
  const cpu = process.cpuUsage(c0);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  if (reply?.type !== 'snapshot' || reply.snapshot.now !== t) throw new Error(`seek to ${t} failed`);
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const stats = session.checkpoints.stats;
const result = {
  diagram: 'reference-20',
  runMs: UNTIL_MS,
  seriesBucketMs: DEFAULT_SERIES_BUCKET_MS,
  seeks: SEEKS,
  medianMs: Math.round(times[SEEKS >> 1]! * 10) / 10,
  slowestMs: Math.round(times[SEEKS - 1]! * 10) / 10,
  /** CPU time of this process per seek: steadier than wall time on a shared machine. */
  cpuMedianMs: Math.round(cpuTimes[SEEKS >> 1]! * 10) / 10,
  cpuSlowestMs: Math.round(cpuTimes[SEEKS - 1]! * 10) / 10,
  targetMs: TARGET_MS,
  checkpoints: stats.count,
  checkpointSpacingEvents: stats.spacing,
  checkpointMegabytes: gc ? Math.round(checkpointBytes / 1e5) / 10 : null,
  playCpuSeconds: {
    without: Math.round(plainSeconds * 100) / 100,
    with: Math.round(withSeconds * 100) / 100,
  },
  checkpointCost: Math.round((withSeconds / plainSeconds - 1) * 1000) / 10,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `seek in a 10-minute reference-20 run: median ${result.medianMs} ms, slowest ${result.slowestMs} ms ` +
      `(CPU ${result.cpuMedianMs} / ${result.cpuSlowestMs} ms; target ≤ ${TARGET_MS} ms)`,
  );
  console.log(
    `checkpoints: ${stats.count}, every ${stats.spacing} events, ${result.checkpointMegabytes ?? '?'} MB; ` +
      `playing costs ${result.checkpointCost} % more CPU (${result.playCpuSeconds.with} s vs ${result.playCpuSeconds.without} s)`,
  );
}
