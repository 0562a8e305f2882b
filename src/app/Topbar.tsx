import type { ReactNode } from 'react';
import { useAppStore } from '../store';
import { command, runCommand, type CommandContext } from './commands';
import { formatKey } from './keys';
import { TopbarMenu, type MenuExtra } from './TopbarMenu';

/** A toolbar button that runs a command, showing its shortcut in the tooltip. */
export function CommandButton({
  id,
  ctx,
  children,
  className = 'btn',
  testId = `cmd-${id}`,
}: {
  id: string;
  ctx: CommandContext;
  children: ReactNode;
  className?: string;
  testId?: string;
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
      data-testid={testId}
    >
      {children}
    </button>
  );
}

/** "Compare": starts a comparison with a variant; pressed while one is open. */
function CompareButton({ ctx }: { ctx: CommandContext }) {
  const comparing = useAppStore((s) => s.comparison !== null);
  return (
    <button
      className="btn btn--ghost topbar__compare"
      onClick={() => runCommand('compare', ctx)}
      disabled={comparing}
      aria-pressed={comparing}
      aria-label="Compare"
      title={comparing ? 'Comparing A and B: see the Comparison under the canvas' : 'Compare with a variant'}
      data-testid="cmd-compare"
    >
      {/* Narrow top bars show only the glyph (responsive.css); the name stays "Compare". */}
      <span className="topbar__compare-glyph" aria-hidden="true">
        A|B
      </span>
      <span className="topbar__compare-label">Compare</span>
    </button>
  );
}

const themeIcon = { system: '◐', light: '☀', dark: '☾' } as const;

/**
 * The top bar: the diagram's name and the file, edit and view commands. On a phone only the name,
 * Share and a menu with the other commands (and `menuExtras`) are shown.
 */
export function Topbar({
  ctx,
  right,
  menuExtras,
}: {
  ctx: CommandContext;
  right?: ReactNode;
  menuExtras?: MenuExtra[];
}) {
  const name = useAppStore((s) => s.diagram.name);
  const theme = useAppStore((s) => s.theme);
  const metricsOpen = useAppStore((s) => s.metricsPanel.open);
  return (
    <header className="topbar">
      <div className="brand">
        <img src="./favicon.svg" alt="" width="24" height="24" />
        <span className="brand__name">Microsim</span>
      </div>
      <h1 className="topbar__title" title={name} data-testid="diagram-title">
        {name}
      </h1>
      <nav className="topbar__group" aria-label="File">
        <CommandButton id="new" ctx={ctx} className="btn btn--ghost">
          New
        </CommandButton>
        <CommandButton id="examples" ctx={ctx} className="btn btn--ghost" testId="open-examples">
          Examples
        </CommandButton>
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
      <CompareButton ctx={ctx} />
      <CommandButton id="present" ctx={ctx} className="btn btn--ghost topbar__present">
        Present
      </CommandButton>
      <CommandButton id="share" ctx={ctx} className="btn btn--primary">
        Share
      </CommandButton>
      <nav className="topbar__group" aria-label="View">
        <button
          className="btn btn--ghost"
          onClick={() => runCommand('metrics', ctx)}
          title={`Metrics panel (${formatKey('m')})`}
          aria-pressed={metricsOpen}
          data-testid="metrics-toggle"
        >
          Metrics
        </button>
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
      <TopbarMenu ctx={ctx} extras={menuExtras} />
    </header>
  );
}
