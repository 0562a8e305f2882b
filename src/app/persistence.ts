import { parseDiagram, formatErrors } from '../model/parse';
import type { Diagram } from '../model/schema';
import type { AppStore, Notice } from '../store';

const KEY = 'microsim:current';
const QUARANTINE = 'microsim:unreadable';

/** The diagram saved on this device, or a message saying why it couldn't be read (kept aside). */
export function restoreSaved(): { diagram?: Diagram; notice?: Omit<Notice, 'id'> } {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    return {};
  }
  if (raw === null) return {};
  let problem: string;
  try {
    const r = parseDiagram(JSON.parse(raw));
    if (r.ok) return { diagram: r.diagram };
    problem = formatErrors(r.errors);
  } catch (e) {
    problem = `not valid JSON (${(e as Error).message})`;
  }
  try {
    localStorage.setItem(QUARANTINE, raw);
  } catch {
    /* if even that fails the original key is left as it is */
  }
  return {
    notice: {
      tone: 'warning',
      title: 'Your saved diagram could not be read',
      detail:
        'Starting fresh. The unreadable data was kept aside on this device, so it can still be exported.',
      lines: problem.split('\n'),
    },
  };
}

/** Saves the diagram shortly after every change. */
export function startAutosave(store: AppStore): () => void {
  let timer: number | undefined;
  return store.subscribe(
    (s) => s.diagram,
    (d) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        try {
          localStorage.setItem(KEY, JSON.stringify(d));
        } catch {
          store.getState().notify({
            tone: 'warning',
            title: 'Could not save',
            detail: 'Browser storage is full or blocked.',
          });
        }
      }, 250);
    },
  );
}
