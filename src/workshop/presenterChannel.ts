import { isPresentAction, type PresentAction } from './keys';

/** The BroadcastChannel the audience window and the presenter window talk on (same origin only). */
export const PRESENTER_CHANNEL = 'microsim-presenter';

export { PRESENTER_ROUTE } from './presenterRoute';

/** What the audience window tells the presenter window: sent on every change and once a second. */
export interface AudienceState {
  type: 'state';
  active: boolean;
  index: number;
  count: number;
  black: boolean;
  /** The spotlit service's or edge's name, null when nothing is spotlit. */
  spotlight: string | null;
  title: string;
  notes: string;
  narration: string;
  /** The next scene's title, null on the last scene. */
  nextTitle: string | null;
  /** Wall-clock ms when the presentation started (the timer). */
  startedAt: number;
  /** The run: where it is and where the scene stops, in simulated ms. */
  now: number;
  stopAt: number;
  status: string;
}

/** What the presenter window asks for: a clicker action, or the state (when it opens). */
export type PresenterMessage = { type: 'command'; action: PresentAction } | { type: 'hello' };

/** How long the presenter window waits without news before it says the audience window is gone. */
export const AUDIENCE_SILENCE_MS = 3_000;

/** Whether `data` is a presenter window's message (anything else on the channel is ignored). */
export function isPresenterMessage(data: unknown): data is PresenterMessage {
  const m = data as PresenterMessage | null;
  if (!m || typeof m !== 'object') return false;
  if (m.type === 'hello') return true;
  return m.type === 'command' && isPresentAction(m.action);
}

/** Whether `data` is the audience window's state. */
export function isAudienceState(data: unknown): data is AudienceState {
  const m = data as AudienceState | null;
  return !!m && typeof m === 'object' && m.type === 'state' && typeof m.index === 'number';
}

/** "12:05" for a timer. */
export function formatTimer(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}
