import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useAppStore } from '../store';
import { loadPersistenceWithReader } from './persistenceLoader';

/**
 * What the first screen does not need is loaded on demand, so a link opens to a drawn diagram
 * sooner (bench:open): the dialogs (with the picture export and the link writer the Share dialog
 * brings), menus and panels shown on demand, the message layer, and the embed's player (main.tsx
 * fetches it alongside the link's codec, which an embed waits for anyway: no round trip of its
 * own). Once the diagram is drawn and the page is idle, the dialogs are fetched ahead
 * (preloadDialogs), so the first click or shortcut rarely waits for the network.
 */
const loaders = {
  share: () => import('./ShareDialog'),
  examples: () => import('./ExamplesDialog'),
  // Opening or renaming a recent diagram reads it: the diagram reader comes with the dialog.
  recent: () => Promise.all([import('./RecentDialog'), loadReader()]).then(([dialog]) => dialog),
  shortcuts: () => import('./ShortcutsDialog'),
  palette: () => import('./CommandPalette'),
  report: () => import('./ReportDialog'),
  loadtest: () => import('./LoadTestDialog'),
  gallery: () => import('../gallery/GalleryDialog'),
  decision: () => import('../gallery/DecisionGuide'),
};

/** The storage code (which a first visit starts without, persistenceLoader.ts) with the diagram reader. */
const loadReader = () => loadPersistenceWithReader();

/**
 * Fetches every dialog's code without showing any, what menus, panels and Tidy up use, and the
 * storage code with the diagram reader (what keeps and reads stored diagrams, which a first visit
 * starts without).
 */
export function preloadDialogs(): void {
  const more = [
    () => import('../canvas/layout'),
    () => import('./ContextMenu'),
    () => import('../panels/playback/Legend'),
    () => import('../panels/playback/EnvelopePanel'),
    () => import('../panels/inspector/ServiceInspector'),
    () => import('../panels/inspector/EdgeInspector'),
    () => import('../panels/inspector/NoteInspector'),
    () => import('../canvas/KindPicker'),
    loadReader,
  ];
  for (const load of [...Object.values(loaders), ...more]) void load().catch(() => {});
}

// Each is drawn the first time it is asked for; React.lazy wants the component as a default export.
export const ShareDialog = lazy(() => loaders.share().then((m) => ({ default: m.ShareDialog })));
export const ExamplesDialog = lazy(() => loaders.examples().then((m) => ({ default: m.ExamplesDialog })));
export const RecentDialog = lazy(() => loaders.recent().then((m) => ({ default: m.RecentDialog })));
export const ShortcutsDialog = lazy(() => loaders.shortcuts().then((m) => ({ default: m.ShortcutsDialog })));
export const ReportDialog = lazy(() => loaders.report().then((m) => ({ default: m.ReportDialog })));
/** The Load test dialog, with its charts (uPlot) and its workers. */
export const LoadTestDialog = lazy(() => loaders.loadtest().then((m) => ({ default: m.LoadTestDialog })));
/** The pattern gallery (its registry of scenarios comes with it). */
export const GalleryDialog = lazy(() => loaders.gallery().then((m) => ({ default: m.GalleryDialog })));
/** The decision guide: questions → a recommendation applied to the diagram. */
export const DecisionGuide = lazy(() => loaders.decision().then((m) => ({ default: m.DecisionGuide })));
export const CommandPalette = lazy(() => loaders.palette().then((m) => ({ default: m.CommandPalette })));
export const ContextMenu = lazy(() => import('./ContextMenu').then((m) => ({ default: m.ContextMenu })));
export const Legend = lazy(() => import('../panels/playback/Legend').then((m) => ({ default: m.Legend })));
export const EnvelopePanel = lazy(() =>
  import('../panels/playback/EnvelopePanel').then((m) => ({ default: m.EnvelopePanel })),
);
/** The opened gallery entry's card of moments to watch, with the decision guide's advice. */
export const WatchCard = lazy(() => import('../gallery/WatchCard').then((m) => ({ default: m.WatchCard })));
/** The Metrics panel, with its charting library (uPlot): loaded when the panel is first opened. */
export const MetricsPanel = lazy(() =>
  import('../panels/metrics/MetricsPanel').then((m) => ({ default: m.MetricsPanel })),
);
/** Loads the embed's player (main.tsx, before an embed's first draw). */
export const loadEmbedView = () => import('./EmbedView');
/** The read-only player an embed link shows, in place of the editor. */
export const EmbedView = lazy(() => loadEmbedView().then((m) => ({ default: m.EmbedView })));
/** Draws messages in flight: nothing is in flight before the diagram is drawn, so it loads after. */
export const MessageLayer = lazy(() =>
  import('../canvas/messageLayer/MessageLayer').then((m) => ({ default: m.MessageLayer })),
);

/**
 * Stands in while a dialog's code loads: the dialog's own dimmed backdrop, fixed over the page
 * (so nothing moves), saying it is loading.
 */
export function DialogLoading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className="dialog-loading" role="status" aria-label="Loading" data-testid="dialog-loading" />
      }
    >
      {children}
    </Suspense>
  );
}

/** Runs `task` when the browser is idle (or soon, where it has no idle callbacks). */
export function whenIdle(task: () => void) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 3000 });
  else setTimeout(task, 200);
}

const drawnNow = () => {
  const s = useAppStore.getState();
  return s.canvasDrawn || s.diagram.services.length === 0;
};

/** A safety net: should the canvas never say it has drawn, what waits for it stops waiting after this long. */
const FIRST_DRAW_WAIT_MS = 3000;

/**
 * True once the canvas has painted the diagram's cards (`canvasDrawn`; at once for a diagram with no
 * services), or FIRST_DRAW_WAIT_MS after the first render, and from then on: what waits for it never
 * competes with the first draw.
 */
export function useFirstDrawDone(): boolean {
  const [drawn, setDrawn] = useState(drawnNow);
  useEffect(() => {
    if (drawn) return;
    if (drawnNow()) {
      setDrawn(true);
      return;
    }
    const timer = window.setTimeout(() => setDrawn(true), FIRST_DRAW_WAIT_MS);
    const off = useAppStore.subscribe(() => {
      if (drawnNow()) setDrawn(true);
    });
    return () => {
      off();
      window.clearTimeout(timer);
    };
  }, [drawn]);
  return drawn;
}

/** Runs `task` once `drawn` and the page is idle: what the first screen does not need waits for it. */
export function useWhenDrawnAndIdle(drawn: boolean, task: () => void): void {
  useEffect(() => {
    if (drawn) whenIdle(task);
  }, [drawn, task]);
}

/** Preloads the dialogs once `drawn` and the page is idle, so the first click rarely waits. */
export function usePreloadDialogsWhenDrawn(drawn: boolean): void {
  useWhenDrawnAndIdle(drawn, preloadDialogs);
}

/** The Event log and Trace dock (it replays the run in a worker; loads on first open). */
export const TraceDock = lazy(() => import('./TraceDock').then((m) => ({ default: m.TraceDock })));

/** The Comparison region (with the comparison worker's client and the comparison link writer). */
export const ComparisonDock = lazy(() =>
  import('./ComparisonDock').then((m) => ({ default: m.ComparisonDock })),
);
