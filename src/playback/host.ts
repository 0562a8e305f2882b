import type { HostCommand, HostReply } from './protocol';

/** Whoever owns the engine: the playback controller sends it commands and hears its replies. */
export interface EngineHost {
  send(cmd: HostCommand): void;
  /** Registers the reply listener (one per host); returns the unsubscribe. */
  listen(onReply: (reply: HostReply) => void): () => void;
  dispose(): void;
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
