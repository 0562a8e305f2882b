import type { SweepJob, SweepRun } from '../../runtime/index';

/** What a running load test reports, and how it ends. */
export interface PoolCallbacks {
  onProgress: (done: number, total: number) => void;
  onDone: (runs: SweepRun[]) => void;
  onError: (message: string) => void;
}

/** The most workers a load test starts, whatever the machine says it has. */
export const MAX_WORKERS = 16;

/** Workers for this machine: one per core (navigator.hardwareConcurrency), at most one per job. */
export function workerCount(jobs: number, cores = globalThis.navigator?.hardwareConcurrency || 2): number {
  return Math.max(1, Math.min(jobs, cores, MAX_WORKERS));
}

/**
 * Runs a load test's jobs on Web Workers, each taking the next job as it finishes one; the runs come
 * back in the jobs' order, so the curve is the same whatever the number of workers. `cancel` stops
 * every worker at once (a run in progress is dropped), reports nothing after it, and returns the runs
 * already finished, at their jobs' places (undefined where a job did not finish).
 */
export function startPool(
  jobs: readonly SweepJob[],
  callbacks: PoolCallbacks,
  createWorker: () => Worker = defaultWorker,
): { cancel: () => (SweepRun | undefined)[]; workers: number } {
  const runs = new Array<SweepRun>(jobs.length);
  const workers = Array.from({ length: workerCount(jobs.length) }, createWorker);
  let next = 0;
  let done = 0;
  let over = false;
  const stop = () => {
    over = true;
    for (const worker of workers) worker.terminate();
  };
  const give = (worker: Worker) => {
    if (next < jobs.length) {
      const id = next++;
      worker.postMessage({ id, job: jobs[id] });
    }
  };
  for (const worker of workers) {
    worker.onmessage = (event: MessageEvent<{ id: number; run?: SweepRun; error?: string }>) => {
      if (over) return;
      const { id, run, error } = event.data;
      if (!run) {
        stop();
        callbacks.onError(error ?? 'A load-test run failed.');
        return;
      }
      runs[id] = run;
      callbacks.onProgress(++done, jobs.length);
      if (done === jobs.length) {
        stop();
        callbacks.onDone(runs);
      } else give(worker);
    };
    worker.onerror = (event) => {
      if (over) return;
      stop();
      callbacks.onError(event.message || 'A load-test worker failed.');
    };
    give(worker);
  }
  const cancel = () => {
    stop();
    return Array.from(runs);
  };
  return { cancel, workers: workers.length };
}

/**
 * The runs of the points (rates) whose every seed finished, from the runs of a cancelled sweep of
 * `rates` × `seedCount` jobs (rate by rate, as `sweepJobs` orders them): a point with a seed missing
 * is left out, not drawn from fewer seeds than asked.
 */
export function finishedPoints(
  runs: readonly (SweepRun | undefined)[],
  rateCount: number,
  seedCount: number,
): SweepRun[] {
  const kept: SweepRun[] = [];
  for (let point = 0; point < rateCount; point++) {
    const seeds = runs.slice(point * seedCount, (point + 1) * seedCount);
    if (seeds.length === seedCount && seeds.every((r) => r !== undefined)) kept.push(...seeds);
  }
  return kept;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./loadtest.worker.ts', import.meta.url), { type: 'module' });
}
