import { createEngine } from '../runtime';
import type { EngineHost } from './host';
import { createInProcessHost, createWorkerHostFrom } from './host';

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
  return createInProcessHost(createEngine);
}
