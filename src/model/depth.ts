/**
 * How deep a diagram may nest lists and objects. A real diagram nests about 5 levels (diagram,
 * edges, an edge, its backoff, a number); the limit leaves room for wrappers such as the storage
 * envelope, and stays far below where recursive code (JSON.stringify, structuredClone, zod) runs out
 * of stack, around 3,000 to 5,000 levels.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * How many levels of lists and objects `value` nests (0 for a number or text, 1 for `[]` or
 * `{"a": 1}`). Iterative, so no input can overflow the stack; visits each value once.
 */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  // Two parallel stacks (values and their depths): no object allocated per visited value.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const at = values.pop();
    const depth = depths.pop()! + 1;
    if (at === null || typeof at !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (Array.isArray(at)) {
      for (const child of at) if (child !== null && typeof child === 'object') values.push(child);
    } else {
      for (const key in at) {
        const child = (at as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object' && Object.hasOwn(at, key)) values.push(child);
      }
    }
    while (depths.length < values.length) depths.push(depth);
  }
  return deepest;
}

/**
 * Null when `value` nests at most `limit` levels, else a message saying how deep it goes, for
 * every loader to give before anything walks the value recursively.
 */
export function nestingProblem(value: unknown, limit = MAX_NESTING_DEPTH): string | null {
  const depth = nestingDepth(value);
  if (depth <= limit) return null;
  return `nests lists and objects ${depth.toLocaleString('en-US')} levels deep; at most ${limit} levels are allowed`;
}
