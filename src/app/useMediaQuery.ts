import { useCallback, useSyncExternalStore } from 'react';

/** The phone layout: a compact top bar with a menu, the inspector as a bottom sheet (responsive.css). */
export const PHONE_QUERY = '(max-width: 720px)';

/** Whether a CSS media query matches now; re-renders when that changes (rotation, resizing). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
