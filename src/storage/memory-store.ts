import type { KeyValueStore } from './storage';

/**
 * An in-memory KeyValueStore for tests, the CLI and browsers without storage. `quotaBytes` makes
 * setItem throw a QuotaExceededError like a full localStorage does.
 */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  constructor(public quotaBytes = Infinity) {}

  get length(): number {
    return this.data.size;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = (key.length + value.length) * 2;
    for (const [k, v] of this.data) if (k !== key) used += (k.length + v.length) * 2;
    if (used > this.quotaBytes) {
      const error = new Error('The quota has been exceeded.');
      error.name = 'QuotaExceededError';
      throw error;
    }
    this.data.set(key, String(value));
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  /** A copy of everything stored, to check that an operation left the store untouched. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
}
