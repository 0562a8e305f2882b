import type { DiagramError } from '../model/diagramErrors';
import { nestingProblem } from '../model/depth';
import type { ParseResult } from '../model/parse';
import type { Diagram } from '../model/schema';
import { CURRENT_VERSION, DIAGRAM_FIELDS } from '../model/schemaConstants';
import { fnv1a } from '../share/bytes';
import { STORAGE_PREFIX } from './keys';

/**
 * The parser that reading a stored diagram needs (zod and the schema, about 10 kB gzipped) is not in
 * the first script (issue 10): loadDiagramReader loads it. The app awaits it before its first draw
 * whenever storage holds what start-up reads (keys.ts, holdsStartData), and fetches it once the
 * first diagram is drawn.
 * Until it is in, a stored diagram reads as `not-loaded`: never as damaged, so nothing is moved aside.
 */
let parseDiagram: ((input: unknown) => ParseResult) | null = null;
let readerLoading: Promise<void> | null = null;

/** Loads the diagram parser that reading stored diagrams needs; later calls share the first. */
export function loadDiagramReader(): Promise<void> {
  readerLoading ??= import('../model/parse').then(
    (parse) => {
      parseDiagram = parse.parseDiagram;
    },
    (error: unknown) => {
      // A later call tries again (the network may be back).
      readerLoading = null;
      throw error;
    },
  );
  return readerLoading;
}

/** Whether stored diagrams can be read now (loadDiagramReader has finished). */
export function diagramReaderLoaded(): boolean {
  return parseDiagram !== null;
}

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

/** Where a diagram came from: the person's own work, or something they can open again (a link, a file, an example). */
export type DiagramOrigin = 'own' | 'link' | 'file' | 'example';
const ORIGINS: readonly DiagramOrigin[] = ['own', 'link', 'file', 'example'];

/** A stored origin as written by this or an earlier build (unknown counts as the person's own). */
export function readOrigin(value: unknown): DiagramOrigin {
  return ORIGINS.find((o) => o === value) ?? 'own';
}

/** A diagram's base: what it was when opened from its origin; the person's own work has none. */
export function baseFor(origin: DiagramOrigin, base: unknown): string | null {
  return origin !== 'own' && typeof base === 'string' ? base : null;
}

/** Which document of the recent list the autosaved diagram is, and where it came from. */
export interface StoredDocument {
  id: string;
  origin: DiagramOrigin;
  /** Its fingerprint when it was opened from its origin; null for the person's own diagrams. */
  base: string | null;
}

/** Envelope of every stored diagram; its own version lets the envelope change independently. */
interface Stored {
  format: 1;
  savedAt: number;
  diagram: Diagram;
  doc?: StoredDocument;
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

/** Wraps a diagram for storage. */
export function storedDiagramText(diagram: Diagram, savedAt: number, doc?: StoredDocument): string {
  const stored: Stored = { format: 1, savedAt, diagram, doc };
  return JSON.stringify(stored);
}

/** A fingerprint of a diagram's content, to recognise a diagram that is already stored. */
export function diagramFingerprint(diagram: Diagram): string {
  const { viewport: _viewport, ...content } = diagram;
  return fnv1a(new TextEncoder().encode(JSON.stringify(content))).toString(36);
}

export type ReadStored =
  | { ok: true; diagram: Diagram; savedAt: number; migratedFrom: number; doc?: StoredDocument }
  | { ok: false; reason: 'corrupt' | 'future-version' | 'invalid'; message: string; errors: DiagramError[] }
  /** Not read: the diagram parser is not loaded yet (loadDiagramReader). The data may be fine. */
  | { ok: false; reason: 'not-loaded'; message: string; errors: DiagramError[] };

/** Reads stored text (an envelope, or a bare diagram as written by hand or by older builds). */
export function readStoredDiagram(raw: string, what = 'The saved diagram'): ReadStored {
  if (!parseDiagram) {
    return {
      ok: false,
      reason: 'not-loaded',
      message: `${what} could not be opened: part of Microsim did not load. Reload the page to try again.`,
      errors: [],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {
      ok: false,
      reason: 'corrupt',
      message: `${what} could not be read: its data is damaged.`,
      errors: [],
    };
  }
  // Before anything walks it recursively (JSON.stringify below, the parser): bounded depth.
  const tooDeep = nestingProblem(value);
  if (tooDeep)
    return { ok: false, reason: 'corrupt', message: `${what} could not be read: it ${tooDeep}.`, errors: [] };
  let diagram: unknown = value;
  let savedAt = 0;
  let doc: StoredDocument | undefined;
  // Parsed as a diagram, an envelope without its diagram (or any object with nothing of a diagram)
  // would open as an empty one, and the first edit would save over the stored text.
  if (!holdsDiagram(value)) {
    return {
      ok: false,
      reason: 'corrupt',
      message: `${what} could not be read: it has no diagram in it (its data is damaged).`,
      errors: [],
    };
  }
  if (isEnvelope(value)) {
    const envelope = value as { format: unknown; savedAt?: unknown; diagram: unknown; doc?: unknown };
    if (envelope.format !== 1) {
      return {
        ok: false,
        reason: 'future-version',
        message: `${what} was saved by a newer Microsim (storage format ${JSON.stringify(envelope.format)}).`,
        errors: [],
      };
    }
    diagram = envelope.diagram;
    savedAt = typeof envelope.savedAt === 'number' ? envelope.savedAt : 0;
    doc = readDocument(envelope.doc);
  }
  const version = (diagram as { version?: unknown } | null)?.version;
  const parsed = parseDiagram(diagram);
  if (parsed.ok)
    return { ok: true, diagram: parsed.diagram, savedAt, migratedFrom: parsed.migratedFrom, doc };
  if (typeof version === 'number' && version > CURRENT_VERSION) {
    return {
      ok: false,
      reason: 'future-version',
      message: `${what} was made by a newer Microsim (format version ${version}); this one reads up to version ${CURRENT_VERSION}.`,
      errors: parsed.errors,
    };
  }
  return {
    ok: false,
    reason: 'invalid',
    message: `${what} is not a valid diagram (${parsed.errors.length === 1 ? 'one problem' : `${parsed.errors.length} problems`}).`,
    errors: parsed.errors,
  };
}

const ENVELOPE_KEYS = ['format', 'savedAt', 'diagram', 'doc'];

function isEnvelope(value: unknown): value is Record<string, unknown> {
  return isObject(value) && ENVELOPE_KEYS.some((k) => Object.hasOwn(value, k));
}

/** An envelope with its diagram, or a bare diagram with at least one of a diagram's own keys. */
function holdsDiagram(value: unknown): boolean {
  if (!isObject(value)) return value !== null;
  if (isEnvelope(value)) return 'diagram' in value && 'format' in value;
  return DIAGRAM_FIELDS.some((k) => Object.hasOwn(value, k));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readDocument(value: unknown): StoredDocument | undefined {
  const d = value as Partial<StoredDocument> | null | undefined;
  if (!d || typeof d.id !== 'string' || !d.id) return undefined;
  const origin = readOrigin(d.origin);
  return { id: d.id, origin, base: baseFor(origin, d.base) };
}

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
