import type { EngineHost } from './host';
import { createInProcessHost, createWorkerHostFrom } from './host';
import type { HostCommand, HostReply } from './protocol';

/**
 * The app's engine host: a module Web Worker running engine.worker.ts, or the engine in this thread
 * where Workers are unavailable (then `onFallback` hears why, so the app can say so).
 */
export function createEngineHost(onFallback?: (reason: string) => void): EngineHost {
  let reason = 'Web Workers are not available';
  if (typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
      return createWorkerHostFrom(worker);
    } catch (err) {
      // A sandboxed page may forbid workers; the run still works, just on this thread.
      reason = err instanceof Error ? err.message : String(err);
    }
  }
  onFallback?.(reason);
  return createLoadingInProcessHost();
}

/**
 * The engine in this thread, its code loaded on demand (the worker bundles its own copy, so the
 * page's first script need not carry the engine for the rare page without workers). Commands sent
 * before the code is in wait, in order; replies come as the in-process host's do.
 */
function createLoadingInProcessHost(): EngineHost {
  let host: EngineHost | null = null;
  let listener: ((reply: HostReply) => void) | null = null;
  let disposed = false;
  const waiting: HostCommand[] = [];
  void import('../runtime').then(({ createEngine }) => {
    if (disposed) return;
    host = createInProcessHost(createEngine);
    host.listen((reply) => listener?.(reply));
    for (const cmd of waiting.splice(0)) host.send(cmd);
  });
  return {
    send(cmd) {
      if (disposed) return;
      if (host) host.send(cmd);
      else waiting.push(cmd);
    },
    listen(onReply) {
      listener = onReply;
      return () => {
        if (listener === onReply) listener = null;
      };
    },
    dispose() {
      disposed = true;
      listener = null;
      host?.dispose();
    },
  };
}
