import { create } from 'zustand';

/** The Event log / Trace dock under the canvas: open or not, which tab, which request is traced. */
export interface TraceDockState {
  open: boolean;
  tab: 'log' | 'trace';
  correlationId: string | null;
  setOpen: (open: boolean) => void;
  setTab: (tab: 'log' | 'trace') => void;
  /** Opens the Trace tab on a request. */
  showTrace: (correlationId: string) => void;
  /** The Trace tab shows no request (its path on the canvas goes out too). */
  clearTrace: () => void;
}

/** Kept apart from the app store: a view preference, never an edit, never saved with the diagram. */
export const useTraceDock = create<TraceDockState>((set) => ({
  open: false,
  tab: 'log',
  correlationId: null,
  setOpen: (open) => set({ open }),
  setTab: (tab) => set({ tab, open: true }),
  showTrace: (correlationId) => set({ correlationId, tab: 'trace', open: true }),
  clearTrace: () => set({ correlationId: null }),
}));
