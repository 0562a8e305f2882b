import type { HostCommand, HostReply } from './protocol';
import { transferables } from './protocol';
import { EngineSession } from './session';
import type { EngineFactory } from './types';

/** Whoever owns the engine: the playback controller sends it commands and hears its replies. */
export interface EngineHost {
  send(cmd: HostCommand): void;
  /** Registers the reply listener (one per host); returns the unsubscribe. */
  listen(onReply: (reply: HostReply) => void): () => void;
  dispose(): void;
}

/**
 * An engine in this thread (Node tests, CLI-like use, and the fallback when Workers are missing).
 * Replies are delivered on a microtask, as a worker's would be later, unless `synchronous` is set.
 */
export function createInProcessHost(
  createEngine: EngineFactory,
  options: { synchronous?: boolean } = {},
): EngineHost {
  const session = new EngineSession(createEngine);
  let listener: ((r: HostReply) => void) | null = null;
  let disposed = false;
  return {
    send(cmd) {
      if (disposed) return;
      const reply = session.handle(cmd);
      if (!reply) return;
      if (options.synchronous) listener?.(reply);
      else queueMicrotask(() => !disposed && listener?.(reply));
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
    },
  };
}

/** An engine in the given Web Worker (running engine.worker.ts). */
export function createWorkerHostFrom(worker: Worker): EngineHost {
  let listener: ((r: HostReply) => void) | null = null;
  const onMessage = (ev: MessageEvent<HostReply>) => listener?.(ev.data);
  const onError = (ev: ErrorEvent) =>
    listener?.({ type: 'error', seq: -1, message: `Engine worker failed: ${ev.message}` });
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  return {
    send(cmd) {
      worker.postMessage(cmd);
    },
    listen(onReply) {
      listener = onReply;
      return () => {
        if (listener === onReply) listener = null;
      };
    },
    dispose() {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.terminate();
      listener = null;
    },
  };
}

/** The part of a dedicated worker's global scope the session needs (lib.dom lacks its type). */
export interface WorkerScope {
  addEventListener(type: 'message', listener: (ev: MessageEvent<HostCommand>) => void): void;
  postMessage(message: HostReply, transfer?: Transferable[]): void;
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
