/** What a key does while presenting. */
export type PresentAction = 'next' | 'previous' | 'play-pause' | 'black' | 'leave';

/**
 * The keys presentation clickers send, and their keyboard twins: PageDown / → for the next scene,
 * PageUp / ← for the previous one, Space to play or pause, B or . to black the screen, Esc to leave.
 * Keys with Ctrl, Alt or Meta belong to the browser and the system, never to the presentation.
 */
export function presentAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>,
): PresentAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  switch (e.key) {
    case 'PageDown':
    case 'ArrowRight':
    case 'ArrowDown':
      return 'next';
    case 'PageUp':
    case 'ArrowLeft':
    case 'ArrowUp':
      return 'previous';
    case ' ':
    case 'Spacebar':
      return 'play-pause';
    case 'b':
    case 'B':
    case '.':
      return 'black';
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}

/** The keys, as the help line and the README show them. */
export const PRESENT_KEYS: readonly { keys: string; does: string }[] = [
  { keys: 'PageDown, →', does: 'next scene' },
  { keys: 'PageUp, ←', does: 'previous scene' },
  { keys: 'Space', does: 'play / pause' },
  { keys: 'B or .', does: 'black screen' },
  { keys: 'Esc', does: 'leave' },
];
