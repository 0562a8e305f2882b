import type { StateCreator } from 'zustand';
import type { EdgeKind } from '../model/schema';
import type { AppState } from './types';

export type ThemePreference = 'system' | 'light' | 'dark';

/** A message for the person: what happened and, for errors, what is wrong and where. */
export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'error';
  title: string;
  detail?: string;
  /** Lines such as `edges[3].to: no service with id "pay"`. */
  lines?: string[];
  action?: { label: string; commandId: string };
}

/** The Metrics panel as the person left it: remembered on this device (src/app/metricsPanelPrefs.ts). */
export interface MetricsPanelPrefs {
  open: boolean;
  /** Folded to its header, so the canvas gets the room back without losing the panel. */
  collapsed: boolean;
  /** Its height in CSS pixels when docked under the canvas. */
  height: number;
}

/** The panel's height before the person resizes it. */
export const DEFAULT_METRICS_HEIGHT = 300;

export interface UiSlice {
  /** The full editor, or the read-only embed for slides and blogs. */
  mode: 'editor' | 'embed';
  setMode: (m: 'editor' | 'embed') => void;
  /** The first view is an author's (from a link): fit it if it cuts off part of the diagram here. */
  checkFirstView: boolean;
  /** The canvas has painted its first frame with the diagram's cards: what loads later waits for it. */
  canvasDrawn: boolean;
  markCanvasDrawn: () => void;
  theme: ThemePreference;
  defaultEdgeKind: EdgeKind;
  /** The edge just connected, offered a kind switch at the point where it was dropped. */
  kindPicker: { edgeId: string; x: number; y: number } | null;
  notices: Notice[];
  /** Which dialog is open, if any. */
  dialog:
    | null
    | 'shortcuts'
    | 'share'
    | 'examples'
    | 'recent'
    | 'palette'
    | 'report'
    | 'loadtest'
    | 'gallery'
    | 'decision'
    | 'scenes';
  /** The client the Load test dialog opens on (null: the first client). */
  loadTestClient: string | null;
  /** Opens the Load test dialog on a client (null: the selected or first one). */
  openLoadTest: (clientId: string | null) => void;
  renaming: string | null;
  metricsPanel: MetricsPanelPrefs;
  /** Opens, folds or resizes the Metrics panel (a device preference, not an edit). */
  setMetricsPanel: (patch: Partial<MetricsPanelPrefs>) => void;
  setTheme: (t: ThemePreference) => void;
  setDefaultEdgeKind: (k: EdgeKind) => void;
  openKindPicker: (p: UiSlice['kindPicker']) => void;
  notify: (n: Omit<Notice, 'id'>) => number;
  dismiss: (id: number) => void;
  setDialog: (d: UiSlice['dialog']) => void;
  setRenaming: (id: string | null) => void;
}

let noticeId = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  mode: 'editor',
  setMode: (mode) => set({ mode }),
  checkFirstView: false,
  canvasDrawn: false,
  markCanvasDrawn: () => {
    if (!get().canvasDrawn) set({ canvasDrawn: true });
  },
  theme: 'system',
  defaultEdgeKind: 'sync',
  kindPicker: null,
  notices: [],
  dialog: null,
  loadTestClient: null,
  openLoadTest: (loadTestClient) => set({ loadTestClient, dialog: 'loadtest' }),
  renaming: null,
  metricsPanel: { open: false, collapsed: false, height: DEFAULT_METRICS_HEIGHT },
  setMetricsPanel: (patch) => set({ metricsPanel: { ...get().metricsPanel, ...patch } }),
  setTheme: (theme) => set({ theme }),
  setDefaultEdgeKind: (defaultEdgeKind) => set({ defaultEdgeKind }),
  openKindPicker: (kindPicker) => set({ kindPicker }),
  notify: (n) => {
    const id = ++noticeId;
    // The newest few stay: an error storm must not bury the screen.
    set({ notices: [...get().notices.slice(-3), { ...n, id }] });
    return id;
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  setDialog: (dialog) => set({ dialog }),
  setRenaming: (renaming) => set({ renaming }),
});
