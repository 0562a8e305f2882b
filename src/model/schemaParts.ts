import * as z from 'zod/mini';
import { LIMITS, MAX_COORDINATE } from './schemaConstants';

/**
 * The building blocks of the diagram schema's fields (schema.ts): text, names, bounded numbers and
 * lists, each refused in the words the inspector shows, and how a field gets its default.
 */

/**
 * Any text, with unpaired UTF-16 surrogates (which a file can hold as `\ud800` escapes) replaced by
 * U+FFFD: no encoder can keep them, so two ids differing only in one would collide in a link.
 */
const text = () => z.string().check(z.overwrite((s) => s.toWellFormed()));
/** Text of at most `max` characters. */
export const textUpTo = (max: number, message = `must be at most ${max} characters`) =>
  text().check(z.maxLength(max, message));
/** An id: 1 to 64 characters. */
export const id = text().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(64, 'must be at most 64 characters'),
);
/** A name: of a diagram, service, message, channel… */
export const name = textUpTo(LIMITS.nameChars);
/** A number from `min` to `max`, refused in the words the inspector shows. */
export const between = (min: number, max: number, unit = '') =>
  z
    .number()
    .check(z.minimum(min, `must be at least ${min}${unit}`), z.maximum(max, `must be at most ${max}${unit}`));
/** A duration in ms, from 0 to `max` (an hour unless told). */
export const ms = (max = 3_600_000) =>
  z.number().check(z.minimum(0, 'must not be negative'), z.maximum(max, `must be at most ${max} ms`));
/** A share from 0 to 1 (an error rate). */
export const fraction = z
  .number()
  .check(z.minimum(0, 'must be between 0 and 1'), z.maximum(1, 'must be between 0 and 1'));
/** A whole number from `min` to `max`. */
export const count = (min: number, max: number) =>
  z
    .number()
    .check(
      z.int('must be a whole number'),
      z.minimum(min, `must be at least ${min}`),
      z.maximum(max, `must be at most ${max}`),
    );
/** A list of at most `max` items. */
export const listUpTo = <T extends z.core.SomeType>(item: T, max: number, what: string) =>
  z.array(item).check(z.maxLength(max, `at most ${max} ${what}`));
/**
 * The value a field takes when it is left out. zod hands each parse a shallow copy of an object or
 * list default (a function default is called each time), so parsed diagrams never share one.
 */
export const withDefault = z._default;
/** A list default from a read-only table: a new list for each parse. */
export const fresh =
  <T>(list: readonly T[]) =>
  (): T[] => [...list];

const coordinateMessage = `must be between -${MAX_COORDINATE} and ${MAX_COORDINATE}`;
/** A canvas coordinate, within ±MAX_COORDINATE. */
export const coordinate = z
  .number()
  .check(z.minimum(-MAX_COORDINATE, coordinateMessage), z.maximum(MAX_COORDINATE, coordinateMessage));
