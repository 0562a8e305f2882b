/** The prefix of every key this app keeps in the browser's storage (`microsim:current`, …). */
export const STORAGE_PREFIX = 'microsim';

/**
 * The keys start-up reads, under the prefix: the autosave (DiagramStorage), the list of recent
 * diagrams (RecentDiagrams) and the report of a crash (app/crash.ts). Apart from the classes that
 * write them so that the first screen can tell a first visit (none of them stored) without loading
 * them (issue 10).
 */
export const START_KEYS = ['current', 'recent', 'crash'] as const;

/**
 * Whether `store` holds anything start-up reads (START_KEYS). A store that can't be read counts as
 * holding something: start-up then loads the storage code, which says what is wrong.
 */
export function holdsStartData(
  store: () => { getItem(key: string): string | null },
  prefix = STORAGE_PREFIX,
): boolean {
  try {
    const s = store();
    return START_KEYS.some((key) => s.getItem(`${prefix}:${key}`) !== null);
  } catch {
    return true;
  }
}
