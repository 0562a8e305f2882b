/** One thing a presenter can do from a clicker or a keyboard, and the keys that do it. */
export interface PresentActionSpec {
  /** `KeyboardEvent.key` values that do it (Ctrl, Alt and Meta combinations never do). */
  keys: readonly string[];
  /** What it does, in a few words. */
  does: string;
}

/**
 * The presentation's actions (a registry: the key handler, the legend, the presenter channel's
 * check and the README's table all read it, and `runPresentAction` must handle every entry). The
 * keys are the ones presentation clickers send (PageDown, PageUp, B, .), with their keyboard twins.
 */
export const PRESENT_ACTIONS = {
  next: {
    keys: ['PageDown', 'ArrowRight', 'ArrowDown'],
    does: 'next scene',
  },
  previous: {
    keys: ['PageUp', 'ArrowLeft', 'ArrowUp'],
    does: 'previous scene',
  },
  'play-pause': {
    keys: [' ', 'Spacebar'],
    does: 'play / pause (at the stop time: play the scene again)',
  },
  spotlight: {
    keys: ['s', 'S'],
    does: 'spotlight the next service, then none (or click a service or an edge)',
  },
  black: { keys: ['b', 'B', '.'], does: 'black screen, and back' },
  leave: {
    keys: ['Escape'],
    does: 'leave (leaving the browser’s full screen leaves too)',
  },
} as const satisfies Record<string, PresentActionSpec>;

/** What a key does while presenting. */
export type PresentAction = keyof typeof PRESENT_ACTIONS;

/** Every action, in the legend's order. */
export const PRESENT_ACTION_NAMES = Object.keys(PRESENT_ACTIONS) as PresentAction[];

const BY_KEY = new Map<string, PresentAction>(
  PRESENT_ACTION_NAMES.flatMap((a) => PRESENT_ACTIONS[a].keys.map((k) => [k, a] as const)),
);

/**
 * The action a key press asks for while presenting, or null. Keys with Ctrl, Alt or Meta belong to
 * the browser and the system, never to the presentation.
 */
export function presentAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>,
): PresentAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  return BY_KEY.get(e.key) ?? null;
}

/** Whether `value` names a presentation action (what the presenter channel accepts). */
export function isPresentAction(value: unknown): value is PresentAction {
  return typeof value === 'string' && Object.hasOwn(PRESENT_ACTIONS, value);
}

const KEY_NAMES: Record<string, string> = {
  ' ': 'Space',
  Spacebar: 'Space',
  Escape: 'Esc',
  ArrowRight: '→',
  ArrowLeft: '←',
  ArrowDown: '↓',
  ArrowUp: '↑',
};

/** The keys of `action` as a person reads them ("PageDown", "→", "Space"), each once. */
export function presentKeyLabels(action: PresentAction): string[] {
  const name = (key: string) => KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  return [...new Set(PRESENT_ACTIONS[action].keys.map(name))];
}
