import { useSyncExternalStore } from 'react';

/**
 * The modal dialogs open now, the topmost last. A modal <dialog> sits in the browser's top layer and
 * makes the rest of the page inert, so a message shown outside it would be hidden behind it and its
 * buttons out of reach: the notices are drawn inside the topmost one instead (Notices.tsx).
 */
const open: HTMLElement[] = [];
const listeners = new Set<() => void>();

function changed() {
  for (const l of listeners) l();
}

/** Registers `element` as the topmost modal until the returned function is called. */
export function openModal(element: HTMLElement): () => void {
  open.push(element);
  changed();
  return () => {
    const at = open.lastIndexOf(element);
    if (at < 0) return;
    open.splice(at, 1);
    changed();
  };
}

/** The topmost open modal dialog, or null when none is open. */
export function topModal(): HTMLElement | null {
  return open.at(-1) ?? null;
}

/** The topmost open modal dialog, kept current in a React component. */
export function useTopModal(): HTMLElement | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    topModal,
    () => null,
  );
}
