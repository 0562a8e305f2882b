import type { DiagramError } from '../model/diagramErrors';
import type { Diagram } from '../model/schema';
import type { DiagramOrigin, DiagramStorage, StorageFailure } from './storage';
import {
  baseFor,
  diagramFingerprint,
  diagramReaderLoaded,
  readOrigin,
  readStoredDiagram,
  storedDiagramText,
} from './storage';

/** One diagram in the list of recent diagrams. */
export interface RecentEntry {
  id: string;
  name: string;
  /** When it was last opened or saved; the list is ordered by it, newest first. */
  openedAt: number;
  savedAt: number;
  services: number;
  edges: number;
  fingerprint: string;
  origin: DiagramOrigin;
  /** The fingerprint it had when it was opened from its origin; null for the person's own diagrams. */
  base: string | null;
  /** Changes with every save, so a tab can tell that another tab saved the same diagram meanwhile. */
  rev: string;
}

export type RecentResult<T> = { ok: true; value: T } | StorageFailure;
/** `conflict`: the entry was saved by someone else (another tab) since `expectRev`; nothing was written. */
export type SaveRecentResult = RecentResult<RecentEntry> | { ok: false; reason: 'conflict'; message: string };
export type OpenRecentResult =
  | { ok: true; diagram: Diagram; entry: RecentEntry }
  | {
      ok: false;
      reason: 'missing' | 'corrupt' | 'future-version' | 'invalid' | 'not-loaded';
      message: string;
      errors: DiagramError[];
    };

export interface SaveRecentOptions {
  /** The entry to update; a new one is made when absent. */
  id?: string;
  origin?: DiagramOrigin;
  base?: string | null;
  /** The rev this caller last saw of entry `id` (null: it has not saved it yet); a different stored rev is a conflict. */
  expectRev?: string | null;
  /** The diagram's fingerprint and envelope (storedDiagramText), when the caller has made them already. */
  stored?: { fingerprint: string; text: string };
}

/**
 * Above this many entries, unchanged diagrams opened from a link, file or example are dropped, oldest
 * first: they can be opened again from where they came. The person's own work is never dropped.
 */
export const DEFAULT_MAX_RECENT = 20;

/** Unchanged since it was opened from a link, a file or an example, so it can be opened again from there. */
export function isReopenable(e: Pick<RecentEntry, 'base' | 'fingerprint'>): boolean {
  return e.base !== null && e.base === e.fingerprint;
}

let revCounter = 0;

/**
 * The list of recent diagrams: every diagram the person worked on or opened on this device. Each
 * diagram has its own key, so one damaged entry can't take the others.
 */
export class RecentDiagrams {
  constructor(
    private readonly storage: DiagramStorage,
    readonly maxRecent = DEFAULT_MAX_RECENT,
  ) {}

  private get indexKey(): string {
    return `${this.storage.prefix}:recent`;
  }
  private entryKey(id: string): string {
    return `${this.storage.prefix}:recent:${id}`;
  }

  /** The index as last parsed, so that listing an unchanged index (thousands of entries) costs no parse. */
  private parsed: { raw: string; entries: readonly RecentEntry[] } | null = null;

  /** How many times the stored index was parsed: tests check that opening Recent parses it once. */
  parseCount = 0;

  /** The entries, most recently opened first. */
  list(): RecentEntry[] {
    const raw = this.storage.safeGet(this.indexKey);
    if (raw === null) return [];
    if (this.parsed?.raw === raw) return [...this.parsed.entries];
    this.parseCount++;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = null;
    }
    if (!Array.isArray(value)) {
      // Rebuilding reads every entry: without the diagram parser it would find none and write an
      // empty index, so the index stays as it is until the parser is in.
      if (!diagramReaderLoaded()) return [];
      // The index is damaged: keep it aside and rebuild it from the entries themselves.
      this.storage.quarantine(this.indexKey, raw);
      return this.rebuild();
    }
    const entries = value
      .filter(isEntry)
      .map(withDefaults)
      .sort((a, b) => b.openedAt - a.openedAt);
    this.parsed = { raw, entries };
    return [...entries];
  }

  /** The entry `id`, if listed. */
  get(id: string): RecentEntry | undefined {
    return this.list().find((e) => e.id === id);
  }

  /**
   * Keeps `diagram` in the list: updates entry `id` if given, or one with the same content, or adds a
   * new one. Past `maxRecent` entries, and when storage is full, unchanged link/file/example entries
   * make room (oldest first); the person's own work is never removed to make room.
   */
  save(diagram: Diagram, options: SaveRecentOptions = {}): SaveRecentResult {
    const entries = this.list();
    const fingerprint = options.stored?.fingerprint ?? diagramFingerprint(diagram);
    const byId = options.id === undefined ? undefined : entries.find((e) => e.id === options.id);
    if (byId && options.expectRev !== undefined && byId.rev !== options.expectRev) {
      return {
        ok: false,
        reason: 'conflict',
        message: 'This diagram was saved from another tab meanwhile.',
      };
    }
    const existing =
      byId ?? (options.id === undefined ? entries.find((e) => e.fingerprint === fingerprint) : undefined);
    // The fingerprint covers the name too: a renamed diagram is a change.
    if (existing && existing.fingerprint === fingerprint) return { ok: true, value: existing };
    const now = this.storage.now();
    const id = existing?.id ?? options.id ?? this.newId(entries);
    const entry: RecentEntry = {
      id,
      name: diagram.name,
      openedAt: now,
      savedAt: now,
      services: diagram.services.length,
      edges: diagram.edges.length,
      fingerprint,
      origin: options.origin ?? existing?.origin ?? 'own',
      base: options.base !== undefined ? options.base : (existing?.base ?? null),
      rev: `${now.toString(36)}.${(++revCounter).toString(36)}.${Math.random().toString(36).slice(2, 8)}`,
    };
    let others = entries.filter((e) => e.id !== id);
    const text = options.stored?.text ?? storedDiagramText(diagram, now);
    let written = this.storage.write(this.entryKey(id), text, 'the recent diagram');
    // A full store: make room with entries that can be opened again from their link, file or example.
    while (!written.ok && written.reason === 'quota') {
      const victim = oldestReopenable(others);
      if (!victim) break;
      others = others.filter((e) => e !== victim);
      this.writeIndex(others);
      this.removeKey(this.entryKey(victim.id));
      written = this.storage.write(this.entryKey(id), text, 'the recent diagram');
    }
    if (!written.ok) return written;
    const dropped: RecentEntry[] = [];
    // Past the limit (`others` plus the entry itself), what can be opened again makes way.
    for (let victim = oldestReopenable(others); others.length >= this.maxRecent && victim;) {
      dropped.push(victim);
      others = others.filter((e) => e !== victim);
      victim = oldestReopenable(others);
    }
    const indexed = this.writeIndex([entry, ...others]);
    if (!indexed.ok) return indexed;
    for (const d of dropped) this.removeKey(this.entryKey(d.id));
    return { ok: true, value: entry };
  }

  /** Reads a recent diagram and marks it as just opened. A damaged one is moved to the quarantine. */
  open(id: string): OpenRecentResult {
    const entries = this.list();
    const entry = entries.find((e) => e.id === id);
    const raw = entry ? this.storage.safeGet(this.entryKey(id)) : null;
    if (!entry || raw === null) {
      return {
        ok: false,
        reason: 'missing',
        message: 'This recent diagram is no longer stored.',
        errors: [],
      };
    }
    const read = readStoredDiagram(raw, `The recent diagram "${entry.name}"`);
    // Not read at all (the parser is not loaded): nothing is known to be wrong with it, so it stays.
    if (!read.ok && read.reason === 'not-loaded') return read;
    if (!read.ok) {
      const moved = this.storage.quarantine(this.entryKey(id), raw);
      if (moved) this.writeIndex(entries.filter((e) => e.id !== id));
      const kept = moved ? ' It has been kept aside, not deleted: you can still export it.' : '';
      return { ok: false, reason: read.reason, message: `${read.message}${kept}`, errors: read.errors };
    }
    const opened = { ...entry, openedAt: this.storage.now() };
    this.writeIndex([opened, ...entries.filter((e) => e.id !== id)]);
    return { ok: true, diagram: read.diagram, entry: opened };
  }

  /** Renames an entry and the diagram stored under it. */
  rename(
    id: string,
    name: string,
  ): RecentResult<RecentEntry> | { ok: false; reason: 'missing' | 'bad-name'; message: string } {
    const clean = name.trim();
    if (!clean || clean.length > 80) {
      return { ok: false, reason: 'bad-name', message: 'A name needs 1 to 80 characters.' };
    }
    const entries = this.list();
    const entry = entries.find((e) => e.id === id);
    const raw = entry ? this.storage.safeGet(this.entryKey(id)) : null;
    const read = raw === null ? null : readStoredDiagram(raw);
    if (read?.ok === false && read.reason === 'not-loaded') {
      return { ok: false, reason: 'missing', message: read.message };
    }
    if (!entry || !read?.ok) {
      return { ok: false, reason: 'missing', message: 'This recent diagram is no longer stored.' };
    }
    const diagram = { ...read.diagram, name: clean };
    const written = this.storage.write(
      this.entryKey(id),
      storedDiagramText(diagram, read.savedAt),
      'the new name',
    );
    if (!written.ok) return written;
    // A renamed diagram is the person's: it is no longer dropped to make room.
    const renamed: RecentEntry = { ...entry, name: clean, fingerprint: diagramFingerprint(diagram) };
    const indexed = this.writeIndex(entries.map((e) => (e.id === id ? renamed : e)));
    return indexed.ok ? { ok: true, value: renamed } : indexed;
  }

  /** Deletes an entry at the person's request. */
  delete(id: string): void {
    this.writeIndex(this.list().filter((e) => e.id !== id));
    this.removeKey(this.entryKey(id));
  }

  private writeIndex(entries: RecentEntry[]) {
    return this.storage.write(this.indexKey, JSON.stringify(entries), 'the list of recent diagrams');
  }

  private removeKey(key: string) {
    try {
      this.storage.store.removeItem(key);
    } catch {
      // An orphan entry is harmless; the next rebuild finds it again.
    }
  }

  /**
   * A new entry id, not used on this device. The random part keeps apart the ids that one tab makes
   * in the same millisecond before saving any, and those that two tabs make at once.
   */
  newId(entries: readonly RecentEntry[] = this.list()): string {
    const taken = new Set(entries.map((e) => e.id));
    const now = this.storage.now().toString(36);
    let id: string;
    do id = `${now}${Math.random().toString(36).slice(2, 6)}`;
    while (taken.has(id) || this.storage.safeGet(this.entryKey(id)) !== null);
    return id;
  }

  /** Rebuilds the index from the entry keys, for stores that can list their keys. */
  private rebuild(): RecentEntry[] {
    const prefix = `${this.indexKey}:`;
    const entries: RecentEntry[] = [];
    for (const key of this.storage.keys()) {
      if (!key.startsWith(prefix)) continue;
      const raw = this.storage.safeGet(key);
      const read = raw === null ? null : readStoredDiagram(raw);
      if (!read?.ok) continue;
      const d = read.diagram;
      // What it came from is lost with the index: counted as the person's own, so it is never dropped.
      entries.push({
        id: key.slice(prefix.length),
        name: d.name,
        openedAt: read.savedAt,
        savedAt: read.savedAt,
        services: d.services.length,
        edges: d.edges.length,
        fingerprint: diagramFingerprint(d),
        origin: 'own',
        base: null,
        rev: `rebuilt-${read.savedAt}`,
      });
    }
    entries.sort((a, b) => b.openedAt - a.openedAt);
    this.writeIndex(entries);
    return entries;
  }
}

function oldestReopenable(entries: RecentEntry[]): RecentEntry | undefined {
  let oldest: RecentEntry | undefined;
  for (const e of entries) if (isReopenable(e) && (!oldest || e.openedAt < oldest.openedAt)) oldest = e;
  return oldest;
}

function isEntry(e: unknown): e is RecentEntry {
  const x = e as Partial<RecentEntry> | null;
  return !!x && typeof x.id === 'string' && typeof x.name === 'string' && typeof x.openedAt === 'number';
}

/** Entries written by earlier builds have no origin: they count as the person's own. */
function withDefaults(e: RecentEntry): RecentEntry {
  const origin = readOrigin(e.origin);
  return {
    ...e,
    origin,
    base: baseFor(origin, e.base),
    rev: typeof e.rev === 'string' ? e.rev : `legacy-${e.savedAt ?? 0}`,
    fingerprint: typeof e.fingerprint === 'string' ? e.fingerprint : '',
  };
}
