import { useState } from 'react';
import { formatErrors } from '../model/parse';
import type { RecentEntry } from '../share';
import { useAppStore } from '../store';
import { Dialog } from './Dialog';
import { keepInRecent, recentDiagrams } from './persistence';

const when = (t: number) =>
  new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The diagrams kept on this device: open (the current one is kept too), rename, delete. */
export function RecentDialog() {
  const [entries, setEntries] = useState<RecentEntry[]>(() => recentDiagrams().list());
  const [renaming, setRenaming] = useState<string | null>(null);
  const refresh = () => setEntries(recentDiagrams().list());
  const open = (id: string) => {
    const st = useAppStore.getState();
    const r = recentDiagrams().open(id);
    if (!r.ok) {
      st.notify({
        tone: 'error',
        title: 'Could not open that diagram',
        detail: r.message,
        lines: r.errors.length ? formatErrors(r.errors).split('\n') : undefined,
      });
      refresh();
      return;
    }
    keepInRecent(useAppStore);
    st.replaceDiagram(r.diagram, { undoable: true, label: `Open ${r.entry.name}` });
    st.setDialog(null);
  };
  return (
    <Dialog title="Recent diagrams" testId="recent-dialog" wide>
      {entries.length === 0 ? (
        <p className="muted">
          Diagrams you leave for a link, a file, an example or a new diagram are kept here, on this device.
        </p>
      ) : (
        <ul className="recent">
          {entries.map((e) => (
            <li key={e.id} className="recent__item" data-testid="recent-item">
              {renaming === e.id ? (
                <input
                  autoFocus
                  aria-label="New name"
                  defaultValue={e.name}
                  maxLength={80}
                  onKeyDown={(ev) => {
                    if (ev.key === 'Escape') setRenaming(null);
                    if (ev.key === 'Enter') ev.currentTarget.blur();
                  }}
                  onBlur={(ev) => {
                    const name = ev.target.value.trim();
                    if (name && name !== e.name) recentDiagrams().rename(e.id, name);
                    setRenaming(null);
                    refresh();
                  }}
                />
              ) : (
                <button className="recent__open" onClick={() => open(e.id)} data-testid="recent-open">
                  <strong>{e.name}</strong>
                  <span className="muted">
                    {e.services} services · {e.edges} edges · {when(e.openedAt)}
                  </span>
                </button>
              )}
              <button className="btn btn--ghost btn--small" onClick={() => setRenaming(e.id)}>
                Rename
              </button>
              <button
                className="btn btn--ghost btn--small btn--danger"
                onClick={() => {
                  recentDiagrams().delete(e.id);
                  refresh();
                }}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
