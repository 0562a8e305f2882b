import type { DiagramError } from '../model/parse';
import type { Diagram } from '../model/schema';
import type { DiagramStorage, StorageFailure } from './storage';
import { diagramFingerprint, readStoredDiagram, storedDiagramText } from './storage';

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
}

export type RecentResult<T> = { ok: true; value: T } | StorageFailure;
export type OpenRecentResult =
  | { ok: true; diagram: Diagram; entry: RecentEntry }
  | {
      ok: false;
      reason: 'missing' | 'corrupt' | 'future-version' | 'invalid';
      message: string;
      errors: DiagramError[];
    };

export const DEFAULT_MAX_RECENT = 20;

/**
 * The list of recent diagrams: the user's own diagrams kept when another one opens (from a link, a
 * file or "New diagram"). Each diagram has its own key, so one damaged entry can't take the others.
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

  /** The entries, most recently opened first. */
  list(): RecentEntry[] {
    const raw = this.storage.safeGet(this.indexKey);
    if (raw === null) return [];
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = null;
    }
    if (!Array.isArray(value)) {
      // The index is damaged: keep it aside and rebuild it from the entries themselves.
      this.storage.quarantine(this.indexKey, raw);
      return this.rebuild();
    }
    return value.filter(isEntry).sort((a, b) => b.openedAt - a.openedAt);
  }

  /**
   * Keeps `diagram` in the list: updates the entry `id` if given, or one with the same content, or
   * adds a new one; drops the least recently opened past `maxRecent`.
   */
  save(diagram: Diagram, options: { id?: string } = {}): RecentResult<RecentEntry> {
    const now = this.storage.now();
    const entries = this.list();
    const fingerprint = diagramFingerprint(diagram);
    const existing =
      entries.find((e) => e.id === options.id) ?? entries.find((e) => e.fingerprint === fingerprint);
    const id = existing?.id ?? options.id ?? this.newId(entries, now);
    const entry: RecentEntry = {
      id,
      name: diagram.name,
      openedAt: now,
      savedAt: now,
      services: diagram.services.length,
      edges: diagram.edges.length,
      fingerprint,
    };
    const written = this.storage.write(
      this.entryKey(id),
      storedDiagramText(diagram, now),
      'the recent diagram',
    );
    if (!written.ok) return written;
    const next = [entry, ...entries.filter((e) => e.id !== id)];
    const dropped = next.slice(this.maxRecent);
    const indexed = this.writeIndex(next.slice(0, this.maxRecent));
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
    const renamed = { ...entry, name: clean, fingerprint: diagramFingerprint(diagram) };
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

  private newId(entries: RecentEntry[], now: number): string {
    const taken = new Set(entries.map((e) => e.id));
    let n = 0;
    let id = now.toString(36);
    while (taken.has(id) || this.storage.safeGet(this.entryKey(id)) !== null)
      id = `${now.toString(36)}-${++n}`;
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
      entries.push({
        id: key.slice(prefix.length),
        name: d.name,
        openedAt: read.savedAt,
        savedAt: read.savedAt,
        services: d.services.length,
        edges: d.edges.length,
        fingerprint: diagramFingerprint(d),
      });
    }
    entries.sort((a, b) => b.openedAt - a.openedAt);
    this.writeIndex(entries);
    return entries;
  }
}

function isEntry(e: unknown): e is RecentEntry {
  const x = e as Partial<RecentEntry> | null;
  return !!x && typeof x.id === 'string' && typeof x.name === 'string' && typeof x.openedAt === 'number';
}
