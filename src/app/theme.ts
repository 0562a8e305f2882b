import { useEffect } from 'react';
import { useAppStore, type ThemePreference } from '../store';

const KEY = 'microsim:theme';

/** The theme preference saved on this device, if any. */
export function savedTheme(): ThemePreference {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Applies the theme to the document, following the OS while the preference is "system". `persist`
 * saves the preference on this device (the embed, a guest on someone else's page, does not).
 */
export function useThemeEffect({ persist = true }: { persist?: boolean } = {}) {
  const pref = useAppStore((s) => s.theme);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = pref === 'dark' || (pref === 'system' && mq.matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    if (persist) {
      try {
        localStorage.setItem(KEY, pref);
      } catch {
        /* storage may be full or blocked; the theme still applies for this visit */
      }
    }
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [pref, persist]);
}
