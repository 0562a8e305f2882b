import { useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useDockResize } from '../DockResizer';
import type { Playback } from '../../playback';
import { useAppStore } from '../../store';
import type { SeriesData } from './chartSpecs';
import { describeBand, faultBands } from './faultBands';
import { MetricsSections } from './MetricsSections';
import type { Overlay } from './overlay';
import { shortTime } from './summary';
import './metrics.css';

/** The panel is never made shorter than this (the canvas keeps its room: see DockResizer). */
const MIN_HEIGHT = 120;

/**
 * The series the run has sent to the page (null before any run) and the run they belong to,
 * deferred together: the panel redraws in a transition React can interrupt, so a refresh of the
 * charts can yield to the canvas's frames (measured idle, it did not raise the fps of bench:canvas
 * --metrics: see the README), and a new run is never seen with the old run's series.
 */
function useRunSeries(runId: number): { series: SeriesData | null; runId: number } {
  const series = useAppStore((s) => s.series);
  return useDeferredValue(useMemo(() => ({ series, runId }), [series, runId]));
}

/**
 * While two designs are compared: the other design's whole run, to draw over the live one (the
 * canvas shows A or B, and the live run is that one's); null when not comparing or not run yet.
 */
function useOverlay(): Overlay | null {
  const showing = useAppStore((s) => s.comparison?.showing ?? null);
  const compared = useAppStore((s) => s.comparedSeries);
  return useMemo(() => {
    const other = showing === 'a' ? compared?.b : compared?.a;
    return showing && other ? { series: other, live: showing === 'a' ? 'A' : 'B' } : null;
  }, [showing, compared]);
}

/** The document's theme ("light" or "dark"), following the switch: charts read its colours. */
function useDocumentTheme(): string {
  return useSyncExternalStore(
    (changed) => {
      const observer = new MutationObserver(changed);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => observer.disconnect();
    },
    () => document.documentElement.dataset.theme ?? 'light',
  );
}

/** Why there is nothing to chart, or null when there is. */
function emptyReason(hasData: boolean, status: string, reset: 'edited' | 'reset' | null): string | null {
  if (hasData) return null;
  if (reset === 'edited')
    return 'You changed the diagram, so the run started over, and its charts with it. Press Play to run it again.';
  if (reset === 'reset') return 'The run was reset, so its charts start over. Press Play to run it again.';
  if (status === 'playing') return 'Collecting the first moments of the run…';
  return 'Nothing has run yet. Press Play (Space) and the charts fill in as simulated time passes: requests, latencies, queues and sagas, with the faults shaded.';
}

/**
 * Remembers why the run's series went empty: the diagram was edited (the loaded diagram changed)
 * or the run was reset; null while the run has data, or before any.
 */
function useResetReason(playback: Playback, runId: number, hasData: boolean): 'edited' | 'reset' | null {
  const seen = useRef({ runId, diagram: playback.loadedDiagram, hadData: hasData });
  const [reason, setReason] = useState<'edited' | 'reset' | null>(null);
  useEffect(() => {
    const prev = seen.current;
    if (hasData) {
      seen.current = { runId, diagram: playback.loadedDiagram, hadData: true };
      setReason(null);
      return;
    }
    if (runId !== prev.runId && prev.hadData) {
      setReason(playback.loadedDiagram !== prev.diagram ? 'edited' : 'reset');
      seen.current = { runId, diagram: playback.loadedDiagram, hadData: false };
    }
  }, [playback, runId, hasData]);
  return reason;
}

/**
 * The Metrics panel: the run's figures over simulated time, docked under the canvas, resizable by
 * its top edge (drag, or the arrow keys on it), foldable to its header. Every chart shades the
 * faults, so cause and effect line up.
 */
export function MetricsPanel({ playback }: { playback: Playback }) {
  const prefs = useAppStore((s) => s.metricsPanel);
  const setPrefs = useAppStore((s) => s.setMetricsPanel);
  const selection = useAppStore((s) => s.selection);
  const run = useSyncExternalStore(playback.subscribe, playback.getSnapshot);
  const shown = useRunSeries(run.runId);
  const series = shown.series;
  const overlay = useOverlay();
  const theme = useDocumentTheme();
  const panel = useRef<HTMLElement>(null);
  // A run that has not moved yet has one empty bucket: nothing to chart.
  const endMs =
    series && series.t.length > 0 ? (series.endMs ?? series.t[series.t.length - 1]! + series.bucketMs) : 0;
  const hasData = !!series && endMs > 0;
  const reset = useResetReason(playback, shown.runId, hasData);
  const diagram = playback.loadedDiagram;

  const faultKey = run.faults.map((f) => `${f.id}:${f.atMs}:${f.durationMs}`).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when a fault or the end changes
  const bands = useMemo(() => faultBands(run.faults, endMs, diagram), [faultKey, endMs, diagram]);
  const onSeek = useMemo(() => (ms: number) => playback.seek(ms), [playback]);

  const { height, separator } = useDockResize({
    panel,
    height: prefs.height,
    min: MIN_HEIGHT,
    label: 'Resize the metrics panel',
    testId: 'metrics-resize',
    commit: (to) => setPrefs({ height: to, collapsed: false }),
  });

  const why = emptyReason(hasData, run.status, reset);
  const collapsed = prefs.collapsed;
  return (
    <section
      ref={panel}
      className={`mx-panel${collapsed ? ' is-collapsed' : ''}`}
      aria-label="Metrics"
      data-testid="metrics-panel"
      style={collapsed || height === null ? undefined : { height }}
    >
      {!collapsed && separator}
      <header className="mx-head">
        <h2 className="mx-head__title">Metrics</h2>
        <span className="mx-head__time muted" data-testid="metrics-time">
          {hasData ? `0 – ${shortTime(endMs)} of simulated time, in ${shortTime(series.bucketMs)} steps` : ''}
        </span>
        <button
          type="button"
          className="btn btn--icon btn--small"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Unfold the metrics panel' : 'Fold the metrics panel'}
          title={collapsed ? 'Unfold' : 'Fold'}
          data-testid="metrics-fold"
          onClick={() => setPrefs({ collapsed: !collapsed })}
        >
          {collapsed ? '▴' : '▾'}
        </button>
        <button
          type="button"
          className="btn btn--icon btn--small"
          aria-label="Close the metrics panel"
          title="Close (M)"
          data-testid="metrics-close"
          onClick={() => setPrefs({ open: false })}
        >
          ×
        </button>
      </header>
      {!collapsed && bands.length > 0 && (
        <ul className="mx-faults" aria-label="Faults shaded on the charts" data-testid="metrics-faults">
          {bands.map((b) => (
            <li key={b.id} className={`mx-fault mx-fault--${b.kind}`}>
              <span className="mx-fault__swatch" aria-hidden="true" />
              {describeBand(b)}
            </li>
          ))}
        </ul>
      )}
      {!collapsed && (
        <div className="mx-body" data-testid="metrics-body">
          {why || !series || !diagram ? (
            <p className="mx-empty" data-testid="metrics-empty">
              {why ?? 'Loading the run…'}
            </p>
          ) : (
            <MetricsSections
              diagram={diagram}
              series={series}
              selection={selection}
              bands={bands}
              endMs={endMs}
              theme={theme}
              onSeek={onSeek}
              overlay={overlay}
            />
          )}
        </div>
      )}
    </section>
  );
}
