import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../store';
import { menuCommands, runCommand, type Command, type CommandContext } from './commands';
import { formatKey } from './keys';

/** An entry of the menu that is not a command (it acts on the app's layout, not the diagram). */
export interface MenuExtra {
  id: string;
  label: string;
  run: () => void;
}

/**
 * The top bar's menu on a phone, where its buttons don't fit: every top-bar command from the
 * registry (so a command added there shows here too), plus the app's own extras.
 */
export function TopbarMenu({ ctx, extras = [] }: { ctx: CommandContext; extras?: MenuExtra[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const away = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [open]);
  const pick = (run: () => void) => {
    close(true);
    run();
  };
  return (
    <div className="topbar__menu">
      <button
        ref={button}
        className="btn btn--icon topbar__menu-button"
        aria-label="Menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid="topbar-menu-button"
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          className="topbar-menu"
          role="menu"
          aria-label="Menu"
          data-testid="topbar-menu"
          onKeyDown={(e) => moveFocus(e, () => close(true))}
        >
          {extras.map((x) => (
            <button
              key={x.id}
              role="menuitem"
              className="topbar-menu__item"
              data-testid={`menu-${x.id}`}
              onClick={() => pick(x.run)}
            >
              <span>{x.label}</span>
            </button>
          ))}
          {extras.length > 0 && <hr />}
          {menuCommands().map((c) => (
            <CommandItem key={c.id} command={c} onPick={() => pick(() => runCommand(c.id, ctx))} />
          ))}
        </div>
      )}
    </div>
  );
}

function CommandItem({ command, onPick }: { command: Command; onPick: () => void }) {
  const enabled = useAppStore((s) => (command.enabled ? command.enabled(s) : true));
  const theme = useAppStore((s) => s.theme);
  const key = command.keys?.[0];
  return (
    <button
      role="menuitem"
      className="topbar-menu__item"
      disabled={!enabled}
      data-testid={`menu-${command.id}`}
      onClick={onPick}
    >
      <span>
        {command.label}
        {command.id === 'theme' && <span className="muted"> (now {theme})</span>}
      </span>
      {key && <kbd>{formatKey(key)}</kbd>}
    </button>
  );
}

/** Arrow keys, Home and End move between the items; Escape and Tab close the menu. */
function moveFocus(e: KeyboardEvent<HTMLDivElement>, close: () => void) {
  if (e.key === 'Escape' || e.key === 'Tab') {
    e.preventDefault();
    e.stopPropagation();
    close();
    return;
  }
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === 'ArrowDown'
      ? (at + 1) % items.length
      : e.key === 'ArrowUp'
        ? (at - 1 + items.length) % items.length
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? items.length - 1
            : -1;
  if (next < 0) return;
  e.preventDefault();
  items[next]?.focus();
}
