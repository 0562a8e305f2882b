import { LIMITS } from '../model/schema';
import { PayloadLimitError } from './varint';

/**
 * The most texts a valid diagram can put in a link's string table: its name and description, a
 * service's id and name, an edge's id, ends, message, triggers and up to three kind fields (a saga's
 * name, action and compensation), a note's id and text, a fault's id and target.
 */
export const MAX_TEXTS =
  2 + LIMITS.services * 2 + LIMITS.edges * (4 + LIMITS.triggers + 3) + LIMITS.notes * 2 + LIMITS.faults * 2;

/** The longest text a valid diagram holds (its description) in UTF-8: at most 3 bytes a character. */
export const MAX_TEXT_BYTES = LIMITS.descriptionChars * 3;

/** Refuses a list of `count` items where a diagram holds at most `limit`, in the schema's words. */
export function checkCount(count: number, limit: number, path: string, items: string): void {
  if (count > limit) throw new PayloadLimitError(path, `at most ${limit} ${items}`);
}

/** Refuses a string table larger than any diagram needs. */
export function checkTextCount(count: number): void {
  if (count > MAX_TEXTS)
    throw new PayloadLimitError(
      null,
      `it holds ${count.toLocaleString('en-US')} texts, more than any diagram can use (${MAX_TEXTS.toLocaleString('en-US')})`,
    );
}

/** Refuses a text longer than the longest text a diagram holds. */
export function checkTextBytes(length: number): void {
  if (length > MAX_TEXT_BYTES) throw textTooLong();
}

/** The error for a text longer than any a diagram holds. */
export function textTooLong(): PayloadLimitError {
  return new PayloadLimitError(
    null,
    `it holds a text longer than any text of a diagram (${MAX_TEXT_BYTES.toLocaleString('en-US')} bytes)`,
  );
}
