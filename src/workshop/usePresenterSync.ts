import { useEffect } from 'react';
import { playback } from '../app/run';
import { runPresentAction } from './presentActions';
import { usePresentation } from './presentation';
import { spotlightName } from './spotlight';
import { isPresenterMessage, PRESENTER_CHANNEL, type AudienceState } from './presenterChannel';

/** The presentation as the presenter window shows it. */
function audienceState(): AudienceState {
  const p = usePresentation.getState();
  const scene = p.scenes[p.index];
  const next = p.scenes[p.index + 1];
  const run = playback().getSnapshot();
  return {
    type: 'state',
    active: p.active,
    index: p.index,
    count: p.scenes.length,
    black: p.black,
    spotlight: scene && p.spotlight ? spotlightName(scene.diagram, p.spotlight) : null,
    title: scene?.title ?? '',
    notes: scene?.notes ?? '',
    narration: scene?.narration ?? '',
    nextTitle: next?.title ?? null,
    startedAt: p.startedAt,
    now: run.now,
    stopAt: scene?.diagram.run.untilMs ?? 0,
    status: run.status === 'ended' ? 'stopped at the scene’s end' : run.status,
  };
}

/**
 * Keeps a presenter window (if one is open) in step with this, the audience window: its state on
 * every change and once a second, its clicker actions carried out here. Either window may close; the
 * other goes on (BroadcastChannel has no connection to lose).
 */
export function usePresenterSync() {
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(PRESENTER_CHANNEL);
    let last = '';
    const send = (force = false) => {
      const state = audienceState();
      const text = JSON.stringify(state);
      if (!force && text === last) return;
      last = text;
      channel.postMessage(state);
    };
    channel.onmessage = (e: MessageEvent<unknown>) => {
      if (!isPresenterMessage(e.data)) return;
      if (e.data.type === 'hello') send(true);
      else runPresentAction(e.data.action);
    };
    const offPresentation = usePresentation.subscribe(() => send());
    const offRun = playback().subscribe(() => send());
    const beat = window.setInterval(() => send(true), 1_000);
    send(true);
    return () => {
      offPresentation();
      offRun();
      window.clearInterval(beat);
      // The presenter window learns at once that the presentation ended.
      channel.postMessage({ ...audienceState(), active: false } satisfies AudienceState);
      channel.close();
    };
  }, []);
}
