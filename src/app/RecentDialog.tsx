import { useEffect, useState } from 'react';
import { errorLines } from '../model/parse';
import { isReopenable, type RecentEntry } from '../storage';
import { useAppStore } from '../store';
import { Dialog } from './Dialog';
import { documentSession, flushAutosave, openDiagram, recentDiagrams } from './persistence';
import './share.css';

// One formatter for every row: toLocaleString makes a new one per call, which a long list feels.
let formatter: Intl.DateTimeFormat | null = null;
const when = (t: number) => {
  formatter ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return formatter.format(t);
};

/** Rows drawn when the dialog opens, and added per "Show more": a list of thousands opens at once. */
export const RECENT_PAGE = 50;

const ORIGIN_TAGS: Record<RecentEntry['origin'], string> = {
  own: '',
  link: 'from a link',
  file: 'from a file',
  example: 'from an example',
};

/** The list as it is now: the open diagram's latest changes written first. */
function readEntries(): RecentEntry[] {
  flushAutosave();
  return recentDiagrams().list();
}

/** The diagrams kept on this device: open (the current one is kept too), rename, delete. */
export function RecentDialog() {
  const [entries, setEntries] = useState<RecentEntry[]>(readEntries);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [shown, setShown] = useState(RECENT_PAGE);
  const refresh = () => setEntries(recentDiagrams().list());
  const openId = documentSession().doc.id;
  useEffect(() => {
    // Another tab may save or delete meanwhile.
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key.startsWith('microsim:recent')) setEntries(recentDiagrams().list());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const open = (id: string) => {
    const st = useAppStore.getState();
    if (id === documentSession().doc.id) {
      st.setDialog(null);
      return;
    }
    const r = recentDiagrams().open(id);
    if (!r.ok) {
      st.notify({
        tone: 'error',
        title: 'Could not open that diagram',
        detail: r.message,
        lines: errorLines(r.errors),
      });
      refresh();
      return;
    }
    const label = `Open ${r.entry.name}`;
    if (openDiagram(useAppStore, r.diagram, { resume: r.entry }, { undoable: true, label })) {
      st.setDialog(null);
    } else refresh();
  };
  const rename = (e: RecentEntry, name: string) => {
    const r = recentDiagrams().rename(e.id, name);
    // The open diagram is renamed in the editor too, or its next autosave would bring the old name back.
    if (r.ok && e.id === documentSession().doc.id) {
      useAppStore.getState().edit('Rename diagram', (d) => ({ ...d, name: r.value.name }));
    }
    if (!r.ok) useAppStore.getState().notify({ tone: 'error', title: 'Could not rename', detail: r.message });
  };
  return (
    <Dialog title="Recent diagrams" testId="recent-dialog" wide>
      <p className="muted">
        Kept on this device as you work. Unchanged diagrams from links, files and examples make room when the
        list is long; your own work is only ever deleted by you.
      </p>
      {entries.length === 0 ? (
        <p className="muted" data-testid="recent-empty">
          Nothing yet: diagrams you work on appear here.
        </p>
      ) : (
        <ul className="recent">
          {entries.slice(0, shown).map((e) => {
            const isOpen = e.id === openId;
            const tag = isReopenable(e) ? `${ORIGIN_TAGS[e.origin]}, unchanged` : ORIGIN_TAGS[e.origin];
            return (
              <li key={e.id} className="recent__item" data-testid="recent-item" data-open={isOpen}>
                {renaming === e.id ? (
                  <input
                    autoFocus
                    aria-label="New name"
                    defaultValue={e.name}
                    maxLength={80}
                    onKeyDown={(ev) => {
                      if (ev.key === 'Escape') {
                        // Escape leaves the name as it was, not the dialog.
                        ev.preventDefault();
                        setRenaming(null);
                      }
                      if (ev.key === 'Enter') ev.currentTarget.blur();
                    }}
                    onBlur={(ev) => {
                      const name = ev.target.value.trim();
                      if (name && name !== e.name) rename(e, name);
                      setRenaming(null);
                      refresh();
                    }}
                  />
                ) : (
                  <button className="recent__open" onClick={() => open(e.id)} data-testid="recent-open">
                    <strong>{e.name}</strong>
                    <span className="muted">
                      {e.services} services · {e.edges} edges · {when(e.openedAt)}
                      {tag && ` · ${tag}`}
                    </span>
                  </button>
                )}
                {isOpen && (
                  <span className="recent__badge" data-testid="recent-open-now">
                    Open now
                  </span>
                )}
                {confirming === e.id ? (
                  <>
                    <button
                      className="btn btn--small btn--danger"
                      data-testid="recent-delete-confirm"
                      onClick={() => {
                        recentDiagrams().delete(e.id);
                        setConfirming(null);
                        refresh();
                      }}
                    >
                      Delete “{e.name}”
                    </button>
                    <button className="btn btn--ghost btn--small" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </>
                ) : (
                  <>
                    <button
                      className="btn btn--ghost btn--small"
                      data-testid="recent-rename"
                      onClick={() => setRenaming(e.id)}
                    >
                      Rename
                    </button>
                    <button
                      className="btn btn--ghost btn--small btn--danger"
                      data-testid="recent-delete"
                      disabled={isOpen}
                      title={isOpen ? 'This diagram is open: it is saved as you work' : undefined}
                      onClick={() => setConfirming(e.id)}
                    >
                      Delete
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {entries.length > shown && (
        <p className="recent__more">
          <span className="muted">
            Showing {shown.toLocaleString()} of {entries.length.toLocaleString()}
          </span>
          <button
            className="btn btn--small"
            data-testid="recent-more"
            onClick={() => setShown(shown + RECENT_PAGE)}
          >
            Show {Math.min(RECENT_PAGE, entries.length - shown)} more
          </button>
        </p>
      )}
    </Dialog>
  );
}
