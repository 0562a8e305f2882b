import type { DiagramError } from '../model/diagramErrors';
import type { Diagram } from '../model/schema';
import { STORAGE_PREFIX } from './keys';
import { readStoredDiagram, storedDiagramText, type StoredDocument } from './storedDiagram';

/** What the storage layer needs of a key-value store; `window.localStorage` fits. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key?(index: number): string | null;
  readonly length?: number;
}

export type StorageFailure = { ok: false; reason: 'quota' | 'unavailable'; message: string };
export type SaveResult = { ok: true } | StorageFailure;

/** What start-up finds in storage. `recovered` means: start fresh and show `message`. */
export type LoadResult =
  | { status: 'empty' }
  | { status: 'ok'; diagram: Diagram; savedAt: number; migratedFrom: number; doc?: StoredDocument }
  | {
      status: 'recovered';
      reason: 'corrupt' | 'future-version' | 'invalid';
      message: string;
      /** Where the unreadable data now is; undefined when it could not be moved and stays in place. */
      quarantineKey?: string;
      errors: DiagramError[];
    }
  | { status: 'unavailable'; message: string }
  /** The diagram parser is not loaded (loadDiagramReader): the saved diagram is left as it is. */
  | { status: 'not-loaded'; message: string };

export interface QuarantinedItem {
  key: string;
  /** The key the data was found under. */
  from: string;
  at: number;
  raw: string;
}

export interface StorageOptions {
  /** Namespace of every key, default `microsim`. */
  prefix?: string;
  now?: () => number;
}

const QUOTA_NAMES = ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'];

/** Tells a full store from one that is unavailable (private mode, disabled cookies, …). */
export function storageFailure(error: unknown, what: string): StorageFailure {
  const e = error as { name?: string; code?: number } | null;
  const quota = !!e && (QUOTA_NAMES.includes(e.name ?? '') || e.code === 22 || e.code === 1014);
  return quota
    ? {
        ok: false,
        reason: 'quota',
        message: `The browser's storage for Microsim is full, so ${what} was not saved. Delete some recent diagrams, or export this one as a JSON file.`,
      }
    : {
        ok: false,
        reason: 'unavailable',
        message: `The browser did not let Microsim save ${what} (storage may be turned off, as in some private windows). Export the diagram as a JSON file to keep it.`,
      };
}

export * from './storedDiagram';
export { STORAGE_PREFIX } from './keys';

/**
 * The current diagram's autosave and the quarantine for unreadable data. Unreadable data is never
 * deleted: it moves to a quarantine key and stays there until the person removes it.
 */
export class DiagramStorage {
  readonly prefix: string;
  readonly now: () => number;
  /** Set when the current key holds unreadable data that could not be moved: autosave must not overwrite it. */
  private currentIsUnreadable = false;

  constructor(
    readonly store: KeyValueStore,
    options: StorageOptions = {},
  ) {
    this.prefix = options.prefix ?? STORAGE_PREFIX;
    this.now = options.now ?? (() => Date.now());
  }

  get currentKey(): string {
    return `${this.prefix}:current`;
  }
  private get quarantineIndexKey(): string {
    return `${this.prefix}:quarantine`;
  }

  /** Reads the autosaved diagram on start: the diagram, nothing, or a message and a fresh start. */
  loadCurrent(): LoadResult {
    let raw: string | null;
    try {
      raw = this.store.getItem(this.currentKey);
    } catch (e) {
      return { status: 'unavailable', message: storageFailure(e, 'your diagram').message };
    }
    if (raw === null) return { status: 'empty' };
    const read = readStoredDiagram(raw, 'Your saved diagram');
    if (read.ok) {
      this.currentIsUnreadable = false;
      const { ok: _ok, ...loaded } = read;
      return { status: 'ok', ...loaded };
    }
    if (read.reason === 'not-loaded') return { status: 'not-loaded', message: read.message };
    const moved = this.quarantine(this.currentKey, raw);
    this.currentIsUnreadable = !moved;
    const kept = moved
      ? 'It has been kept aside, not deleted: you can still export it.'
      : 'It could not be moved aside (storage is full) and is left untouched; nothing will be saved over it.';
    return {
      status: 'recovered',
      reason: read.reason,
      message: `${read.message} Microsim started with a fresh diagram. ${kept}`,
      quarantineKey: moved ?? undefined,
      errors: read.errors,
    };
  }

  /** Autosaves `diagram` (with its viewport) as the current diagram, and which document it is. */
  saveCurrent(diagram: Diagram, doc?: StoredDocument): SaveResult {
    return this.writeCurrent(storedDiagramText(diagram, this.now(), doc));
  }

  /** Autosaves an envelope already made by storedDiagramText as the current diagram. */
  writeCurrent(text: string): SaveResult {
    if (this.currentIsUnreadable) {
      const raw = this.safeGet(this.currentKey);
      if (raw !== null && !this.quarantine(this.currentKey, raw)) {
        return storageFailure({ name: 'QuotaExceededError' }, 'your diagram');
      }
      this.currentIsUnreadable = false;
    }
    return this.write(this.currentKey, text, 'your diagram');
  }

  /** Forgets the autosave (after "New diagram" the next autosave writes the empty one anyway). */
  clearCurrent(): void {
    try {
      this.store.removeItem(this.currentKey);
    } catch {
      // Nothing to lose: the next autosave will try again.
    }
  }

  /** Moves `raw` (found under `from`) to a new quarantine key and removes it from `from`; the new key, or null. */
  quarantine(from: string, raw: string): string | null {
    const at = this.now();
    let key = `${this.prefix}:quarantine:${at}`;
    for (let n = 2; this.safeGet(key) !== null; n++) key = `${this.prefix}:quarantine:${at}-${n}`;
    try {
      this.store.setItem(key, raw);
    } catch {
      return null;
    }
    const index = this.quarantineIndex();
    index.push({ key, from, at });
    try {
      this.store.setItem(this.quarantineIndexKey, JSON.stringify(index));
    } catch {
      // The data itself is safe under `key`; listQuarantined also finds it by scanning keys.
    }
    try {
      this.store.removeItem(from);
    } catch {
      // Left in place: it is also under `key`.
    }
    return key;
  }

  /** Everything kept aside, newest first, so the interface can offer to export or discard it. */
  listQuarantined(): QuarantinedItem[] {
    const byKey = new Map(this.quarantineIndex().map((e) => [e.key, e]));
    for (const key of this.keys()) {
      if (key.startsWith(`${this.prefix}:quarantine:`) && !byKey.has(key)) {
        byKey.set(key, { key, from: 'unknown', at: Number(key.split(':').pop()?.split('-')[0]) || 0 });
      }
    }
    const items: QuarantinedItem[] = [];
    for (const e of byKey.values()) {
      const raw = this.safeGet(e.key);
      if (raw !== null) items.push({ ...e, raw });
    }
    return items.sort((a, b) => b.at - a.at);
  }

  /** Deletes quarantined data: only ever on the person's explicit request. */
  discardQuarantined(key: string): void {
    if (!key.startsWith(`${this.prefix}:quarantine:`)) return;
    try {
      this.store.removeItem(key);
      const index = this.quarantineIndex().filter((e) => e.key !== key);
      this.store.setItem(this.quarantineIndexKey, JSON.stringify(index));
    } catch {
      // Best effort: an entry that stays can be discarded again.
    }
  }

  /** Writes `value`, turning a thrown quota or security error into a result. */
  write(key: string, value: string, what: string): SaveResult {
    try {
      this.store.setItem(key, value);
      return { ok: true };
    } catch (e) {
      return storageFailure(e, what);
    }
  }

  /** getItem that treats an unavailable store as empty. */
  safeGet(key: string): string | null {
    try {
      return this.store.getItem(key);
    } catch {
      return null;
    }
  }

  /** Every key of the store, when it can list them. */
  keys(): string[] {
    const out: string[] = [];
    try {
      const n = this.store.length ?? 0;
      for (let i = 0; i < n && this.store.key; i++) {
        const k = this.store.key(i);
        if (k !== null) out.push(k);
      }
    } catch {
      // A store that can't list its keys is read by index only.
    }
    return out;
  }

  private quarantineIndex(): Array<{ key: string; from: string; at: number }> {
    const raw = this.safeGet(this.quarantineIndexKey);
    if (raw === null) return [];
    try {
      const value: unknown = JSON.parse(raw);
      if (!Array.isArray(value)) return [];
      return value.filter(
        (e): e is { key: string; from: string; at: number } =>
          !!e && typeof e.key === 'string' && typeof e.from === 'string' && typeof e.at === 'number',
      );
    } catch {
      // The index is only a convenience; the quarantined data is found by scanning keys.
      return [];
    }
  }
}
