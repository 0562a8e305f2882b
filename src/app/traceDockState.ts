import { create } from 'zustand';

/** The Event log / Trace dock under the canvas: open or not, which tab, which request is traced. */
export interface TraceDockState {
  open: boolean;
  tab: 'log' | 'trace';
  correlationId: string | null;
  /** The height the person gave the dock (remembered on this device); null: the stylesheet's. */
  height: number | null;
  setOpen: (open: boolean) => void;
  setTab: (tab: 'log' | 'trace') => void;
  /** Opens the Trace tab on a request. */
  showTrace: (correlationId: string) => void;
  /** The Trace tab shows no request (its path on the canvas goes out too). */
  clearTrace: () => void;
  setHeight: (height: number) => void;
}

const HEIGHT_KEY = 'microsim:log-dock-height';
/** A remembered height outside these is ignored (a damaged value); the window still clamps it. */
const HEIGHT_BOUNDS = [80, 4000] as const;

/** The dock's height remembered on this device, or null (none, unreadable or absurd). */
export function savedDockHeight(storage: Pick<Storage, 'getItem'> | null = safeStorage()): number | null {
  try {
    const value = Number(storage?.getItem(HEIGHT_KEY) ?? NaN);
    return Number.isFinite(value) && value >= HEIGHT_BOUNDS[0] && value <= HEIGHT_BOUNDS[1]
      ? Math.round(value)
      : null;
  } catch {
    return null;
  }
}

function rememberDockHeight(height: number): void {
  try {
    safeStorage()?.setItem(HEIGHT_KEY, String(height));
  } catch {
    /* storage may be full or blocked; the dock keeps its height for this visit */
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Kept apart from the app store: a view preference, never an edit, never saved with the diagram. */
export const useTraceDock = create<TraceDockState>((set) => ({
  open: false,
  tab: 'log',
  correlationId: null,
  height: savedDockHeight(),
  setOpen: (open) => set({ open }),
  setTab: (tab) => set({ tab, open: true }),
  showTrace: (correlationId) => set({ correlationId, tab: 'trace', open: true }),
  clearTrace: () => set({ correlationId: null }),
  setHeight: (height) => {
    rememberDockHeight(height);
    set({ height });
  },
}));
