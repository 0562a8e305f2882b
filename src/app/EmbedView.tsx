import { getNodesBounds, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Canvas } from '../canvas/Canvas';
import { MessageLayer } from '../canvas/messageLayer';
import { formatErrors } from '../model/parse';
import { Legend, TimeControls } from '../panels/playback';
import { useAppStore } from '../store';
import { editorLink, embedProblem, linkErrorTitle } from './links';
import { Notices } from './Notices';
import { playback } from './run';
import './share.css';
import { useThemeEffect } from './theme';
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
  const problem = embedProblem.error;
  // Always current (live faults are written into the diagram), so even a middle-click copies the run.
  const href = useMemo(() => (problem ? '' : editorLink(diagram)), [diagram, problem]);
  useThemeEffect({ persist: false });
  useWholeDiagramInView();
  useShortcuts({
    store: useAppStore,
    flow,
    run: { togglePlay: () => p.toggle(), step: () => p.step(), reset: () => p.reset() },
  });
  return (
    <div className="embed" data-testid="embed">
      <header className="embed__bar">
        <img src="./favicon.svg" alt="" width="20" height="20" />
        <strong className="embed__name">{problem ? 'Microsim' : diagram.name}</strong>
        {!problem && (
          <>
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
                {formatErrors(problem.details)
                  .split('\n')
                  .map((l, i) => (
                    <li key={i}>
                      <code>{l}</code>
                    </li>
                  ))}
              </ul>
            )}
          </div>
        ) : (
          <Canvas readOnly>
            <MessageLayer playback={p} />
          </Canvas>
        )}
        {legend && (
          <div className="legend-dock is-open">
            <Legend />
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

/**
 * An embed is usually smaller than the author's window: once the nodes are measured, the author's view
 * stays if it shows the whole diagram in the embed, else the diagram is fitted.
 */
function useWholeDiagramInView() {
  const flow = useReactFlow();
  const measured = useNodesInitialized();
  const done = useRef(false);
  useEffect(() => {
    if (!measured || done.current) return;
    done.current = true;
    const box = document.querySelector('.embed__stage .react-flow')?.getBoundingClientRect();
    const nodes = flow.getNodes();
    if (!box || nodes.length === 0) return;
    const b = getNodesBounds(nodes);
    const v = flow.getViewport();
    const [left, top] = [b.x * v.zoom + v.x, b.y * v.zoom + v.y];
    const whole =
      left >= 0 && top >= 0 && left + b.width * v.zoom <= box.width && top + b.height * v.zoom <= box.height;
    if (!whole) void flow.fitView({ padding: 0.1, maxZoom: 1.2 });
  }, [measured, flow]);
}
