/** A shortcut such as `mod+shift+z`, `delete`, `space` or `.`; `mod` is Cmd on a Mac, Ctrl elsewhere. */
export type KeySpec = string;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Whether a keyboard event is the shortcut `spec`. */
export function matchesKey(e: KeyboardEvent, spec: KeySpec): boolean {
  const parts = spec.toLowerCase().split('+');
  const key = parts.pop()!;
  const want = { mod: parts.includes('mod'), shift: parts.includes('shift'), alt: parts.includes('alt') };
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (mod !== want.mod || e.altKey !== want.alt) return false;
  const pressed = e.key === ' ' ? 'space' : e.key.toLowerCase();
  // Shifted punctuation such as '?' is its own key; only letters and named keys check Shift.
  if (key.length > 1 || /[a-z0-9]/.test(key)) {
    if (e.shiftKey !== want.shift) return false;
  }
  return pressed === key;
}

/** How a shortcut is shown to a person on this platform. */
export function formatKey(spec: KeySpec): string {
  return spec
    .split('+')
    .map((p) => {
      switch (p) {
        case 'mod':
          return isMac ? '⌘' : 'Ctrl';
        case 'shift':
          return isMac ? '⇧' : 'Shift';
        case 'alt':
          return isMac ? '⌥' : 'Alt';
        case 'space':
          return 'Space';
        case 'delete':
          return 'Del';
        case 'backspace':
          return '⌫';
        case 'escape':
          return 'Esc';
        default:
          return p.length === 1 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1);
      }
    })
    .join(isMac ? '' : '+');
}
