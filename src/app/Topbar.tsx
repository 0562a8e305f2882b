import type { ReactNode } from 'react';
import { useAppStore } from '../store';
import { command, runCommand, type CommandContext } from './commands';
import { formatKey } from './keys';

/** A toolbar button that runs a command, showing its shortcut in the tooltip. */
export function CommandButton({
  id,
  ctx,
  children,
  className = 'btn',
}: {
  id: string;
  ctx: CommandContext;
  children: ReactNode;
  className?: string;
}) {
  const c = command(id);
  const enabled = useAppStore((s) => (c.enabled ? c.enabled(s) : true));
  const keys = c.keys?.[0] ? ` (${formatKey(c.keys[0])})` : '';
  return (
    <button
      className={className}
      disabled={!enabled}
      onClick={() => runCommand(id, ctx)}
      title={`${c.label}${keys}`}
      aria-label={c.label}
      data-testid={`cmd-${id}`}
    >
      {children}
    </button>
  );
}

const themeIcon = { system: '◐', light: '☀', dark: '☾' } as const;

/** The top bar: the diagram's name and the file, edit and view commands. */
export function Topbar({ ctx, right }: { ctx: CommandContext; right?: ReactNode }) {
  const name = useAppStore((s) => s.diagram.name);
  const theme = useAppStore((s) => s.theme);
  return (
    <header className="topbar">
      <div className="brand">
        <img src="./favicon.svg" alt="" width="24" height="24" />
        <span className="brand__name">Microsim</span>
      </div>
      <div className="topbar__title" title={name} data-testid="diagram-title">
        {name}
      </div>
      <nav className="topbar__group" aria-label="File">
        <CommandButton id="new" ctx={ctx} className="btn btn--ghost">
          New
        </CommandButton>
        <button
          className="btn btn--ghost"
          onClick={() => useAppStore.getState().setDialog('examples')}
          data-testid="open-examples"
        >
          Examples
        </button>
        <CommandButton id="recent" ctx={ctx} className="btn btn--ghost">
          Recent
        </CommandButton>
      </nav>
      <nav className="topbar__group" aria-label="Edit">
        <CommandButton id="undo" ctx={ctx} className="btn btn--icon">
          ↶
        </CommandButton>
        <CommandButton id="redo" ctx={ctx} className="btn btn--icon">
          ↷
        </CommandButton>
        <CommandButton id="tidy" ctx={ctx} className="btn btn--ghost">
          Tidy up
        </CommandButton>
      </nav>
      <div className="topbar__spacer" />
      {right}
      <CommandButton id="share" ctx={ctx} className="btn btn--primary">
        Share
      </CommandButton>
      <nav className="topbar__group" aria-label="View">
        <button
          className="btn btn--icon"
          onClick={() => runCommand('theme', ctx)}
          title={`Theme: ${theme} (Shift+D)`}
          aria-label={`Theme: ${theme}`}
          data-testid="theme-toggle"
        >
          {themeIcon[theme]}
        </button>
        <CommandButton id="shortcuts" ctx={ctx} className="btn btn--icon">
          ?
        </CommandButton>
      </nav>
    </header>
  );
}
