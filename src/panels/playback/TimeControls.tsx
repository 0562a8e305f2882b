import { useId, useRef, useState, useSyncExternalStore } from 'react';
import { describeBreakpoint } from '../../model/breakpointEdits';
import { BREAKPOINT_KIND_INFO } from '../../model/breakpointKinds';
import type { Diagram, Fault } from '../../model/schema';
import type { BreakHit } from '../../playback';
import type { Playback } from '../../playback';
import { MAX_SPEED, MIN_SPEED } from '../../playback';
import { formatSimTime, formatSpeed, sliderToSpeed, speedKeyRungs, speedToSlider, stepSpeed } from './format';
import { Timeline } from './Timeline';
import './playback.css';

export interface TimeControlsProps {
  playback: Playback;
  /** The user set a new seed; defaults to `playback.setSeed` (the app may also store it in the diagram). */
  onSeedChange?: (seed: number) => void;
  /** "Fork from here", offered while the run is paused (absent: not offered, e.g. while comparing). */
  onFork?: () => void;
}

/**
 * Play/pause, step, step back, rewind, reset, speed (log scale 0.1×–100×), seed, the simulated
 * clock, and the timeline (see Timeline.tsx) that seeks.
 */
export function TimeControls({ playback, onSeedChange, onFork }: TimeControlsProps) {
  const state = useSyncExternalStore(playback.subscribe, playback.getSnapshot);
  const playing = state.status === 'playing';
  const disabled = !state.loaded;
  const speedId = useId();
  const seedId = useId();
  const [seedDraft, setSeedDraft] = useState<string | null>(null);
  const primary = usePrimaryPress(playback, playing);

  const commitSeed = () => {
    if (seedDraft === null) return;
    const n = Math.trunc(Number(seedDraft));
    setSeedDraft(null);
    if (!Number.isFinite(n) || n < 0 || n > 2 ** 31 - 1 || n === state.seed) return;
    if (onSeedChange) onSeedChange(n);
    else playback.setSeed(n);
  };

  return (
    <div className="pb-controls" role="group" aria-label="Playback">
      <div className="pb-row">
        {/* One button that changes its face, so a press decides what it does: see usePrimaryPress. */}
        <button
          type="button"
          className="pb-btn pb-primary"
          data-testid={playing ? 'pause-button' : 'play-button'}
          aria-label={playing ? 'Pause' : state.status === 'ended' ? 'Play again from the start' : 'Play'}
          disabled={disabled}
          {...primary}
        >
          <Glyph d={playing ? 'M6 4h4v16H6zM14 4h4v16h-4z' : 'M7 4l13 8-13 8z'} />
        </button>
        <button
          type="button"
          className="pb-btn"
          data-testid="step-button"
          aria-label="Step to the next event"
          disabled={disabled || state.status === 'ended'}
          onClick={() => playback.step()}
        >
          <Glyph d="M5 4l10 8-10 8zM17 4h3v16h-3z" />
        </button>
        <button
          type="button"
          className="pb-btn"
          data-testid="step-back-button"
          aria-label="Step back one event"
          title="Step back one event (,)"
          disabled={disabled || state.events === 0}
          onClick={() => playback.stepBack()}
        >
          <Glyph d="M19 4L9 12l10 8zM4 4h3v16H4z" />
        </button>
        <button
          type="button"
          className="pb-btn"
          data-testid="rewind-button"
          aria-label="Rewind to the start"
          title="Rewind to the start, keeping live faults (Shift+R)"
          disabled={disabled || state.now === 0}
          onClick={() => playback.rewind()}
        >
          <Glyph d="M11 5L3 12l8 7zM20 5l-8 7 8 7z" />
        </button>
        <button
          type="button"
          className="pb-btn"
          data-testid="reset-button"
          aria-label="Reset the run"
          disabled={disabled}
          onClick={() => playback.reset()}
        >
          <Glyph d="M12 5a7 7 0 1 1-6.6 4.7M5 3v6h6" stroke />
        </button>
        <output
          className="pb-clock"
          data-testid="sim-clock"
          aria-live="off"
          aria-label="Simulated time"
          title="Simulated time"
        >
          {formatSimTime(state.now)}
        </output>
        <span className={`pb-status pb-status-${state.status}`} data-testid="playback-status">
          {state.status === 'idle' ? 'ready' : state.status}
          {state.lagging && playing ? ' · engine catching up' : ''}
        </span>
        {onFork && state.status === 'paused' ? (
          <button
            type="button"
            className="btn btn--small pb-fork"
            data-testid="fork-button"
            title="Fork from here: a copy of the diagram held at this moment, to change and play on, compared with the original"
            onClick={onFork}
          >
            Fork from here
          </button>
        ) : null}
      </div>
      <div className="pb-row">
        <label htmlFor={speedId} className="pb-label">
          Speed
        </label>
        <input
          id={speedId}
          type="range"
          className="pb-speed"
          data-testid="speed-slider"
          min={0}
          max={1000}
          step={1}
          value={speedToSlider(state.speed)}
          aria-valuetext={`${formatSpeed(state.speed)} (simulated ms per real ms)`}
          aria-label={`Speed, ${MIN_SPEED}× to ${MAX_SPEED}×`}
          onChange={(e) => playback.setSpeed(sliderToSpeed(Number(e.target.value)))}
          onKeyDown={(e) => {
            // One native arrow step is a thousandth of the scale, which snaps back to the same speed.
            const rungs = speedKeyRungs(e.key);
            if (!rungs) return;
            e.preventDefault();
            playback.setSpeed(stepSpeed(state.speed, rungs));
          }}
        />
        <span className="pb-speed-value" data-testid="speed-value">
          {formatSpeed(state.speed)}
        </span>
        <label htmlFor={seedId} className="pb-label">
          Seed
        </label>
        <input
          id={seedId}
          className="pb-seed"
          data-testid="seed-input"
          inputMode="numeric"
          value={seedDraft ?? String(state.seed)}
          disabled={disabled}
          onChange={(e) => setSeedDraft(e.target.value.replace(/[^0-9]/g, ''))}
          onBlur={commitSeed}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitSeed();
            if (e.key === 'Escape') setSeedDraft(null);
          }}
        />
      </div>
      {playback.loadedDiagram ? (
        <Timeline
          playback={playback}
          state={state}
          faults={faultsToShow(playback.loadedDiagram.faults, state.faults)}
        />
      ) : null}
      {state.breakHit ? (
        <p className="pb-break" role="status" data-testid="break-hit">
          {describeHit(playback.loadedDiagram, state.breakHit)}
        </p>
      ) : null}
      {state.error || state.overloaded ? (
        <p className="pb-alert" role="alert">
          {state.error ?? state.overloaded}
        </p>
      ) : null}
    </div>
  );
}

/** "Paused at breakpoint: Circuit opens on POST /pay, at 12.345 s (request c41 took 812 ms)". */
export function describeHit(diagram: Diagram | null, hit: BreakHit): string {
  const b = diagram?.breakpoints.find((x) => x.id === hit.breakpointId);
  const what = b && diagram ? describeBreakpoint(diagram, b) : BREAKPOINT_KIND_INFO[hit.kind].label;
  const facts: string[] = [];
  if (hit.kind === 'slow-request' && hit.n !== undefined) facts.push(`took ${formatSimTime(hit.n)}`);
  if (hit.kind === 'queue-depth' && hit.n !== undefined) facts.push(`depth ${hit.n}`);
  if (hit.correlationId) facts.push(`request ${hit.correlationId}`);
  if (hit.messageId) facts.push(`message ${hit.messageId}`);
  const more = facts.length ? ` (${facts.join(', ')})` : '';
  return `Paused at breakpoint: ${what}, at ${formatSimTime(hit.atMs)}${more}`;
}

/**
 * Play/Pause by what the button showed when it was pressed: a run at high speed can end between the
 * press and the click, and a Pause must not turn into 'Play again from the start'.
 */
function usePrimaryPress(playback: Playback, playing: boolean) {
  const pressedWhilePlaying = useRef<boolean | null>(null);
  return {
    onPointerDown: () => {
      pressedWhilePlaying.current = playing;
    },
    onPointerLeave: () => {
      pressedWhilePlaying.current = null;
    },
    onClick: () => {
      // A keyboard press has no pointer-down: then the button's face now decides.
      const pause = pressedWhilePlaying.current ?? playing;
      pressedWhilePlaying.current = null;
      if (pause) playback.pause();
      else playback.play();
    },
  };
}

function Glyph({ d, stroke }: { d: string; stroke?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={d}
        fill={stroke ? 'none' : 'currentColor'}
        stroke={stroke ? 'currentColor' : 'none'}
        strokeWidth={stroke ? 2.2 : 0}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * The script's faults and the live ones the run applied, once each: a live fault is in both once
 * the app has written it into the script, and the run's copy is the newer (it knows when it ended).
 */
export function faultsToShow(script: readonly Fault[], applied: readonly Fault[]): Fault[] {
  const live = new Map(applied.filter((f) => f.source === 'live').map((f) => [f.id, f]));
  const merged = script.map((f) => live.get(f.id) ?? f);
  const inScript = new Set(script.map((f) => f.id));
  for (const f of live.values()) if (!inScript.has(f.id)) merged.push(f);
  return merged;
}
