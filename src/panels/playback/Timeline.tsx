import { useMemo, useRef } from 'react';
import type { Fault } from '../../model/schema';
import type { Playback, PlaybackState, TimelineMarker } from '../../playback';
import { mergeMarkers, timelineMarkers } from '../../playback';
import { describeBand, faultBands } from '../metrics/faultBands';
import { formatSimTime } from './format';

export interface TimelineProps {
  playback: Playback;
  state: PlaybackState;
  /** The faults to show: the script plus the live ones the run applied (see faultsToShow). */
  faults: Fault[];
}

/** Tick steps people read easily, in seconds. */
const TICK_STEPS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
/** At most this many labelled ticks, so labels never crowd on a phone. */
const MAX_TICKS = 6;

/** Tick times for a run of `untilMs`: a round step giving at most `MAX_TICKS` + 1 ticks. */
export function axisTicks(untilMs: number, maxTicks = MAX_TICKS): number[] {
  const step = (TICK_STEPS_S.find((s) => untilMs / 1000 / s <= maxTicks) ?? 3600) * 1000;
  const out: number[] = [];
  for (let t = 0; t <= untilMs + 1e-9; t += step) out.push(t);
  return out;
}

/** A tick label: "0", "15 s", "1:30", "0.5 s". */
export function tickLabel(ms: number): string {
  const s = ms / 1000;
  if (s === 0) return '0';
  if (s < 60) return `${Number(s.toFixed(1))} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return `${m}:${String(rest).padStart(2, '0')}`;
}

/**
 * The run under the canvas: a labelled time axis, the fault script's bands (as the metrics charts
 * shade them), markers for notable moments (circuit opened, first dead letter, saga compensated,
 * objective missed; a click seeks there), and a handle to drag or move with the keyboard, which seeks.
 * Everything sits on one inner box inset by half the handle, so a band or marker at t lines up with
 * the handle at t.
 */
export function Timeline({ playback, state, faults }: TimelineProps) {
  const markers = useRunMarkers(playback, state);
  const diagram = playback.loadedDiagram;
  const { untilMs, now } = state;
  const bands = useMemo(() => faultBands(faults, untilMs, diagram), [faults, untilMs, diagram]);
  if (!diagram || untilMs <= 0) return null;
  const pct = (t: number) => `${Math.max(0, Math.min(100, (t / untilMs) * 100))}%`;
  return (
    <section className="tl" aria-label="Timeline" data-testid="timeline">
      <div className="tl-track" data-testid="timeline-track">
        <div className="tl-inner" aria-hidden="true">
          <span className="tl-rail" />
          <span className="tl-played" style={{ width: pct(now) }} />
          {bands.map((b) => (
            <span
              key={b.id}
              data-testid={`timeline-fault-${b.id}`}
              className={`tl-band tl-band-${b.kind}`}
              style={{ left: pct(b.fromMs), width: `max(4px, ${pct(b.toMs - b.fromMs)})` }}
              title={describeBand(b)}
            />
          ))}
        </div>
        {/* The handle is a native range input: drag, click, arrows, Page Up/Down, Home/End. */}
        <input
          type="range"
          className="tl-scrub"
          data-testid="time-scrubber"
          min={0}
          max={untilMs}
          step={Math.max(1, Math.round(untilMs / 1000))}
          value={Math.min(now, untilMs)}
          aria-label="Simulated time"
          aria-valuetext={`${formatSimTime(now)} of ${formatSimTime(untilMs)}`}
          onChange={(e) => playback.seek(Number(e.target.value))}
        />
        <div className="tl-inner tl-markers">
          {/* Breakpoints at a time, and where a breakpoint paused the run. */}
          {(playback.loadedDiagram?.breakpoints ?? [])
            .filter((b) => b.kind === 'time' && b.enabled && b.value <= untilMs)
            .map((b) => (
              <span
                key={b.id}
                className="tl-breakpoint"
                data-testid="timeline-breakpoint"
                style={{ left: pct(b.value) }}
                title={`Breakpoint at ${formatSimTime(b.value)}`}
              />
            ))}
          {state.breakHit ? (
            <span
              className="tl-break-hit"
              data-testid="timeline-break-hit"
              style={{ left: pct(state.breakHit.atMs) }}
              title={`Paused at a breakpoint, ${formatSimTime(state.breakHit.atMs)}`}
            />
          ) : null}
          {markers.map((m) => (
            <button
              key={m.key}
              type="button"
              className={`tl-marker tl-marker-${m.kind}`}
              data-testid={`timeline-marker-${m.kind}`}
              style={{ left: pct(m.atMs) }}
              title={`${m.label} (${formatSimTime(m.atMs)})`}
              aria-label={`${m.label} at ${formatSimTime(m.atMs)}: go there`}
              onClick={() => playback.seek(m.seekMs)}
            />
          ))}
        </div>
      </div>
      <div className="tl-axis tl-inner" aria-hidden="true">
        {axisTicks(untilMs).map((t) => (
          <span key={t} className="tl-tick" style={{ left: pct(t) }}>
            {tickLabel(t)}
          </span>
        ))}
      </div>
      <ul className="tl-sr-list">
        {bands.map((b) => (
          <li key={b.id}>{describeBand(b)}</li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The run's markers from its full refreshes, kept across seeks back (the series then ends earlier);
 * a new run, or a change to its faults (the future differs), forgets those after now.
 */
function useRunMarkers(playback: Playback, state: PlaybackState): TimelineMarker[] {
  const memo = useRef<{ runId: number; faults: number; list: TimelineMarker[]; series: unknown }>({
    runId: -1,
    faults: 0,
    list: [],
    series: null,
  });
  const m = memo.current;
  if (m.runId !== state.runId)
    Object.assign(m, { runId: state.runId, faults: state.faults.length, list: [] });
  if (m.faults !== state.faults.length) {
    m.faults = state.faults.length;
    m.list = m.list.filter((x) => x.atMs <= state.now);
  }
  if (state.series && m.series !== state.series) {
    m.series = state.series;
    m.list = mergeMarkers(m.list, timelineMarkers(state.series, playback.loadedDiagram));
  }
  return m.list;
}
