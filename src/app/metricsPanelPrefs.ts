import { DEFAULT_METRICS_HEIGHT, type AppStore, type MetricsPanelPrefs } from '../store';

const KEY = 'microsim:metrics-panel';

/** The panel's height is kept within these bounds whatever was stored (a damaged value, a tiny window). */
export const MIN_METRICS_HEIGHT = 120;
export const MAX_METRICS_HEIGHT = 2000;

/** The Metrics panel's open, folded and height state saved on this device; closed when there is none. */
export function savedMetricsPanel(
  storage: Pick<Storage, 'getItem'> | null = safeStorage(),
): MetricsPanelPrefs {
  const fallback: MetricsPanelPrefs = { open: false, collapsed: false, height: DEFAULT_METRICS_HEIGHT };
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return fallback;
    const v = JSON.parse(raw) as Partial<Record<keyof MetricsPanelPrefs, unknown>>;
    const height = typeof v.height === 'number' && Number.isFinite(v.height) ? v.height : fallback.height;
    return {
      open: v.open === true,
      collapsed: v.collapsed === true,
      height: Math.round(Math.min(MAX_METRICS_HEIGHT, Math.max(MIN_METRICS_HEIGHT, height))),
    };
  } catch {
    // Unreadable: the panel starts closed, as on a first visit; the next change overwrites it.
    return fallback;
  }
}

/** Saves the panel's state on this device whenever it changes; returns the unsubscribe. */
export function persistMetricsPanel(
  store: AppStore,
  storage: Pick<Storage, 'setItem'> | null = safeStorage(),
) {
  return store.subscribe((s, prev) => {
    if (s.metricsPanel === prev.metricsPanel) return;
    try {
      storage?.setItem(KEY, JSON.stringify(s.metricsPanel));
    } catch {
      /* storage may be full or blocked; the panel still works for this visit */
    }
  });
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
