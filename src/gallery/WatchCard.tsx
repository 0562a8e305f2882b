import { useState } from 'react';
import type { Playback } from '../playback';
import { useAppStore } from '../store';
import { ADVICE, PATH_TO } from './decision';
import { entryStillOpen, useGalleryState } from './galleryState';
import './gallery.css';

const formatMoment = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s`;

/**
 * The opened gallery entry's card over the canvas: what it shows, the moments to watch (each
 * pauses the run at its time and selects what to look at) and the claim the engine proves.
 */
export function WatchCard({ playback }: { playback: Playback }) {
  const { active, openedAt, close } = useGalleryState();
  const loads = useAppStore((s) => s.loads);
  const past = useAppStore((s) => s.history.past.length);
  const [folded, setFolded] = useState(false);
  if (!active || !entryStillOpen(openedAt, loads, past)) return null;
  const jump = (atMs: number, focus: string[] = []) => {
    playback.pause();
    playback.seek(atMs);
    useAppStore.getState().select(focus);
  };
  return (
    <section className="watch-card" aria-label="What to watch" data-testid="watch-card">
      <header className="watch-card__head">
        <h2>{active.title}</h2>
        <button
          className="btn btn--icon btn--small"
          aria-expanded={!folded}
          aria-label={folded ? 'Show what to watch' : 'Fold what to watch'}
          onClick={() => setFolded(!folded)}
        >
          {folded ? '▸' : '▾'}
        </button>
        <button className="btn btn--icon btn--small" aria-label="Close what to watch" onClick={close}>
          ×
        </button>
      </header>
      {!folded && (
        <>
          <details className="watch-card__about">
            <summary>About this pattern</summary>
            <p className="watch-card__text">{active.explanation}</p>
          </details>
          <h3>What to watch</h3>
          <ol className="watch-card__steps">
            {active.watch.map((step, i) => (
              <li key={i}>
                <button
                  className="btn btn--small"
                  onClick={() => jump(step.atMs, step.focus)}
                  aria-label={`Jump to ${formatMoment(step.atMs)}: ${step.text}`}
                >
                  {formatMoment(step.atMs)}
                </button>
                <span>{step.text}</span>
              </li>
            ))}
          </ol>
          <p className="watch-card__claim" data-testid="watch-claim">
            <strong>Proven by the engine:</strong> {active.claim}
          </p>
          <button
            className="btn btn--small watch-card__guide"
            onClick={() => {
              useGalleryState.setState({ guideAnswers: PATH_TO[active.demonstrates] });
              useAppStore.getState().setDialog('decision');
            }}
          >
            When to use {ADVICE[active.demonstrates].title.replace(/^A /, 'a ')}: decision guide
          </button>
        </>
      )}
    </section>
  );
}
