import { exposeTestHook } from './testHook';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Canvas } from '../canvas/Canvas';
import { fitDiagram } from '../canvas/useDiagramView';
import { Palette } from '../canvas/Palette';
import { Inspector, InspectorBody } from '../panels/inspector/Inspector';
import { TimeControls } from '../panels/playback/TimeControls';
import { useAppStore } from '../store';
import { BottomSheet } from './BottomSheet';
import { useInspectorSheet, useSelectionAboveSheet } from './inspectorSheet';
import {
  CommandPalette,
  ComparisonDock,
  ContextMenu,
  DialogLoading,
  EnvelopePanel,
  ExamplesDialog,
  GalleryDialog,
  DecisionGuide,
  EmbedView,
  Legend,
  MessageLayer,
  MetricsPanel,
  RecentDialog,
  ReportDialog,
  LoadTestDialog,
  ShareDialog,
  ShortcutsDialog,
  useFirstDrawDone,
  WatchCard,
  usePreloadDialogsWhenDrawn,
  useWhenDrawnAndIdle,
  TraceDock,
} from './lazyParts';
import { useTraceDock } from './traceDockState';
import { runCommand, type CommandContext } from './commands';
import type { MenuTarget } from './ContextMenu';
import { CrashBoundary, DrawingFaultProbe } from './CrashBoundary';
import { Notices } from './Notices';
import type { Playback } from '../playback';
import { RunHealth } from './RunHealth';
import { DockColumn } from './DockColumn';
import './report.css';
import { playback } from './run';
import { useThemeEffect } from './theme';
import { Topbar } from './Topbar';
import type { MenuExtra } from './TopbarMenu';
import { PHONE_QUERY, useMediaQuery } from './useMediaQuery';
import { useShortcuts } from './useShortcuts';
import { useGalleryState } from '../gallery/galleryState';
import { startOffline } from '../workshop/offline';
import { usePresentation } from '../workshop/presentation';

const ScenesDialog = lazy(() =>
  import('../workshop/ScenesDialog').then((m) => ({ default: m.ScenesDialog })),
);
const PresentView = lazy(() => import('../workshop/PresentView').then((m) => ({ default: m.PresentView })));

function Editor() {
  const flow = useReactFlow();
  const dialog = useAppStore((s) => s.dialog);
  const selectedMessage = useAppStore((s) => s.selectedMessage);
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [legendOpen, setLegendOpen] = useState(false);
  const p = playback();
  const run = useMemo(
    () => ({
      togglePlay: () => p.toggle(),
      step: () => p.step(),
      stepBack: () => p.stepBack(),
      rewind: () => p.rewind(),
      reset: () => p.reset(),
    }),
    [p],
  );
  const ctx: CommandContext = useMemo(() => ({ store: useAppStore, flow, run }), [flow, run]);
  const forkable = useAppStore((s) => s.comparison === null);
  useShortcuts(ctx);
  useThemeEffect();
  const drawn = useFirstDrawDone();
  const galleryEntryOpen = useGalleryState((s) => s.active !== null);
  usePreloadDialogsWhenDrawn(drawn);
  useWhenDrawnAndIdle(drawn, startOffline);
  useEffect(() => {
    exposeTestHook({
      playback: p,
      fitView: () => void fitDiagram(flow),
      loadDiagram: (d) => useAppStore.getState().replaceDiagram(d, { undoable: false }),
    });
  }, [p, flow]);
  const closeMenu = useCallback(() => setMenu(null), []);
  const phone = useMediaQuery(PHONE_QUERY);
  const sheet = useInspectorSheet();
  useSelectionAboveSheet(flow, phone && sheet.open);
  const menuExtras = useMemo<MenuExtra[]>(
    () => [{ id: 'diagram-settings', label: 'Diagram settings & advisor', run: sheet.openDiagram }],
    [sheet.openDiagram],
  );
  return (
    <div className={`app${phone ? ' app--phone' : ''}`}>
      <DrawingFaultProbe />
      <Topbar ctx={ctx} menuExtras={phone ? menuExtras : undefined} />
      <div className="workspace">
        <Palette />
        <DockColumn>
          <main className="stage" aria-label="Diagram">
            <Canvas
              onServiceContextMenu={(id, at) => setMenu({ type: 'service', id, ...at })}
              onEdgeContextMenu={(id, at) => setMenu({ type: 'edge', id, ...at })}
            >
              {drawn && (
                <Suspense fallback={null}>
                  <MessageLayer
                    playback={p}
                    selectedMessageId={selectedMessage}
                    onSelectMessage={(id) => {
                      p.pause();
                      useAppStore.getState().selectMessage(id);
                    }}
                  />
                </Suspense>
              )}
            </Canvas>
            <div className={`legend-dock${legendOpen ? ' is-open' : ''}`}>
              <button
                className="btn btn--small legend-dock__toggle"
                aria-expanded={legendOpen}
                onClick={() => setLegendOpen(!legendOpen)}
              >
                Legend {legendOpen ? '▾' : '▸'}
              </button>
              {legendOpen && (
                <Suspense fallback={<p className="muted">Loading…</p>}>
                  <Legend />
                </Suspense>
              )}
            </div>
            {galleryEntryOpen && (
              <Suspense fallback={null}>
                <WatchCard playback={p} />
              </Suspense>
            )}
            {selectedMessage && (
              <div className="envelope-dock">
                <Suspense fallback={null}>
                  <EnvelopePanel
                    playback={p}
                    messageId={selectedMessage}
                    onClose={() => useAppStore.getState().selectMessage(null)}
                    onTrace={(id) => useTraceDock.getState().showTrace(id)}
                  />
                </Suspense>
              </div>
            )}
          </main>
          <ComparisonDockSlot />
          <MetricsDock playback={p} />
          <TraceDockSlot playback={p} />
        </DockColumn>
        {phone ? (
          <BottomSheet open={sheet.open} label="Inspector" testId="inspector" onClose={sheet.close}>
            <InspectorBody diagramDrawn={drawn} />
          </BottomSheet>
        ) : (
          <Inspector diagramDrawn={drawn} />
        )}
      </div>
      <footer className="runbar">
        <TimeControls
          playback={p}
          onFork={forkable ? () => runCommand('fork', ctx) : undefined}
          onSeedChange={(seed) =>
            useAppStore.getState().edit('Change seed', (d) => ({ ...d, run: { ...d.run, seed } }))
          }
        />
        <RunHealth playback={p} />
      </footer>
      <Notices />
      {menu && (
        <Suspense fallback={null}>
          <ContextMenu target={menu} onClose={closeMenu} />
        </Suspense>
      )}
      <DialogLoading>
        {dialog === 'shortcuts' && <ShortcutsDialog />}
        {dialog === 'examples' && <ExamplesDialog />}
        {dialog === 'share' && <ShareDialog flow={flow} />}
        {dialog === 'recent' && <RecentDialog />}
        {dialog === 'palette' && <CommandPalette ctx={ctx} />}
        {dialog === 'report' && <ReportDialog />}
        {dialog === 'loadtest' && <LoadTestDialog />}
        {dialog === 'gallery' && <GalleryDialog />}
        {dialog === 'decision' && <DecisionGuide />}
        {dialog === 'scenes' && <ScenesDialog flow={flow} />}
      </DialogLoading>
    </div>
  );
}

/**
 * The Comparison region, loaded when a comparison first opens and kept mounted after: on closing it
 * clears the compared runs and refits the canvas itself (ComparisonDock.tsx).
 */
function ComparisonDockSlot() {
  const open = useAppStore((s) => s.comparison !== null);
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <ComparisonDock />
    </Suspense>
  );
}

/** The Metrics panel under the canvas while it is open; its code (and uPlot) loads on first open. */
function MetricsDock({ playback: p }: { playback: Playback }) {
  const prefs = useAppStore((s) => s.metricsPanel);
  if (!prefs.open) return null;
  return (
    <Suspense
      fallback={
        <section
          className="mx-loading"
          aria-label="Metrics"
          style={{ height: prefs.collapsed ? 40 : prefs.height }}
        >
          <p className="muted">Loading the charts…</p>
        </section>
      }
    >
      <MetricsPanel playback={p} />
    </Suspense>
  );
}

/** The Event log / Trace dock while it is open; its code (and the replaying engine) loads on first open. */
function TraceDockSlot({ playback: p }: { playback: Playback }) {
  const open = useTraceDock((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={<p className="muted">Loading the event log…</p>}>
      <TraceDock playback={p} />
    </Suspense>
  );
}

/** The whole app. */
export function App() {
  const mode = useAppStore((s) => s.mode);
  const presenting = usePresentation((s) => s.active);
  // A diagram that breaks the drawing gets a message and a way out, never a blank page.
  return (
    <ReactFlowProvider>
      {mode === 'embed' ? (
        <CrashBoundary embed>
          <DrawingFaultProbe />
          <Suspense fallback={null}>
            <EmbedView />
          </Suspense>
        </CrashBoundary>
      ) : presenting ? (
        <CrashBoundary>
          <Suspense fallback={null}>
            <PresentView />
          </Suspense>
        </CrashBoundary>
      ) : (
        <CrashBoundary>
          <Editor />
        </CrashBoundary>
      )}
    </ReactFlowProvider>
  );
}
