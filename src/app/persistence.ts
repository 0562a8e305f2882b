import { errorLines } from '../model/diagramErrors';
import type { Diagram } from '../model/schema';
import {
  DiagramStorage,
  DocumentSession,
  MemoryStore,
  RecentDiagrams,
  type DocumentStart,
  type KeepResult,
  type KeyValueStore,
  type OpenDocument,
} from '../storage';
import type { AppState, AppStore, Notice } from '../store';
import { autosaveGuard } from './persistenceLoader';

export { autosaveGuard } from './persistenceLoader';

/** Set when the browser refused its storage and the app keeps everything in memory for this visit. */
let blocked = false;

function browserStore(): KeyValueStore {
  try {
    const s = window.localStorage;
    s.getItem('microsim:probe');
    return s;
  } catch {
    // Storage blocked (site data blocked, sandboxed iframe): the app still works for this visit,
    // and says so, because nothing will survive a reload.
    blocked = true;
    return new MemoryStore();
  }
}

/** Whether the browser blocks storage, so this visit's diagrams live in memory only. */
export function storageBlocked(): boolean {
  diagramStorage();
  return blocked;
}

/** What the person is told, and told again on edits, while the browser blocks storage. */
export const BLOCKED_NOTICE: Omit<Notice, 'id'> = {
  tone: 'warning',
  title: 'Your browser blocks storage',
  detail: 'This diagram will not survive a reload — share or export it to keep it.',
  action: { label: 'Share & export', commandId: 'share' },
};

let storage: DiagramStorage | null = null;
let recent: RecentDiagrams | null = null;
let session: DocumentSession | null = null;

/** The device's diagram storage (autosave and quarantine). */
export function diagramStorage(): DiagramStorage {
  storage ??= new DiagramStorage(browserStore());
  return storage;
}

/** The list of recent diagrams on this device. */
export function recentDiagrams(): RecentDiagrams {
  recent ??= new RecentDiagrams(diagramStorage());
  return recent;
}

/** This tab's open document (which recent entry it saves into). */
export function documentSession(): DocumentSession {
  session ??= new DocumentSession(diagramStorage(), recentDiagrams());
  return session;
}

/** The diagram saved on this device, or a message saying why it couldn't be read (the data is kept aside). */
export function restoreSaved(): { diagram?: Diagram; notice?: Omit<Notice, 'id'> } {
  const r = documentSession().restore();
  switch (r.status) {
    case 'ok':
      return { diagram: r.diagram };
    case 'not-loaded':
      // Nothing is wrong with the saved diagram: autosave must not write over it before a reload.
      autosaveGuard.paused = true;
      return {
        notice: {
          tone: 'warning',
          title: 'Your saved diagram could not be opened',
          detail: `${r.message} Starting with the example; nothing will be saved over your diagram.`,
        },
      };
    case 'recovered':
      return {
        notice: {
          tone: 'warning',
          title: 'Your saved diagram could not be read',
          detail: `${r.message} Starting with the example. ${
            r.quarantineKey
              ? `The unreadable data was kept aside on this device (${r.quarantineKey}), so it can still be exported.`
              : 'The unreadable data was left where it was and will not be overwritten.'
          }`,
          lines: errorLines(r.errors),
        },
      };
    default:
      return {};
  }
}

/** The document each diagram this tab replaced (or replaced with) belonged to: undo can go back to it. */
const documentOf = new WeakMap<Diagram, OpenDocument>();
let flushPending: () => void = () => {};
let dropPending: () => void = () => {};

/** Forgets a change still waiting for the autosave timer (the diagram that just crashed the drawing). */
export function dropPendingAutosave() {
  dropPending();
}

/** Writes a change still waiting for the autosave timer now. */
export function flushAutosave() {
  flushPending();
}

/**
 * Saves the diagram (and its viewport) shortly after every change, into its own entry of the recent
 * list and as the diagram the next start opens; says so once if it can't. A replaced diagram (link,
 * file, example, new, recent) starts a new document; undo back across it returns to the old one.
 * Started after the first draw (a first visit), it is given the state it would have started from,
 * `since`, and takes what changed since then as one change.
 */
export function startAutosave(store: AppStore, since?: AppState): () => void {
  let timer: number | undefined;
  let pending: Diagram | null = null;
  let toldForked = false;
  const s = documentSession();
  const problem = storageProblem(store);
  if (storageBlocked()) problem.tell(BLOCKED_NOTICE);
  const save = (d: Diagram) => {
    if (autosaveGuard.paused || autosaveGuard.crashed) return;
    const r = s.save(d);
    if (!r.ok) {
      problem.tell({
        tone: 'warning',
        title: 'Could not save on this device',
        detail: r.message,
        action: { label: 'Share & export', commandId: 'share' },
      });
    } else {
      if (!storageBlocked()) problem.clear();
      if (r.forked && !toldForked) {
        toldForked = true;
        store.getState().notify({
          tone: 'info',
          title: 'This diagram is also open in another tab',
          detail:
            'The other tab saved it too, so your changes here are kept as a separate copy in Recent diagrams.',
        });
      }
    }
  };
  dropPending = () => {
    window.clearTimeout(timer);
    timer = undefined;
    pending = null;
  };
  flushPending = () => {
    if (timer === undefined || !pending) return;
    window.clearTimeout(timer);
    timer = undefined;
    const d = pending;
    pending = null;
    save(d);
  };
  const changed = (state: AppState, prev: AppState) => {
    if (state.diagram === prev.diagram) return;
    // A comparison's variant B is not the open document: it is kept in Recent only when asked (or
    // when something replaces the comparison), never saved over A.
    if (state.comparison?.showing === 'b') return;
    // Every edit while storage is blocked says again (if it was dismissed) that nothing is kept.
    if (storageBlocked()) problem.tell(BLOCKED_NOTICE);
    if (state.loads !== prev.loads) {
      // The pending change belongs to the document being left.
      flushPending();
      documentOf.set(prev.diagram, { ...s.doc });
      const start = state.loadedAs;
      if ('resume' in start) s.resume(start.resume);
      else s.begin(state.diagram, start.origin, prev.diagram);
      documentOf.set(state.diagram, { ...s.doc });
    } else {
      const back = documentOf.get(state.diagram);
      if (back && back.id !== s.doc.id) {
        flushPending();
        s.switchTo(back);
      }
    }
    window.clearTimeout(timer);
    pending = state.diagram;
    timer = window.setTimeout(flushPending, 250);
  };
  const off = store.subscribe(changed);
  if (since) changed(store.getState(), since);
  // Only a change still waiting for its timer is written on the way out: an unconditional save
  // would overwrite data another tab (or a person fixing storage by hand) put there meanwhile.
  window.addEventListener('pagehide', flushPending);
  return () => {
    off();
    window.removeEventListener('pagehide', flushPending);
  };
}

/**
 * One notice about storage that does not work: shown at most once at a time, shown again when the
 * problem happens again after the person dismissed it, and taken away once saving works again.
 */
function storageProblem(store: AppStore) {
  let shown: number | null = null;
  const visible = () => shown !== null && store.getState().notices.some((n) => n.id === shown);
  return {
    tell(notice: Omit<Notice, 'id'>) {
      if (!visible()) shown = store.getState().notify(notice);
    },
    clear() {
      if (shown !== null) store.getState().dismiss(shown);
      shown = null;
    },
  };
}

/** Files the open diagram in Recent diagrams now (a pending autosave first). */
export function keepOpenDiagram(d: Diagram): KeepResult {
  // A diagram that crashed the drawing is kept aside already, never filed as a recent diagram.
  if (autosaveGuard.crashed) return { ok: true, entry: null };
  flushPending();
  return documentSession().keep(d);
}

/**
 * Replaces the diagram after keeping the current one in Recent diagrams. When it can't be kept (storage
 * full or blocked) nothing is replaced and the person is told why; returns whether it was replaced.
 */
export function openDiagram(
  store: AppStore,
  diagram: Diagram,
  start: DocumentStart,
  replace: { undoable: boolean; label: string },
): boolean {
  if (store.getState().comparison && !keepVariant(store)) return false;
  const st = store.getState();
  const kept = keepOpenDiagram(st.diagram);
  if (!kept.ok) {
    st.notify({
      tone: 'error',
      title: `“${st.diagram.name}” could not be kept, so nothing else was opened`,
      detail: `${kept.message} Your diagram is still open.`,
    });
    return false;
  }
  st.replaceDiagram(diagram, { ...replace, start });
  return true;
}

/**
 * Ends the comparison in progress with A back on the canvas, after filing its variant B as a diagram
 * of its own in Recent (unless it is still the unchanged copy of A). When B can't be kept (storage
 * full or blocked) the comparison stays and the person is told; returns whether it ended.
 */
export function keepVariant(store: AppStore, keep = true): boolean {
  const st = store.getState();
  const pair = st.comparison;
  if (!pair) return true;
  const b = pair.showing === 'b' ? st.diagram : pair.aside.diagram;
  const a = pair.showing === 'a' ? st.diagram : pair.aside.diagram;
  const unchanged = JSON.stringify({ ...b, name: a.name }) === JSON.stringify(a);
  if (keep && !unchanged) {
    const saved = recentDiagrams().save(b);
    if (!saved.ok) {
      st.notify({
        tone: 'error',
        title: `The variant “${b.name}” could not be kept, so the comparison stays open`,
        detail: saved.message,
      });
      return false;
    }
  }
  st.endComparison();
  return true;
}
