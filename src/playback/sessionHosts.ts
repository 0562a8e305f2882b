import { ReplyListener, type EngineHost, type WorkerScope } from './host';
import { transferables } from './protocol';
import { EngineSession } from './session';
import type { EngineFactory } from './types';

/*
 * Hosts that run an engine session in the thread that calls them: the worker's side, tests, and the
 * page's fallback without Workers. Apart from host.ts so that the page's first script, which only
 * talks to a worker, does not carry the session and its checkpoints.
 */

/**
 * An engine in this thread (Node tests, CLI-like use, and the fallback when Workers are missing).
 * Replies are delivered on a microtask, as a worker's would be later, unless `synchronous` is set.
 */
export function createInProcessHost(
  createEngine: EngineFactory,
  options: { synchronous?: boolean } = {},
): EngineHost {
  const session = new EngineSession(createEngine);
  const replies = new ReplyListener();
  let disposed = false;
  return {
    send(cmd) {
      if (disposed) return;
      const reply = session.handle(cmd);
      if (!reply) return;
      if (options.synchronous) replies.hear(reply);
      else queueMicrotask(() => !disposed && replies.hear(reply));
    },
    listen: (onReply) => replies.listen(onReply),
    dispose() {
      disposed = true;
      replies.clear();
    },
  };
}

/** Wires a session to a worker's global scope: what engine.worker.ts runs. */
export function serveSession(scope: WorkerScope, createEngine: EngineFactory): void {
  const session = new EngineSession(createEngine);
  scope.addEventListener('message', (ev) => {
    const reply = session.handle(ev.data);
    if (!reply) return;
    if (reply.type === 'snapshot') scope.postMessage(reply, transferables(reply.snapshot));
    else scope.postMessage(reply);
  });
}
