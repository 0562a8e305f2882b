import type { DecodeLinkResult } from '../share/link';
import { LONG_LINK_CHARS } from '../share/link-length';
import { decodeLinkLoaded, linkCodecIfLoaded } from './linkCodec';

/** How long reading a link may take before it is stopped: far longer than the largest diagram needs. */
export const LINK_DECODE_BUDGET_MS = 10_000;

/**
 * Links up to this long are read on the main thread: the decoder's limits keep that under a few
 * milliseconds whatever they hold (bench:share), less than starting a worker takes.
 */
export const MAIN_THREAD_LINK_CHARS = LONG_LINK_CHARS;

/** The part of a Worker the decoder uses (a fake one in tests): it says 'ready', then answers. */
export interface LinkWorker {
  postMessage(text: string): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<DecodeLinkResult | 'ready'>) => void) | null;
  onerror: ((event: Event) => void) | null;
}

const startWorker = (): LinkWorker | null => {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./linkDecode.worker.ts', import.meta.url), { type: 'module' }) as LinkWorker;
  } catch {
    // A sandboxed page may forbid workers: the link is read on this thread (still bounded, see link.ts).
    return null;
  }
};

const tooSlow = (budgetMs: number): DecodeLinkResult => ({
  ok: false,
  error: {
    code: 'corrupt',
    message:
      `Reading this link took more than ${budgetMs / 1000} seconds, far longer than any diagram needs, ` +
      'so Microsim stopped. It may be damaged; ask for the link again, or for the diagram as a file.',
  },
});

/**
 * Decodes a share link in a Web Worker, so no link can freeze the page, and gives up `budgetMs`
 * after the worker has loaded, with a message saying so. Without workers it decodes here.
 */
export function decodeLinkOffThread(
  text: string,
  options: { budgetMs?: number; createWorker?: () => LinkWorker | null } = {},
): Promise<DecodeLinkResult> {
  const budgetMs = options.budgetMs ?? LINK_DECODE_BUDGET_MS;
  const worker = (options.createWorker ?? startWorker)();
  if (!worker) return decodeLinkLoaded(text);
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: DecodeLinkResult) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (event) => {
      if (event.data === 'ready') timer = setTimeout(() => finish(tooSlow(budgetMs)), budgetMs);
      else finish(event.data);
    };
    // The worker could not load (offline, blocked): read the link here instead.
    worker.onerror = () => void decodeLinkLoaded(text).then(finish);
    worker.postMessage(text);
  });
}

/**
 * Decodes a link where it is cheapest: short ones on this thread (at once, `done` called before
 * this returns, when the link codec has loaded; else once it has), long ones in a worker with a
 * time budget.
 */
export function decodeLinkThen(text: string, done: (result: DecodeLinkResult) => void): void {
  if (typeof text === 'string' && text.length <= MAIN_THREAD_LINK_CHARS) {
    const codec = linkCodecIfLoaded();
    if (codec) done(codec.decodeLink(text));
    else void decodeLinkLoaded(text).then(done);
  } else void decodeLinkOffThread(text).then(done);
}
