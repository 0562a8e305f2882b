import { useMemo, useState } from 'react';
import { Dialog } from '../app/Dialog';
import { AddToDeck } from './AddToDeck';
import { useAppStore } from '../store';
import { openGalleryEntry } from './openEntry';
import { GALLERY, GALLERY_TAGS, type GalleryEntry, type GalleryTag } from './index';
import { Thumbnail } from './Thumbnail';
import './gallery.css';

/** Whether `entry` matches the search words (all of them, anywhere in its texts) and the tag. */
export function matchesEntry(entry: GalleryEntry, query: string, tag: GalleryTag | null): boolean {
  if (tag && !entry.tags.includes(tag)) return false;
  const text = `${entry.title} ${entry.explanation} ${entry.claim} ${entry.tags.join(' ')}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

/** The pattern gallery: search, a tag filter and the entries; opening one replaces the diagram (undoable). */
export function GalleryDialog() {
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<GalleryTag | null>(null);
  const shown = useMemo(() => GALLERY.filter((entry) => matchesEntry(entry, query, tag)), [query, tag]);
  return (
    <Dialog title="Gallery" testId="gallery-dialog" wide>
      <p className="muted gallery__intro">
        Patterns to run and watch. Each opens as a copy (Undo brings your diagram back), with moments to jump
        to and a claim the simulation proves in a test.
      </p>
      <div className="gallery__filters">
        <input
          type="search"
          className="gallery__search"
          placeholder="Search patterns…"
          aria-label="Search the gallery"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="gallery__tags" role="group" aria-label="Tags">
          {GALLERY_TAGS.map((t) => (
            <button
              key={t}
              className="gallery__tag"
              aria-pressed={tag === t}
              onClick={() => setTag(tag === t ? null : t)}
            >
              {t}
            </button>
          ))}
        </div>
      </div>
      {shown.length === 0 && <p className="muted">No pattern matches “{query}”.</p>}
      <ul className="gallery__list">
        {shown.map((entry) => (
          <li key={entry.id}>
            <button
              className="gallery-entry"
              data-testid={`gallery-${entry.id}`}
              onClick={() => {
                if (openGalleryEntry(useAppStore, entry)) useAppStore.getState().setDialog(null);
              }}
            >
              <Thumbnail diagram={entry.diagram} />
              <strong>{entry.title}</strong>
              <span className="gallery-entry__text">{entry.explanation}</span>
              <small>{entry.tags.join(' · ')}</small>
            </button>
            <AddToDeck entry={entry} />
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
