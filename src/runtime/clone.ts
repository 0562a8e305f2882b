/**
 * Deep copies of object graphs, for engine checkpoints: cycles and shared references keep their
 * shape (an object reached twice is copied once), class instances keep their prototype, Maps, Sets
 * and typed arrays are copied, functions and the objects in `shared` are kept by reference (the
 * behaviour registries: code, not state), and so are `Immutable` objects (a run's history, which
 * only grows). Iterative, so long linked chains cannot overflow the stack.
 */

/**
 * A value never written after it is built (a closed series bucket): copies of a run share it rather
 * than copy it, so a checkpoint costs the run's current state, not its whole history.
 */
export abstract class Immutable {}

type AnyTypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
type TypedArrayClass = new (length: number) => AnyTypedArray;

/** A typed array stored without its trailing zeros (a checkpoint's series and histograms are mostly zeros). */
class Trimmed {
  constructor(
    readonly make: TypedArrayClass,
    readonly length: number,
    readonly head: AnyTypedArray,
  ) {}

  expand(): AnyTypedArray {
    const out = new this.make(this.length);
    out.set(this.head as unknown as ArrayLike<number>);
    return out;
  }
}

/** Arrays shorter than this are copied whole: trimming them saves nothing worth the bookkeeping. */
const TRIM_FROM = 64;

function copyTypedArray(value: AnyTypedArray, compact: boolean): AnyTypedArray | Trimmed {
  if (!compact || value.length < TRIM_FROM || value instanceof BigInt64Array) return value.slice();
  let end = value.length;
  // -0 is kept (1 / -0 < 0): the copy must be the same bits.
  while (end > 0 && value[end - 1] === 0 && 1 / value[end - 1]! > 0) end--;
  if (end > value.length * 0.75) return value.slice();
  return new Trimmed(value.constructor as TypedArrayClass, value.length, value.slice(0, end));
}

/**
 * A deep copy of `root`. `compact`: typed arrays lose their trailing zeros (for storing); a compact
 * copy is only good for copying again without `compact`, which restores them.
 */
export function cloneGraph<T>(root: T, shared: ReadonlySet<object>, compact = false): T {
  const copies = new Map<object, unknown>();
  const pending: Array<[object, object]> = [];
  const shell = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || shared.has(value) || value instanceof Immutable)
      return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    let copy: object;
    if (ArrayBuffer.isView(value)) copy = copyTypedArray(value as AnyTypedArray, compact);
    else if (value instanceof Trimmed) copy = value.expand();
    // Copied shallowly first, then the object-valued slots are replaced: an array keeps its elements
    // kind and an object its property layout (an object built by Object.create plus one store per
    // field leaves fast mode past a dozen fields, which slows the engine's hot paths).
    else if (Array.isArray(value)) copy = value.slice();
    else if (value instanceof Map) copy = new Map();
    else if (value instanceof Set) copy = new Set();
    else copy = Object.setPrototypeOf({ ...value }, Object.getPrototypeOf(value) as object | null) as object;
    copies.set(value, copy);
    if (!ArrayBuffer.isView(value) && !(value instanceof Trimmed)) pending.push([value, copy]);
    return copy;
  };
  const out = shell(root) as T;
  while (pending.length > 0) fill(pending.pop()!, shell);
  return out;
}

/** Replaces the object-valued slots of `to` (a shallow copy of `from`) with their copies. */
function fill([from, to]: [object, object], shell: (value: unknown) => unknown): void {
  if (Array.isArray(from)) {
    const target = to as unknown[];
    for (let i = 0; i < from.length; i++) {
      const v: unknown = from[i];
      if (typeof v === 'object' && v !== null) target[i] = shell(v);
    }
  } else if (from instanceof Map) {
    for (const [k, v] of from) (to as Map<unknown, unknown>).set(shell(k), shell(v));
  } else if (from instanceof Set) {
    for (const v of from) (to as Set<unknown>).add(shell(v));
  } else {
    const source = from as Record<string, unknown>;
    const target = to as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const v = source[key];
      if (typeof v === 'object' && v !== null) target[key] = shell(v);
    }
  }
}

/** Every object reachable from `root` (functions' own properties aside), for `cloneGraph`'s `shared`. */
export function reachableObjects(root: object): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    for (const child of Object.values(v as Record<string, unknown>)) stack.push(child);
  }
  return seen;
}
