/**
 * Snapshots of the run's object graph, for engine checkpoints. A snapshot keeps every object it
 * reaches by reference, with a copy of its contents; restoring writes the contents back into the
 * same objects, so the run is again exactly as it was. Restoring in place rather than into copies
 * keeps each object's hidden class: a copy made by spreading an object gets another hidden class
 * than the one its constructor gave it, so the engine's hot paths, compiled for the constructors'
 * classes, fell back to the interpreter after every restore (the first seeks after playing took
 * three to five times as long as later ones).
 *
 * Not copied: objects in `shared` (the behaviour registries: code, not state), `Immutable` objects
 * (a run's history, which only grows) and frozen ones. Iterative, so long linked chains cannot
 * overflow the stack.
 */

/**
 * A value never written after it is built (a closed series bucket): snapshots keep it as it is
 * rather than copy it, so a checkpoint costs the run's current state, not its whole history.
 */
export abstract class Immutable {}

type AnyTypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A typed array's contents without their trailing zeros (a run's series and histograms are mostly zeros). */
class Trimmed {
  constructor(readonly head: AnyTypedArray) {}
}

/** Arrays shorter than this are copied whole: trimming them saves nothing worth the bookkeeping. */
const TRIM_FROM = 64;

function copyTypedArray(value: AnyTypedArray, compact: boolean): AnyTypedArray | Trimmed {
  if (!compact || value.length < TRIM_FROM || value instanceof BigInt64Array) return value.slice();
  let end = value.length;
  // -0 is kept (1 / -0 < 0): the copy must be the same bits.
  while (end > 0 && value[end - 1] === 0 && 1 / value[end - 1]! > 0) end--;
  if (end > value.length * 0.75) return value.slice();
  return new Trimmed(value.slice(0, end));
}

/**
 * What a snapshot keeps for a second view of a buffer another view copied whole (the trace's ring
 * is read as float64 and as int32): restoring that other view puts back every byte.
 */
const SAME_BUFFER = Symbol('same buffer');

/** A graph's objects and, index for index, their contents at the moment it was taken. */
export class GraphSnapshot<T extends object> {
  constructor(
    readonly root: T,
    readonly objects: readonly object[],
    readonly contents: readonly unknown[],
  ) {}
}

/** Copies what `root` reaches; `compact` drops typed arrays' trailing zeros (for keeping many). */
export function snapshotGraph<T extends object>(
  root: T,
  shared: ReadonlySet<object>,
  compact = false,
): GraphSnapshot<T> {
  const seen = new Set<object>([root]);
  const stack: object[] = [root];
  const objects: object[] = [];
  const contents: unknown[] = [];
  /** Buffers already copied whole through one view: another view of all of it needs no copy. */
  const copiedBuffers = new Set<ArrayBufferLike>();
  const reach = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (!shared.has(value) && !(value instanceof Immutable) && !Object.isFrozen(value)) stack.push(value);
  };
  while (stack.length > 0) {
    const value = stack.pop()!;
    objects.push(value);
    if (ArrayBuffer.isView(value)) {
      const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
      if (whole && copiedBuffers.has(value.buffer)) {
        contents.push(SAME_BUFFER);
        continue;
      }
      if (whole) copiedBuffers.add(value.buffer);
      contents.push(copyTypedArray(value as AnyTypedArray, compact));
      continue;
    }
    const saved = contentsOf(value);
    contents.push(saved);
    for (const item of saved) reach(item);
  }
  return new GraphSnapshot(root, objects, contents);
}

/** An object's contents as a list: an array's elements, a Map's keys and values in turn, a Set's values, an object's own values. */
function contentsOf(value: object): unknown[] {
  if (Array.isArray(value)) return value.slice();
  if (value instanceof Map) {
    const out: unknown[] = [];
    for (const [k, v] of value) out.push(k, v);
    return out;
  }
  if (value instanceof Set) return [...value];
  return Object.values(value);
}

/** Puts every object of `snapshot` back as it was when taken; returns its root. The snapshot stays as it is. */
export function restoreGraph<T extends object>(snapshot: GraphSnapshot<T>): T {
  const { objects, contents } = snapshot;
  for (let i = 0; i < objects.length; i++) writeBack(objects[i]!, contents[i]);
  return snapshot.root;
}

function writeBack(target: object, saved: unknown): void {
  if (saved === SAME_BUFFER) return;
  if (ArrayBuffer.isView(target)) {
    const array = target as Float64Array;
    if (saved instanceof Trimmed) {
      array.set(saved.head as Float64Array);
      array.fill(0, saved.head.length);
    } else array.set(saved as Float64Array);
    return;
  }
  const items = saved as unknown[];
  if (Array.isArray(target)) {
    target.length = items.length;
    for (let i = 0; i < items.length; i++) target[i] = items[i];
  } else if (target instanceof Map) {
    target.clear();
    for (let i = 0; i < items.length; i += 2) target.set(items[i], items[i + 1]);
  } else if (target instanceof Set) {
    target.clear();
    for (const item of items) target.add(item);
  } else {
    // The engine's objects keep the fields their constructors gave them (nothing is added or deleted
    // later), so the same keys come back in the same order.
    const keys = Object.keys(target);
    if (keys.length !== items.length)
      throw new Error(
        `A ${target.constructor?.name ?? 'object'} gained or lost fields since the checkpoint.`,
      );
    const record = target as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) record[keys[i]!] = items[i];
  }
}

/** Every object reachable from `root` (functions' own properties aside), for `snapshotGraph`'s `shared`. */
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
