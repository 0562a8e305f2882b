import { AnimatePresence, motion, MotionConfig } from 'framer-motion';
import { Suspense, useRef } from 'react';
import { Canvas } from '../canvas/Canvas';
import { MessageLayer, MetricsPanel, TraceDock } from '../app/lazyParts';
import { useTraceDock } from '../app/traceDockState';
import { Notices } from '../app/Notices';
import { playback, usePlaybackState } from '../app/run';
import type { Playback } from '../playback';
import { useThemeEffect } from '../app/theme';
import { useAppStore } from '../store';
import { usePresentKeys } from './usePresentKeys';
import { useSceneCamera } from './useSceneCamera';
import { usePresenterSync } from './usePresenterSync';
import { PRESENTER_ROUTE } from './presenterChannel';
import { leavePresenting } from './present';
import { runPresentAction } from './presentActions';
import { spotlight, usePresentation } from './presentation';
import { PresentLegend } from './PresentLegend';
import { spotlightName } from './spotlight';
import { useSpotlight } from './useSpotlight';
import './present.css';

/**
 * The diagram presented to a room: full screen, the presentation theme, the scene's title and
 * narration over the canvas, the clicker keys. Each scene's camera travels to it, then its run plays
 * to the scene's stop time and waits there.
 */
export function PresentView() {
  const scenes = usePresentation((s) => s.scenes);
  const index = usePresentation((s) => s.index);
  const shown = usePresentation((s) => s.shown);
  const black = usePresentation((s) => s.black);
  const scene = scenes[index];
  const stage = useRef<HTMLDivElement>(null);
  useThemeEffect();
  usePresentKeys();
  usePresenterSync();
  useSpotlight();

  useSceneCamera(stage, shown);

  if (!scene) return null;
  return (
    <MotionConfig reducedMotion="user">
      <div className="present" data-testid="presentation" role="region" aria-label="Presentation">
        <div className="present__caption">
          <AnimatePresence mode="wait" initial={false}>
            <motion.div
              key={shown}
              initial={{ opacity: 0, y: -8 }}
              animate={{ opacity: 1, y: 0 }}
              exit={{ opacity: 0 }}
              transition={{ duration: 0.25 }}
            >
              <h2 className="present__title" aria-live="polite" data-testid="scene-title">
                {scene.title}
              </h2>
              {scene.narration && <p className="present__narration">{scene.narration}</p>}
            </motion.div>
          </AnimatePresence>
        </div>
        <div className="present__stage" ref={stage}>
          <Canvas readOnly zoomControls={false} onElementClick={spotlight}>
            <Suspense fallback={null}>
              <MessageLayer playback={playback()} presenting />
            </Suspense>
          </Canvas>
        </div>
        <PresentDocks playback={playback()} />
        <PresentBar index={index} count={scenes.length} />
        {black && (
          <div
            className="present__black"
            data-testid="black-screen"
            role="status"
            aria-label="Screen blacked out: press B to bring it back"
          />
        )}
        <Notices />
      </div>
    </MotionConfig>
  );
}

/**
 * The panels the scene shows, docked under the stage side by side (a projector is wide, and the
 * diagram keeps most of the height), in the presentation's larger type.
 */
function PresentDocks({ playback: p }: { playback: Playback }) {
  const metrics = useAppStore((s) => s.metricsPanel.open);
  const log = useTraceDock((s) => s.open);
  if (!metrics && !log) return null;
  return (
    <div className="present__docks" data-testid="present-docks">
      {metrics && (
        <Suspense fallback={<p className="muted">Loading the charts…</p>}>
          <MetricsPanel playback={p} />
        </Suspense>
      )}
      {log && (
        <Suspense fallback={<p className="muted">Loading the event log…</p>}>
          <TraceDock playback={p} />
        </Suspense>
      )}
    </div>
  );
}

/** The strip at the bottom: where the show is, and buttons for a mouse or a touch screen. */
function PresentBar({ index, count }: { index: number; count: number }) {
  const run = usePlaybackState();
  const stopAt = useAppStore((s) => s.diagram.run.untilMs);
  const status = run.status === 'ended' ? 'stopped here' : run.status === 'playing' ? 'playing' : 'paused';
  const lit = usePresentation((s) => s.spotlight);
  const litName = useAppStore((s) => (lit ? spotlightName(s.diagram, lit) : null));
  return (
    <div className="present__bar" role="toolbar" aria-label="Presentation controls">
      <span className="present__where" data-testid="scene-counter">
        Scene {index + 1} of {count}
      </span>
      <span className="present__time" data-testid="present-run">
        {(run.now / 1000).toFixed(1)} s of {(stopAt / 1000).toFixed(1)} s · {status}
      </span>
      <span className="present__spot" role="status" data-testid="present-spotlight">
        {litName && (
          <>
            Spotlight: <strong>{litName}</strong>
          </>
        )}
      </span>
      <span className="present__spacer" />
      <button className="btn btn--ghost" onClick={() => runPresentAction('previous')} disabled={index === 0}>
        ← Previous
      </button>
      <button className="btn btn--ghost" onClick={() => runPresentAction('play-pause')}>
        {run.status === 'playing' ? 'Pause' : 'Play'}
      </button>
      <button
        className="btn btn--ghost"
        onClick={() => runPresentAction('next')}
        disabled={index === count - 1}
      >
        Next →
      </button>
      <button className="btn btn--ghost" onClick={() => runPresentAction('black')}>
        Black screen
      </button>
      <PresentLegend />
      <button
        className="btn btn--ghost"
        onClick={() =>
          window.open(`./${PRESENTER_ROUTE}`, 'microsim-presenter', 'popup,width=960,height=640')
        }
      >
        Presenter view
      </button>
      <button className="btn btn--ghost" onClick={() => leavePresenting()}>
        Leave (Esc)
      </button>
    </div>
  );
}
