import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { Canvas } from '../canvas/Canvas';
import { MessageLayer } from '../canvas/messageLayer';
import { Legend, TimeControls } from '../panels/playback';
import { useAppStore } from '../store';
import { editorLink } from './links';
import { Notices } from './Notices';
import { playback } from './run';
import { useThemeEffect } from './theme';
import { useShortcuts } from './useShortcuts';

/**
 * The read-only player for slides, docs and blogs: the diagram, play/pause/step and speed, a legend,
 * and "Open in Microsim" to edit a copy in the full app. It never reads or writes the device's storage.
 */
export function EmbedView() {
  const flow = useReactFlow();
  const name = useAppStore((s) => s.diagram.name);
  const [legend, setLegend] = useState(false);
  const p = playback();
  useThemeEffect();
  useShortcuts({
    store: useAppStore,
    flow,
    run: { togglePlay: () => p.toggle(), step: () => p.step(), reset: () => p.reset() },
  });
  return (
    <div className="embed" data-testid="embed">
      <header className="embed__bar">
        <img src="./favicon.svg" alt="" width="20" height="20" />
        <strong className="embed__name">{name}</strong>
        <button
          className="btn btn--small btn--ghost"
          aria-expanded={legend}
          onClick={() => setLegend(!legend)}
        >
          Legend
        </button>
        <a
          className="btn btn--small btn--primary"
          href={editorLink(useAppStore.getState().diagram)}
          target="_blank"
          rel="noopener"
          data-testid="open-in-microsim"
          onClick={(e) => {
            // The link is made at click time, so it carries any live faults recorded so far.
            e.currentTarget.href = editorLink(useAppStore.getState().diagram);
          }}
        >
          Open in Microsim ↗
        </a>
      </header>
      <main className="embed__stage">
        <Canvas readOnly>
          <MessageLayer playback={p} />
        </Canvas>
        {legend && (
          <div className="legend-dock is-open">
            <Legend />
          </div>
        )}
      </main>
      <footer className="runbar runbar--embed">
        <TimeControls playback={p} />
      </footer>
      <Notices />
    </div>
  );
}
