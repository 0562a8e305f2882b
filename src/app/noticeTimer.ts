/** How long an info or success notice stays once the person is active on the page. */
export const NOTICE_VISIBLE_MS = 5000;

/** What counts as the person being at the page: any of these on the window. */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

let pageActive = false;
/** Whether the person has been active on this page since it loaded (a key, a pointer, a wheel). */
export function watchPageActivity(target: EventTarget): void {
  const seen = () => {
    pageActive = true;
    for (const type of ACTIVITY) target.removeEventListener(type, seen, true);
  };
  for (const type of ACTIVITY) target.addEventListener(type, seen, true);
}

/**
 * Calls `dismiss` `ms` after the notice appeared if the person has been active on the page since it
 * loaded (`activeBefore`), else `ms` after their first sign of activity on `target` (the window): a
 * link opened in a background tab, or on a machine too busy to draw it at once, keeps its message
 * until someone can have read it. While the pointer rests on the notice (`card`), the countdown
 * waits. Returns the cleanup.
 */
export function dismissAfterActivity(
  target: EventTarget,
  card: EventTarget | null,
  dismiss: () => void,
  ms = NOTICE_VISIBLE_MS,
  activeBefore = pageActive,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let active = activeBefore;
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
  if (active) start();
  else for (const type of ACTIVITY) target.addEventListener(type, onActivity, true);
  card?.addEventListener('pointerenter', onEnter);
  card?.addEventListener('pointerleave', onLeave);
  return () => {
    stop();
    for (const type of ACTIVITY) target.removeEventListener(type, onActivity, true);
    card?.removeEventListener('pointerenter', onEnter);
    card?.removeEventListener('pointerleave', onLeave);
  };
}
