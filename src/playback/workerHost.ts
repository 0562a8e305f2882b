import type { EngineHost } from './host';
import { ReplyListener, createWorkerHostFrom } from './host';
import type { HostCommand } from './protocol';

/**
 * The app's engine host: a module Web Worker running engine.worker.ts, or the engine in this thread
 * where Workers are unavailable (then `onFallback` hears why, so the app can say so). The engine
 * starts once the page is idle after its first draw, or at once when a command needs an answer
 * (Play, Step, a seek, a live fault), so opening a diagram never waits for it.
 */
export function createEngineHost(
  onFallback?: (reason: string) => void,
  startSoon: (start: () => void) => void = whenIdle,
): EngineHost {
  return deferredHost(() => spawnEngineHost(onFallback), startSoon);
}

/** Calls `start` when the page is next idle (at most 1.5 s from now). */
function whenIdle(start: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 1_500 });
  else setTimeout(start, 200);
}

function spawnEngineHost(onFallback?: (reason: string) => void): EngineHost {
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
  const pending = pendingHost();
  // The worker bundles its own engine and session, so the page's first script need not carry them
  // for the rare page without workers: this thread loads them on demand.
  void Promise.all([import('./sessionHosts'), import('../runtime')]).then(
    ([{ createInProcessHost }, { createEngine }]) => pending.attach(createInProcessHost(createEngine)),
  );
  return pending.host;
}

/** Commands a person waits on the answer to: any of them starts a deferred engine at once. */
const URGENT: ReadonlySet<HostCommand['type']> = new Set<HostCommand['type']>([
  'advance',
  'step',
  'seek',
  'inject',
  'endFault',
  'envelope',
]);

/**
 * A host whose engine is created by `create` on the first urgent command, or when `startSoon` calls
 * back, whichever comes first. Commands sent before wait, in order.
 */
export function deferredHost(create: () => EngineHost, startSoon: (start: () => void) => void): EngineHost {
  const pending = pendingHost((cmd) => URGENT.has(cmd.type) && start());
  let started = false;
  const start = () => {
    if (started || pending.disposed()) return;
    started = true;
    pending.attach(create());
  };
  startSoon(start);
  return pending.host;
}

/**
 * A host that holds commands until the real one is attached, then hands them over in order and
 * passes replies through. `onQueued` hears each command that had to wait.
 */
function pendingHost(onQueued?: (cmd: HostCommand) => void) {
  let real: EngineHost | null = null;
  const replies = new ReplyListener();
  let disposed = false;
  const waiting: HostCommand[] = [];
  const host: EngineHost = {
    send(cmd) {
      if (disposed) return;
      if (real) return real.send(cmd);
      waiting.push(cmd);
      onQueued?.(cmd);
    },
    listen: (onReply) => replies.listen(onReply),
    dispose() {
      disposed = true;
      replies.clear();
      real?.dispose();
    },
  };
  const attach = (next: EngineHost) => {
    if (disposed) return next.dispose();
    real = next;
    next.listen((reply) => replies.hear(reply));
    for (const cmd of waiting.splice(0)) next.send(cmd);
  };
  return { host, attach, disposed: () => disposed };
}
