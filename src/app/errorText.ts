// Apart from crash.ts (which loads with the storage code, persistenceLoader.ts): the crash screen
// says what went wrong before that code is in.

/** The error's own words, short enough for a sentence. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
