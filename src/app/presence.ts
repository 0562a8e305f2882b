import { useEffect, useState } from 'react';

/** An item on screen: `leaving` while it plays its exit, `entering` if it came after the first draw. */
export interface Shown<T> {
  item: T;
  entering: boolean;
  leaving: boolean;
}

/**
 * The items to draw, each removed one kept in its place for `exitMs` more (marked leaving) so it can
 * fade out; items added after the first draw are marked entering. A CSS animation does the rest: a
 * few lines in place of an animation library on the first screen.
 */
export function usePresence<T extends { id: string | number }>(
  items: readonly T[],
  exitMs: number,
): Shown<T>[] {
  const [state, setState] = useState(() => ({
    items,
    shown: items.map((item) => ({ item, entering: false, leaving: false })),
  }));
  let shown = state.shown;
  if (state.items !== items) {
    // Adjusting state while rendering (React's pattern for state derived from props): no frame
    // ever draws a removed item gone before its exit.
    shown = mergePresence(state.shown, items);
    setState({ items, shown });
  }
  const anyLeaving = shown.some((s) => s.leaving);
  useEffect(() => {
    if (!anyLeaving) return;
    const timer = window.setTimeout(
      () => setState((s) => ({ ...s, shown: s.shown.filter((x) => !x.leaving) })),
      exitMs,
    );
    return () => window.clearTimeout(timer);
  }, [anyLeaving, shown, exitMs]);
  return shown;
}

/** The previous list in its order (updated items, removed ones leaving), then the new items. */
export function mergePresence<T extends { id: string | number }>(
  previous: readonly Shown<T>[],
  items: readonly T[],
): Shown<T>[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const merged = previous.map((s) => {
    const now = byId.get(s.item.id);
    return now ? { ...s, item: now, leaving: false } : { ...s, leaving: true };
  });
  const known = new Set(previous.map((s) => s.item.id));
  for (const item of items) if (!known.has(item.id)) merged.push({ item, entering: true, leaving: false });
  return merged;
}
