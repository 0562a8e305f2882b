import { playback } from '../app/run';
import { useAppStore } from '../store';
import type { PresentAction } from './keys';
import { leavePresenting } from './present';
import { nextScene, previousScene, spotlight, toggleBlack, usePresentation } from './presentation';
import { nextSpotlight } from './spotlight';

// Apart from starting and leaving a presentation (present.ts, which the Present command and opening
// a link run from the first screen): what is done while presenting loads with the present view
// (issue 10).

/** What each presentation action does (a record: an action without a handler does not compile). */
const PRESENT_HANDLERS: Record<PresentAction, () => void> = {
  next: () => nextScene(useAppStore),
  previous: () => previousScene(useAppStore),
  'play-pause': () => {
    const p = playback();
    // A run stopped at the scene's end plays it again from its start.
    if (p.getSnapshot().status === 'ended') {
      p.reset();
      p.play();
    } else p.toggle();
  },
  spotlight: () =>
    spotlight(nextSpotlight(useAppStore.getState().diagram, usePresentation.getState().spotlight)),
  black: () => toggleBlack(),
  leave: () => leavePresenting(),
};

/** Does what a clicker key (or its button) asks. */
export function runPresentAction(action: PresentAction) {
  PRESENT_HANDLERS[action]();
}
