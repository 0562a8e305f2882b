import { useState } from 'react';
import { deckIsFull, sceneDiagramOf } from '../model/deck';
import { LIMITS } from '../model/schema';
import { useAppStore } from '../store';
import type { GalleryEntry } from './types';

/** "At 12 s: …" lines: what to watch, for the presenter's notes. */
const watchNotes = (entry: GalleryEntry) =>
  entry.watch.map((w) => `At ${(w.atMs / 1000).toLocaleString('en-US')} s: ${w.text}`).join('\n');

/**
 * Adds `entry` to the open diagram's deck as one scene (undoable, issue 15), without replacing the
 * open diagram: its diagram, fault script, seed, speed and stop time, shown whole; its claim as the
 * narration and what to watch as the speaker notes. Returns its place in the deck (1-based), or null
 * when the deck is full.
 */
export function addEntryToDeck(entry: GalleryEntry): number | null {
  const id = useAppStore.getState().addScene({
    state: sceneDiagramOf(entry.diagram),
    title: entry.title,
    narration: entry.claim,
    notes: `${entry.explanation}\n\n${watchNotes(entry)}`,
  });
  if (id === null) return null;
  return useAppStore.getState().diagram.scenes.findIndex((s) => s.id === id) + 1;
}

/** The gallery's "Add to deck" button for one entry: says which scene it became. */
export function AddToDeck({ entry }: { entry: GalleryEntry }) {
  const full = useAppStore((s) => deckIsFull(s.diagram));
  const [added, setAdded] = useState<number | null>(null);
  return (
    <button
      className="btn btn--small gallery-entry__deck"
      aria-label={
        added === null ? `Add to deck: ${entry.title}` : `Added to deck as scene ${added}: ${entry.title}`
      }
      disabled={full}
      title={
        full
          ? `The deck holds at most ${LIMITS.scenes} scenes`
          : 'Adds it to the deck as a scene; the open diagram stays'
      }
      onClick={() => setAdded(addEntryToDeck(entry))}
    >
      {added === null ? 'Add to deck' : `Added to deck as scene ${added} ✓`}
    </button>
  );
}
