import { formatErrors } from '../model/parse';
import type { Diagram } from '../model/schema';
import { DiagramStorage, MemoryStore, RecentDiagrams, type KeyValueStore } from '../share';
import type { AppStore, Notice } from '../store';

function browserStore(): KeyValueStore {
  try {
    const s = window.localStorage;
    s.getItem('microsim:probe');
    return s;
  } catch {
    // Storage blocked (private mode, sandboxed iframe): the app still works for this visit.
    return new MemoryStore();
  }
}

/** Autosave stays off while the person's own diagram could not be put aside (so nothing is lost). */
export const autosaveGuard = { paused: false };

let storage: DiagramStorage | null = null;
let recent: RecentDiagrams | null = null;

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

/** The diagram saved on this device, or a message saying why it couldn't be read (the data is kept aside). */
export function restoreSaved(): { diagram?: Diagram; notice?: Omit<Notice, 'id'> } {
  const r = diagramStorage().loadCurrent();
  switch (r.status) {
    case 'ok':
      return { diagram: r.diagram };
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
          lines: r.errors.length ? formatErrors(r.errors).split('\n') : undefined,
        },
      };
    default:
      return {};
  }
}

/** Saves the diagram (and its viewport) shortly after every change; says so once if it can't. */
export function startAutosave(store: AppStore): () => void {
  let timer: number | undefined;
  let warned = false;
  const save = (d: Diagram) => {
    if (autosaveGuard.paused) return;
    const r = diagramStorage().saveCurrent(d, d.viewport);
    if (!r.ok && !warned) {
      warned = true;
      store.getState().notify({ tone: 'warning', title: 'Could not save on this device', detail: r.message });
    } else if (r.ok) warned = false;
  };
  const off = store.subscribe(
    (s) => s.diagram,
    (d) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        timer = undefined;
        save(d);
      }, 250);
    },
  );
  // Only a change still waiting for its timer is written on the way out: an unconditional save
  // would overwrite data another tab (or a person fixing storage by hand) put there meanwhile.
  const flush = () => {
    if (timer === undefined) return;
    window.clearTimeout(timer);
    timer = undefined;
    save(store.getState().diagram);
  };
  window.addEventListener('pagehide', flush);
  return () => {
    off();
    window.removeEventListener('pagehide', flush);
  };
}

/** Files the current diagram in Recent diagrams before another replaces it (an empty one is not kept). */
export function keepInRecent(store: AppStore) {
  const d = store.getState().diagram;
  if (d.services.length || d.notes.length) recentDiagrams().save(d);
}
