import { useEffect, useRef } from 'react';
import { allowedHere, COMMANDS, runCommand, type CommandContext } from './commands';
import { isTyping } from '../lib/dom';
import { matchesKey } from './keys';

/** Routes key presses to commands; single keys are ignored while typing in a field or a dialog is open. */
export function useShortcuts(ctx: CommandContext) {
  const ref = useRef(ctx);
  ref.current = ctx;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const typing = isTyping(e.target, e.key);
      const dialogOpen = !!document.querySelector('dialog[open]');
      for (const c of COMMANDS) {
        if (!c.keys?.some((k) => matchesKey(e, k))) continue;
        if ((typing || dialogOpen) && !c.whileTyping) return;
        // Enter and Space on a focused control press the control (as they do anywhere on the web).
        if ((e.key === 'Enter' || e.key === ' ') && isControl(e.target)) return;
        // In the read-only embed an editing shortcut does nothing at all (not the browser's own
        // action either: Ctrl+A would select the whole page).
        if (!allowedHere(c, ref.current.store.getState())) {
          e.preventDefault();
          return;
        }
        if (runCommand(c.id, ref.current)) e.preventDefault();
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function isControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  if (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName)) return true;
  const role = el.getAttribute('role') ?? '';
  return /^(button|radio|checkbox|switch|menuitem|menuitemradio|menuitemcheckbox|tab|option|link)$/.test(
    role,
  );
}
