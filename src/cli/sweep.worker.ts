import { parentPort } from 'node:worker_threads';
import { runSweepJob, type SweepJob } from '../runtime/index';

/** A worker thread of `sweep`: runs each job it is sent and answers with its run (or the error). */
parentPort!.on('message', (message: { id: number; job: SweepJob }) => {
  try {
    parentPort!.postMessage({ id: message.id, run: runSweepJob(message.job) });
  } catch (err) {
    parentPort!.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
