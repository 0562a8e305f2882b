import type { ReportAnswer, ReportRequest } from './reportWork';

/** The replay on this thread, loaded only where no worker runs (it brings the engine along). */
const replayHere = (r: ReportRequest) => import('./reportWork').then((m) => m.handleReportRequest(r));

type Work = Omit<ReportRequest, 'id'>;

/** The part of a Worker the checker uses. */
interface ReportWorker {
  postMessage(r: ReportRequest): void;
  onmessage: ((event: MessageEvent<ReportAnswer>) => void) | null;
  onerror: ((event: Event) => void) | null;
}

const startWorker = (): ReportWorker | null => {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module' }) as ReportWorker;
  } catch {
    return null; // A page that forbids workers replays on this thread (see answer below).
  }
};

/**
 * Replays the run off the main thread for the Run report dialog, one request at a time (the run
 * bar's invariant badges read the engine's own check instead, sent with the run's refreshes).
 */
export class RunChecker {
  private worker: ReportWorker | null | undefined;
  private nextId = 1;
  private busy = false;
  private queue: Array<{ work: Work; resolve: (a: ReportAnswer) => void }> = [];
  private waiting = new Map<number, (a: ReportAnswer) => void>();
  /** The whole report of the run at `atMs`. */
  report(work: Omit<Work, 'full'>): Promise<ReportAnswer> {
    return this.ask({ ...work, full: true });
  }

  private ask(work: Work): Promise<ReportAnswer> {
    return new Promise((resolve) => {
      this.queue.push({ work, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy) return;
    const next = this.queue.shift();
    if (!next) return;
    this.busy = true;
    const id = this.nextId++;
    const done = (a: ReportAnswer) => {
      this.busy = false;
      next.resolve(a);
      this.pump();
    };
    if (this.worker === undefined) this.worker = startWorker();
    const worker = this.worker;
    if (!worker) {
      // Without a worker the replay runs here.
      void replayHere({ ...next.work, id }).then(done);
      return;
    }
    this.waiting.set(id, done);
    worker.onmessage = (event) => {
      const answer = event.data;
      const resolve = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      resolve?.(answer);
    };
    worker.onerror = () => {
      // The worker failed to load: from now on the replay runs on this thread.
      this.worker = null;
      const resolve = this.waiting.get(id);
      this.waiting.delete(id);
      if (resolve) void replayHere({ ...next.work, id }).then(resolve);
    };
    worker.postMessage({ ...next.work, id });
  }
}

let instance: RunChecker | null = null;
/** The app's one checker, created on first use. */
export function runChecker(): RunChecker {
  instance ??= new RunChecker();
  return instance;
}
