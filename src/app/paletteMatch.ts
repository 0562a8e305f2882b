/**
 * The command palette's matching: forgiving enough that "pay" finds "Payment Service" and "tdy"
 * finds "Tidy up layout", ranked so that what the person most likely meant comes first.
 */

/** Something the palette can find: a command or an element of the diagram. */
export interface PaletteEntry {
  /** The name shown and matched first. */
  label: string;
  /** Other words that find it (kind, group, message), matched with less weight. */
  keywords?: string;
}

/**
 * How well `query` matches `text`, or null when it does not: every character of the query must
 * appear in the text in order (case-insensitive). Higher is better: consecutive characters,
 * characters at the start of a word, and a match at the very start score more.
 */
export function matchScore(query: string, text: string): number | null {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  if (q.length === 0) return 0;
  const at = t.indexOf(q);
  if (at >= 0) {
    // A plain substring beats any scattered match; at the start, or at a word's start, more so.
    const start = at === 0 ? 40 : isWordStart(t, at) ? 25 : 10;
    return 100 + start + q.length * 4 - t.length * 0.1;
  }
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    // Prefer the next word start holding this character over an earlier match inside a word.
    const i = nextIndex(t, ch, from);
    if (i < 0) return null;
    score += 1;
    if (i === previous + 1) score += 5;
    if (isWordStart(t, i)) score += 8;
    previous = i;
    from = i + 1;
  }
  return score - t.length * 0.1;
}

/** The index of `ch` in `t` from `from`, taking a word start over a match inside a word. */
function nextIndex(t: string, ch: string, from: number): number {
  const first = t.indexOf(ch, from);
  if (first < 0 || isWordStart(t, first)) return first;
  for (let i = first + 1; i < t.length; i++) if (t[i] === ch && isWordStart(t, i)) return i;
  return first;
}

function isWordStart(t: string, i: number): boolean {
  return i === 0 || /[\s\-_/·.:→(]/.test(t[i - 1]!);
}

/**
 * How well `query` matches an entry, or null: each word of the query must match the label or the
 * keywords on its own ("order pay" finds "Payment" in the Orders diagram's edge "Orders → Payment").
 */
export function entryScore(query: string, entry: PaletteEntry): number | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  let total = 0;
  for (const w of words) {
    const inLabel = matchScore(w, entry.label);
    const inKeywords = entry.keywords ? matchScore(w, entry.keywords) : null;
    const best = Math.max(inLabel ?? -Infinity, inKeywords === null ? -Infinity : inKeywords * 0.6);
    if (best === -Infinity) return null;
    total += best;
  }
  return total;
}

/**
 * The entries matching `query`, best first; entries that score the same keep their order (so with
 * no query, the list is the given order).
 */
export function searchEntries<T extends PaletteEntry>(query: string, entries: readonly T[]): T[] {
  const scored: Array<{ entry: T; score: number; index: number }> = [];
  entries.forEach((entry, index) => {
    const score = entryScore(query, entry);
    if (score !== null) scored.push({ entry, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.entry);
}
