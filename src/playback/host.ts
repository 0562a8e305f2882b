import type { HostCommand, HostReply } from './protocol';

/** Whoever owns the engine: the playback controller sends it commands and hears its replies. */
export interface EngineHost {
  send(cmd: HostCommand): void;
  /** Registers the reply listener (one per host); returns the unsubscribe. */
  listen(onReply: (reply: HostReply) => void): () => void;
  dispose(): void;
}

/** The one reply listener a host keeps: `listen` sets it (returning its removal), `hear` calls it. */
export class ReplyListener {
  private listener: ((reply: HostReply) => void) | null = null;

  /** Sets the listener; the returned function removes it unless another has replaced it since. */
  listen(onReply: (reply: HostReply) => void): () => void {
    this.listener = onReply;
    return () => {
      if (this.listener === onReply) this.listener = null;
    };
  }

  /** Passes `reply` to the listener, if any. */
  hear(reply: HostReply): void {
    this.listener?.(reply);
  }

  /** Forgets the listener (the host is disposed). */
  clear(): void {
    this.listener = null;
  }
}

/** An engine in the given Web Worker (running engine.worker.ts). */
export function createWorkerHostFrom(worker: Worker): EngineHost {
  const replies = new ReplyListener();
  const onMessage = (ev: MessageEvent<HostReply>) => replies.hear(ev.data);
  const onError = (ev: ErrorEvent) =>
    replies.hear({ type: 'error', seq: -1, message: `Engine worker failed: ${ev.message}` });
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  return {
    send(cmd) {
      worker.postMessage(cmd);
    },
    listen: (onReply) => replies.listen(onReply),
    dispose() {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.terminate();
      replies.clear();
    },
  };
}

/** The part of a dedicated worker's global scope the session needs (lib.dom lacks its type). */
export interface WorkerScope {
  addEventListener(type: 'message', listener: (ev: MessageEvent<HostCommand>) => void): void;
  postMessage(message: HostReply, transfer?: Transferable[]): void;
}
