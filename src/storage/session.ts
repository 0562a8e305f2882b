import type { Diagram } from '../model/schema';
import type { RecentDiagrams, RecentEntry } from './recent';
import type { DiagramOrigin, DiagramStorage, LoadResult, SaveResult, StorageFailure } from './storage';
import { baseFor, diagramFingerprint, storedDiagramText } from './storage';

/** The diagram a tab has open: its entry in the recent list and where it came from. */
export interface OpenDocument {
  id: string;
  origin: DiagramOrigin;
  /** Its fingerprint when opened from a link, file or example; null for the person's own. */
  base: string | null;
  /** The entry's rev this tab last wrote or read; null before its first save. */
  rev: string | null;
}

/** How a diagram that replaces the open one starts its document: from an origin, or a recent entry. */
export type DocumentStart = { origin: DiagramOrigin } | { resume: RecentEntry };

/** `forked`: another tab saved this diagram meanwhile, so it was kept in a new entry. */
export type KeepResult = { ok: true; entry: RecentEntry | null; forked?: boolean } | StorageFailure;
export type DocumentSaveResult = SaveResult & {
  /** Another tab saved this diagram meanwhile: this tab's version went to a new entry. */
  forked?: boolean;
};

/** Nothing to keep: nothing drawn. */
export function isEmptyDiagram(d: Diagram): boolean {
  return d.services.length === 0 && d.notes.length === 0 && d.edges.length === 0;
}

/**
 * One tab's open document. Every save goes to the document's own entry in the recent list as well as
 * to the autosave key, so what one tab saves never takes the place of what another tab is working on;
 * when two tabs save the same document, the later one forks into a new entry instead of overwriting.
 */
export class DocumentSession {
  doc: OpenDocument;

  constructor(
    private readonly storage: DiagramStorage,
    private readonly recent: RecentDiagrams,
  ) {
    this.doc = { id: recent.newId(), origin: 'own', base: null, rev: null };
  }

  /** Reads the autosave on start and takes on its document (older builds' saves count as own work). */
  restore(): LoadResult {
    const r = this.storage.loadCurrent();
    if (r.status !== 'ok') return r;
    if (r.doc) {
      const entry = this.recent.get(r.doc.id);
      this.doc = { ...r.doc, rev: entry?.rev ?? null };
    } else this.doc = { id: this.recent.newId(), origin: 'own', base: null, rev: null };
    return r;
  }

  /**
   * Makes `next` the open document. The same content as `current` (a link opened twice) stays the same
   * document; content already in the list takes that entry (no duplicates); anything else is new.
   */
  begin(next: Diagram, origin: DiagramOrigin, current?: Diagram): void {
    const fingerprint = diagramFingerprint(next);
    if (current && diagramFingerprint(current) === fingerprint) return;
    const known = this.recent.list().find((e) => e.fingerprint === fingerprint);
    if (known) this.resume(known);
    else this.doc = { id: this.recent.newId(), origin, base: baseFor(origin, fingerprint), rev: null };
  }

  /** Makes a recent entry the open document. */
  resume(entry: RecentEntry): void {
    this.doc = { id: entry.id, origin: entry.origin, base: entry.base, rev: entry.rev };
  }

  /** Switches back to a document this tab had open before (undo across "open"). */
  switchTo(doc: OpenDocument): void {
    this.doc = { ...doc, rev: this.recent.get(doc.id)?.rev ?? doc.rev };
  }

  /** Whether `d` is worth an entry: something drawn that can't simply be opened again as an example. */
  worthKeeping(d: Diagram, fingerprint = diagramFingerprint(d)): boolean {
    if (isEmptyDiagram(d)) return false;
    return !(this.doc.origin === 'example' && this.doc.base === fingerprint);
  }

  /** Files `d`, the open document, in the recent list before something else replaces it. */
  keep(d: Diagram): KeepResult {
    return this.file(d, diagramFingerprint(d)).kept;
  }

  /** Autosaves `d`: into its entry in the recent list and as the diagram the next start opens. */
  save(d: Diagram): DocumentSaveResult {
    const { kept, text } = this.file(d, diagramFingerprint(d));
    // The entry and the autosave hold the same envelope: made once, written twice.
    const current = this.storage.writeCurrent(text ?? this.envelope(d));
    if (!kept.ok) return kept;
    return current.ok ? { ok: true, forked: kept.forked } : { ...current, forked: kept.forked };
  }

  /** Keeps `d` in its entry; `text` is its envelope, when one was made for the entry. */
  private file(d: Diagram, fingerprint: string): { kept: KeepResult; text?: string } {
    if (!this.worthKeeping(d, fingerprint)) return { kept: { ok: true, entry: null } };
    let forked = false;
    let text = this.envelope(d);
    let r = this.recent.save(d, { ...this.saveOptions(), stored: { fingerprint, text } });
    if (!r.ok && r.reason === 'conflict') {
      // Another tab saved this document since this tab last did: keep both versions.
      forked = true;
      this.doc = { ...this.doc, id: this.recent.newId(), rev: null };
      text = this.envelope(d);
      r = this.recent.save(d, { ...this.saveOptions(), stored: { fingerprint, text } });
    }
    if (!r.ok) {
      if (r.reason !== 'conflict') return { kept: r, text };
      return { kept: { ok: false, reason: 'unavailable', message: r.message }, text };
    }
    this.doc = { ...this.doc, rev: r.value.rev };
    return { kept: { ok: true, entry: r.value, forked }, text };
  }

  /** `d` in its storage envelope, saying which document it is. */
  private envelope(d: Diagram): string {
    const { rev: _rev, ...doc } = this.doc;
    return storedDiagramText(d, this.storage.now(), doc);
  }

  private saveOptions() {
    return { id: this.doc.id, origin: this.doc.origin, base: this.doc.base, expectRev: this.doc.rev };
  }
}
