/**
 * An empty object without a prototype, for JSON-shaped maps keyed by text a person typed (the CLI's
 * report): "constructor" or "__proto__" are then ordinary keys, never built-ins. Test membership with
 * `Object.hasOwn`; anywhere the shape is not printed as JSON, use a Map instead.
 */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
