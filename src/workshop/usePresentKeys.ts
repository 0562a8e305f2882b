import { useEffect } from 'react';
import { presentAction } from './keys';
import { watchFullscreen } from './present';
import { runPresentAction } from './presentActions';

/**
 * The clicker keys while presenting. Listened for before anything else on the page (capture on the
 * window), so no editor shortcut can act on a scene; Space on a focused button presses the button.
 */
export function usePresentKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = presentAction(e);
      if (!action) return;
      const target = e.target as HTMLElement | null;
      if (action === 'play-pause' && target?.closest?.('button, a, [role="button"]')) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      // A held key repeats: one scene per press.
      if (e.repeat && action !== 'play-pause') return;
      runPresentAction(action);
    };
    window.addEventListener('keydown', onKey, true);
    const offFullscreen = watchFullscreen();
    return () => {
      window.removeEventListener('keydown', onKey, true);
      offFullscreen();
    };
  }, []);
}
