import { createEngine } from '../runtime';
import type { EngineHost } from './host';
import { createInProcessHost, createWorkerHostFrom } from './host';

/**
 * The app's engine host: a module Web Worker running engine.worker.ts, or the engine in this thread
 * where Workers are unavailable.
 */
export function createEngineHost(): EngineHost {
  if (typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
      return createWorkerHostFrom(worker);
    } catch {
      // Fall through: a sandboxed page may forbid workers; the run still works, just on this thread.
    }
  }
  return createInProcessHost(createEngine);
}
