import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SweepJob, SweepRun } from '../runtime/index';

/**
 * Runs a sweep's jobs on worker threads, each worker taking the next job as it finishes one, and
 * gives the runs back in the jobs' order (so the result is the same however many workers there are).
 */
export async function runJobsOnThreads(
  jobs: readonly SweepJob[],
  workers = availableParallelism(),
  onProgress?: (done: number, total: number) => void,
): Promise<SweepRun[]> {
  const runs: SweepRun[] = new Array<SweepRun>(jobs.length);
  let next = 0;
  let done = 0;
  const threads = Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, startWorker);
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              thread.postMessage({ id, job: jobs[id] });
            };
            thread.on('message', (answer: { id: number; run?: SweepRun; error?: string }) => {
              if (answer.error !== undefined || !answer.run) return reject(new Error(answer.error));
              runs[answer.id] = answer.run;
              onProgress?.(++done, jobs.length);
              give();
            });
            thread.on('error', reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return runs;
}

/**
 * A worker thread running sweep.worker.ts. Under tsx a worker does not inherit its TypeScript
 * loader (tsx issue 354), so the worker is a line of JavaScript that loads the file through tsx's API.
 */
function startWorker(): Worker {
  const target = new URL('./sweep.worker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(target)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true });
}
