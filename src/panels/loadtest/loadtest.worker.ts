import { runSweepJob, type SweepJob } from '../../runtime/index';

// One load-test run at a time, off the main thread: the page keeps several of these busy at once.
self.onmessage = (event: MessageEvent<{ id: number; job: SweepJob }>) => {
  const { id, job } = event.data;
  try {
    self.postMessage({ id, run: runSweepJob(job) });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
