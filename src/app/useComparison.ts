import { useEffect, useMemo, useRef, useState } from 'react';
import type { Diagram } from '../model/schema';
import type { CompareAnswer, CompareRequest } from './compareWork';

/** Where a comparison stands: the latest answer (kept while a newer pair runs), and whether one runs. */
export interface ComparisonStatus {
  running: boolean;
  answer: CompareAnswer | null;
}

interface CompareWorker {
  postMessage(r: CompareRequest): void;
  onmessage: ((event: MessageEvent<CompareAnswer>) => void) | null;
  onerror: ((event: Event) => void) | null;
  terminate(): void;
}

const startWorker = (): CompareWorker | null => {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./compare.worker.ts', import.meta.url), { type: 'module' }) as CompareWorker;
  } catch {
    return null; // A page that forbids workers compares on this thread.
  }
};

/** The comparison run here, loaded only where no worker runs (it brings the engine along). */
const compareHere = (r: CompareRequest) => import('./compareWork').then((m) => m.handleCompareRequest(r));

/** What of a diagram a run depends on: not the camera, positions or notes (a drag starts no new run). */
export function runKey(d: Diagram): string {
  return JSON.stringify({ ...d, viewport: undefined, notes: undefined }, (key, value: unknown) =>
    key === 'position' ? undefined : value,
  );
}

/**
 * Compares A and B in a worker whenever either changes (after a short pause, so typing a number does
 * not start a run per keystroke); an answer to an older pair is dropped. Null pair: nothing to do.
 */
export function useComparison(pair: { a: Diagram; b: Diagram } | null): ComparisonStatus {
  const [status, setStatus] = useState<ComparisonStatus>({ running: false, answer: null });
  const worker = useRef<CompareWorker | null | undefined>(undefined);
  const latest = useRef(0);
  const pairRef = useRef(pair);
  pairRef.current = pair;
  const a = pair?.a;
  const b = pair?.b;
  const keyA = useMemo(() => (a ? runKey(a) : null), [a]);
  const keyB = useMemo(() => (b ? runKey(b) : null), [b]);
  useEffect(() => {
    const a = pairRef.current?.a;
    const b = pairRef.current?.b;
    if (!a || !b || keyA === null || keyB === null) {
      setStatus({ running: false, answer: null });
      return;
    }
    const id = ++latest.current;
    setStatus((was) => ({ running: true, answer: was.answer }));
    const take = (answer: CompareAnswer) => {
      if (answer.id === latest.current) setStatus({ running: false, answer });
    };
    const timer = window.setTimeout(() => {
      if (worker.current === undefined) worker.current = startWorker();
      const w = worker.current;
      if (!w) {
        void compareHere({ id, a, b }).then(take);
        return;
      }
      w.onmessage = (event) => take(event.data);
      w.onerror = () => {
        worker.current = null;
        void compareHere({ id, a, b }).then(take);
      };
      w.postMessage({ id, a, b });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [keyA, keyB]);
  useEffect(() => () => worker.current?.terminate(), []);
  return status;
}
