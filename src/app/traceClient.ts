import type { TraceAsk, TraceWorkAnswer, TraceWorkRequest } from './traceWork';

/** The replay on this thread, loaded only where no worker runs. */
const replayHere = (r: TraceWorkRequest) => import('./traceWork').then((m) => m.handleTraceRequest(r));

/** The run as the trace worker needs it (see `runWork` in RunHealth). */
export type TraceRun = Omit<TraceWorkRequest, 'id' | 'ask'>;

/**
 * Asks the trace worker, one ask at a time; while one is out, a newer ask of the same kind replaces
 * the waiting one (scrolling or playing asks often; only the latest matters).
 */
export class TraceClient {
  private worker: Worker | null | undefined;
  private nextId = 1;
  private busy = false;
  private waiting: { request: Omit<TraceWorkRequest, 'id'>; resolve: (a: TraceWorkAnswer | null) => void }[] =
    [];

  /** Sends `ask` about `run`; resolves with the answer, or null when a newer ask of its kind replaced it. */
  ask(run: TraceRun, ask: TraceAsk): Promise<TraceWorkAnswer | null> {
    return new Promise((resolve) => {
      const replaced = this.waiting.findIndex((w) => w.request.ask.kind === ask.kind);
      if (replaced >= 0) this.waiting.splice(replaced, 1)[0]!.resolve(null);
      this.waiting.push({ request: { ...run, ask }, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.busy = true;
    const request = { ...next.request, id: this.nextId++ };
    const done = (answer: TraceWorkAnswer) => {
      this.busy = false;
      next.resolve(answer);
      this.pump();
    };
    if (this.worker === undefined) this.worker = startWorker();
    const worker = this.worker;
    if (!worker) {
      void replayHere(request).then(done);
      return;
    }
    worker.onmessage = (event: MessageEvent<TraceWorkAnswer>) => done(event.data);
    worker.onerror = () => {
      this.worker = null; // It failed to load: from now on the replay runs on this thread.
      void replayHere(request).then(done);
    };
    worker.postMessage(request);
  }

  /** Stops the worker (the panel closed). */
  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./trace.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}
