import { useReactFlow } from '@xyflow/react';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Canvas } from '../canvas/Canvas';
import { errorLines } from '../model/diagramErrors';
import { TimeControls } from '../panels/playback/TimeControls';
import { useAppStore } from '../store';
import type { CommandContext } from './commands';
import { Legend, MessageLayer } from './lazyParts';
import { editorLink, embedProblem, linkErrorTitle } from './links';
import { Notices } from './Notices';
import { playback } from './run';
import './share.css';
import { useThemeEffect } from './theme';
import { CommandButton } from './Topbar';
import { exposeTestHook } from './testHook';
import { useShortcuts } from './useShortcuts';

/**
 * The read-only player for slides, docs and blogs: the diagram, play/pause/step and speed, a legend,
 * and "Open in Microsim" to edit a copy in the full app. It never reads or writes the device's storage,
 * and only shortcuts that change nothing (play, step, reset, fit, zoom) work in it.
 */
export function EmbedView() {
  const flow = useReactFlow();
  const diagram = useAppStore((s) => s.diagram);
  const [legend, setLegend] = useState(false);
  const p = playback();
  // As the editor does: specs read the embed's run (its event count) through the hook.
  useEffect(() => exposeTestHook({ playback: p }), [p]);
  const problem = embedProblem.error;
  // Always current (live faults are written into the diagram), so even a middle-click copies the run.
  const href = useMemo(() => (problem ? '' : editorLink(diagram)), [diagram, problem]);
  useThemeEffect({ persist: false });
  const ctx: CommandContext = useMemo(
    () => ({
      store: useAppStore,
      flow,
      run: {
        togglePlay: () => p.toggle(),
        step: () => p.step(),
        stepBack: () => p.stepBack(),
        rewind: () => p.rewind(),
        reset: () => p.reset(),
      },
    }),
    [flow, p],
  );
  useShortcuts(ctx);
  return (
    <div className="embed" data-testid="embed">
      <header className="embed__bar">
        <img src="./favicon.svg" alt="" width="20" height="20" />
        <h1 className="embed__name">{problem ? 'Microsim' : diagram.name}</h1>
        {!problem && (
          <>
            {/* In the bar, not over the diagram: a small frame has no free corner for them. */}
            <div className="embed__zoom" role="group" aria-label="Zoom">
              <CommandButton id="zoom-out" ctx={ctx} className="btn btn--small btn--ghost">
                −
              </CommandButton>
              <CommandButton id="zoom-in" ctx={ctx} className="btn btn--small btn--ghost">
                +
              </CommandButton>
              <CommandButton id="fit" ctx={ctx} className="btn btn--small btn--ghost">
                Fit
              </CommandButton>
            </div>
            <button
              className="btn btn--small btn--ghost"
              aria-expanded={legend}
              onClick={() => setLegend(!legend)}
            >
              Legend
            </button>
            <a
              className="btn btn--small btn--primary"
              href={href}
              target="_blank"
              rel="noopener"
              data-testid="open-in-microsim"
              title="Opens a copy you can edit; nothing here changes"
            >
              Open in Microsim ↗
            </a>
          </>
        )}
      </header>
      <main className="embed__stage">
        {problem ? (
          <div className="embed-problem" role="alert" data-testid="embed-problem">
            <h2>{linkErrorTitle(problem.code)}</h2>
            <p>{problem.message}</p>
            {problem.details && problem.details.length > 0 && (
              <ul className="share-lines">
                {errorLines(problem.details).map((l, i) => (
                  <li key={i}>
                    <code>{l}</code>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          <Canvas readOnly zoomControls={false}>
            <Suspense fallback={null}>
              <MessageLayer playback={p} />
            </Suspense>
          </Canvas>
        )}
        {legend && (
          <div className="legend-dock is-open">
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <Legend />
            </Suspense>
          </div>
        )}
      </main>
      {!problem && (
        <footer className="runbar runbar--embed">
          <TimeControls playback={p} />
        </footer>
      )}
      <Notices />
    </div>
  );
}
