/** Keys a range slider answers itself; any other key on it is free for shortcuts. */
const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/**
 * True when a key press goes to a field that uses it, so single-key shortcuts must stay out of the
 * way: text fields take every key, a slider only its arrows, Home, End and Page keys (so Space on
 * the speed slider still plays). Without `key`, any slider counts as a field.
 */
export function isTyping(target: EventTarget | null, key?: string): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'range')
    return key === undefined || SLIDER_KEYS.has(key);
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
