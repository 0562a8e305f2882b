import { openDiagram } from '../app/persistence';
import type { AppStore } from '../store';
import { useGalleryState } from './galleryState';
import type { GalleryEntry } from './types';

// Apart from the gallery's state (galleryState.ts, which the editor reads from the first screen):
// opening an entry keeps the open diagram in Recent, with the storage code, and only the gallery
// and the decision guide, loaded on demand, open entries (issue 10).

/**
 * Opens a gallery entry as a copy, as an example opens: the diagram is replaced in one undoable
 * step and the previous one stays in Recent. Returns whether it opened.
 */
export function openGalleryEntry(store: AppStore, entry: GalleryEntry): boolean {
  const opened = openDiagram(
    store,
    entry.diagram,
    { origin: 'example' },
    { undoable: true, label: `Open ${entry.title}` },
  );
  if (!opened) return false;
  const st = store.getState();
  useGalleryState.setState({ active: entry, openedAt: { loads: st.loads, past: st.history.past.length } });
  return true;
}
