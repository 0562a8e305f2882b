import { create } from 'zustand';
import type { Answers } from './decision';
import type { GalleryEntry } from './types';

/**
 * The gallery entry the person opened last, whose "what to watch" card shows over the canvas: a
 * view state, not part of the diagram (undo does not bring it back; closing the card forgets it).
 */
interface GalleryState {
  active: GalleryEntry | null;
  /**
   * The store's load count and undo depth just after the entry opened: a later load (another
   * diagram) or undoing the opening hides the card, edits to the entry's diagram don't.
   */
  openedAt: { loads: number; past: number } | null;
  close: () => void;
  /** Answers the decision guide opens with (from a gallery entry: the path to what it shows). */
  guideAnswers: Answers | null;
}

export const useGalleryState = create<GalleryState>()((set) => ({
  active: null,
  openedAt: null,
  close: () => set({ active: null, openedAt: null }),
  guideAnswers: null,
}));

/** Whether the card of the entry opened last still belongs to the diagram on the canvas. */
export function entryStillOpen(openedAt: GalleryState['openedAt'], loads: number, past: number): boolean {
  return openedAt !== null && loads === openedAt.loads && past >= openedAt.past;
}
