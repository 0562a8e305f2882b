import { useEffect, useRef } from 'react';
import { COMMANDS, runCommand, type CommandContext } from './commands';
import { isTyping, matchesKey } from './keys';

/** Routes key presses to commands; single keys are ignored while typing in a field or a dialog is open. */
export function useShortcuts(ctx: CommandContext) {
  const ref = useRef(ctx);
  ref.current = ctx;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const typing = isTyping(e.target);
      const dialogOpen = !!document.querySelector('dialog[open]');
      for (const c of COMMANDS) {
        if (!c.keys?.some((k) => matchesKey(e, k))) continue;
        if ((typing || dialogOpen) && !c.whileTyping) return;
        // Enter on a focused button must press the button, not rename.
        if (c.id === 'rename' && (e.target as HTMLElement).tagName === 'BUTTON') return;
        if (runCommand(c.id, ref.current)) e.preventDefault();
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
