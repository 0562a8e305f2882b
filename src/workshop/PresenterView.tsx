import { useEffect, useRef, useState } from 'react';
import type { PresentAction } from './keys';
import { presentAction } from './keys';
import { PresentKeyList } from './PresentLegend';
import {
  AUDIENCE_SILENCE_MS,
  formatTimer,
  isAudienceState,
  PRESENTER_CHANNEL,
  type AudienceState,
} from './presenterChannel';
import './present.css';

/**
 * The presenter's own window (opened from the presentation): the current and the next scene, the
 * notes, a timer and the controls, kept in step with the audience window over a BroadcastChannel.
 * The clicker's keys work here too, since the presenter's screen may be the one with the focus.
 */
export function PresenterView() {
  const [state, setState] = useState<AudienceState | null>(null);
  const [heard, setHeard] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const channel = useRef<BroadcastChannel | null>(null);
  const send = (action: PresentAction) => channel.current?.postMessage({ type: 'command', action });
  useEffect(() => {
    const ch = new BroadcastChannel(PRESENTER_CHANNEL);
    channel.current = ch;
    ch.onmessage = (e: MessageEvent<unknown>) => {
      if (!isAudienceState(e.data)) return;
      setState(e.data);
      setHeard(Date.now());
    };
    ch.postMessage({ type: 'hello' });
    const tick = window.setInterval(() => setNow(Date.now()), 500);
    const onKey = (e: KeyboardEvent) => {
      const action = presentAction(e);
      // Esc here closes nothing: the presenter leaves with the Leave button, on purpose.
      if (!action || action === 'leave') return;
      if (action === 'play-pause' && (e.target as HTMLElement | null)?.closest?.('button')) return;
      e.preventDefault();
      if (!e.repeat || action === 'play-pause') ch.postMessage({ type: 'command', action });
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.clearInterval(tick);
      window.removeEventListener('keydown', onKey);
      channel.current = null;
      ch.close();
    };
  }, []);
  const live = state?.active === true && now - heard < AUDIENCE_SILENCE_MS;
  return (
    <main className="presenter" data-testid="presenter-view" aria-label="Presenter view">
      {!live || !state ? (
        <p className="presenter__waiting" role="status" data-testid="presenter-waiting">
          Not presenting. Press Present in the Microsim window; this window follows it.
        </p>
      ) : (
        <>
          <header className="presenter__head">
            <span data-testid="presenter-counter">
              Scene {state.index + 1} of {state.count}
            </span>
            <span className="presenter__timer" data-testid="presenter-timer" aria-label="Time presenting">
              {formatTimer(now - state.startedAt)}
            </span>
          </header>
          <h1 className="presenter__title" data-testid="presenter-title">
            {state.title}
          </h1>
          <p className="presenter__run">
            Run: {(state.now / 1000).toFixed(1)} s of {(state.stopAt / 1000).toFixed(1)} s, {state.status}
            {state.black && <strong data-testid="presenter-black"> · screen blacked out</strong>}
          </p>
          {state.spotlight && (
            <p className="presenter__run" data-testid="presenter-spotlight">
              Spotlight: <strong>{state.spotlight}</strong>
            </p>
          )}
          <section className="presenter__notes" aria-label="Notes">
            <h2>Notes</h2>
            <p>{state.notes || state.narration || 'No notes for this scene.'}</p>
          </section>
          <p className="presenter__next" data-testid="presenter-next">
            Next: {state.nextTitle ?? 'end of the deck'}
          </p>
          <div className="presenter__controls" role="toolbar" aria-label="Presentation controls">
            <button className="btn" onClick={() => send('previous')}>
              ← Previous
            </button>
            <button className="btn" onClick={() => send('play-pause')}>
              Play / pause
            </button>
            <button className="btn btn--primary" onClick={() => send('next')}>
              Next →
            </button>
            <button className="btn" onClick={() => send('spotlight')}>
              Spotlight next
            </button>
            <button className="btn" onClick={() => send('black')}>
              Black screen
            </button>
            <button className="btn" onClick={() => send('leave')}>
              Leave
            </button>
          </div>
          <section className="presenter__keys" aria-label="Keys">
            <PresentKeyList />
          </section>
        </>
      )}
    </main>
  );
}
