/** How long an info or success notice stays once the person is active on the page. */
export const NOTICE_VISIBLE_MS = 5000;

/** What counts as the person being at the page: any of these on the window. */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

/**
 * Calls `dismiss` `ms` after the person's first sign of activity on `target` (the window), not
 * after the notice appeared: a page opened in a background tab, or on a machine too busy to draw it
 * at once, keeps its message until someone can have read it. While the pointer rests on the notice
 * (`card`), the countdown waits. Returns the cleanup.
 */
export function dismissAfterActivity(
  target: EventTarget,
  card: EventTarget | null,
  dismiss: () => void,
  ms = NOTICE_VISIBLE_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let active = false;
  let hovered = false;
  const start = () => {
    if (timer === null && active && !hovered) timer = setTimeout(dismiss, ms);
  };
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const onActivity = () => {
    active = true;
    for (const type of ACTIVITY) target.removeEventListener(type, onActivity, true);
    start();
  };
  const onEnter = () => {
    hovered = true;
    stop();
  };
  const onLeave = () => {
    hovered = false;
    start();
  };
  for (const type of ACTIVITY) target.addEventListener(type, onActivity, true);
  card?.addEventListener('pointerenter', onEnter);
  card?.addEventListener('pointerleave', onLeave);
  return () => {
    stop();
    for (const type of ACTIVITY) target.removeEventListener(type, onActivity, true);
    card?.removeEventListener('pointerenter', onEnter);
    card?.removeEventListener('pointerleave', onLeave);
  };
}
