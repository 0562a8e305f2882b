import type { Diagram } from '../model/schema';
import type { MessageColumns } from './columns';
import type { BreakHit, Effect, RunState } from './types';

export type PlaybackStatus = 'idle' | 'playing' | 'paused' | 'ended';

/** What panels show; a new object whenever something in it changes (at most ~10 Hz while playing). */
export interface PlaybackState extends RunState {
  status: PlaybackStatus;
  /** Simulated time of the engine, in ms. */
  now: number;
  untilMs: number;
  /** Simulated ms per wall ms. */
  speed: number;
  seed: number;
  events: number;
  inFlight: number;
  overloaded: string | null;
  /** The engine could not keep up with the asked speed, so time runs slower than asked. */
  lagging: boolean;
  error: string | null;
  loaded: boolean;
  /** Counts fresh runs (load, reset): message ids restart with each, so a selection from before is void. */
  runId: number;
  /** The breakpoint that paused the run, until it plays, steps or seeks on. */
  breakHit: BreakHit | null;
}

/** What the canvas reads every frame; one object, updated in place. */
export interface PlaybackFrame {
  /** Simulated time to draw at. */
  time: number;
  messages: MessageColumns;
  /** Recent effects, oldest first (bounded). */
  effects: readonly Effect[];
  /** The loaded diagram; message edge indexes point into its `edges`. */
  diagram: Diagram | null;
  speed: number;
  playing: boolean;
  /** See PlaybackState.runId. */
  runId: number;
  /** Bumped whenever `effects` starts afresh; `effectsAdded` counts effects appended since. */
  effectsEpoch: number;
  effectsAdded: number;
}

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/** A run with nothing in it yet. */
export const EMPTY_RUN: RunState = {
  services: [],
  channels: [],
  edges: [],
  sagaInstances: [],
  metrics: null,
  recentTrace: [],
  faults: [],
  series: null,
  invariants: null,
};

/** The panel state before anything is loaded. */
export function initialState(): PlaybackState {
  return {
    ...EMPTY_RUN,
    status: 'idle',
    now: 0,
    untilMs: 0,
    speed: 1,
    seed: 1,
    events: 0,
    inFlight: 0,
    overloaded: null,
    lagging: false,
    error: null,
    loaded: false,
    runId: 0,
    breakHit: null,
  };
}

/** The canvas's frame before anything is loaded, over the given columns and effects. */
export function initialFrame(messages: MessageColumns, effects: readonly Effect[]): PlaybackFrame {
  return {
    time: 0,
    messages,
    effects,
    diagram: null,
    speed: 1,
    playing: false,
    runId: 0,
    effectsEpoch: 0,
    effectsAdded: 0,
  };
}

/** A speed within MIN_SPEED–MAX_SPEED (1 for nonsense). */
export function clampSpeed(s: number): number {
  if (!Number.isFinite(s)) return 1;
  return Math.max(MIN_SPEED, Math.min(MAX_SPEED, s));
}
