import type { Diagram, Fault } from '../model/schema';
import type { BreakHit, Effect, EnvelopeView, LiveRunState, RunState } from './types';
import { seriesBuffers } from './types';

/**
 * The messages between the playback controller and whoever owns the engine (a Web Worker in the
 * app, the same code in-process in tests). Commands are processed strictly in order, replies come
 * in the same order, and every command that changes the run is answered by exactly one
 * snapshot, so the receiving side can apply in-flight diffs incrementally.
 */
export type HostCommand =
  | { type: 'load'; seq: number; diagram: Diagram; seed: number; untilMs?: number }
  | { type: 'reset'; seq: number }
  | { type: 'advance'; seq: number; t: number; ui: RunDetail }
  | { type: 'step'; seq: number; ui: RunDetail }
  /** Back to just after the event before the last one processed (an explicit seek, by event count). */
  | { type: 'stepBack'; seq: number; ui: RunDetail }
  | { type: 'seek'; seq: number; t: number; ui: RunDetail }
  | { type: 'inject'; seq: number; t: number; fault: Omit<Fault, 'atMs' | 'source'> }
  | { type: 'endFault'; seq: number; t: number; faultId: string }
  | { type: 'adopt'; seq: number; diagram: Diagram }
  | { type: 'envelope'; seq: number; messageId: string };

/**
 * How much of the run's state a reply carries: none, what the canvas shows ('live': services,
 * channels, edges, faults), or everything (true: also metrics, sagas and the recent trace).
 */
export type RunDetail = boolean | 'live';

/** Whether the host answers `cmd`: every command does except `adopt`, which changes nothing in the run. */
export function isAnswered(cmd: HostCommand): boolean {
  return cmd.type !== 'adopt';
}

export type HostReply =
  | { type: 'snapshot'; seq: number; snapshot: Snapshot }
  | { type: 'envelope'; seq: number; envelope: EnvelopeView | null }
  | { type: 'error'; seq: number; message: string };

/** Numbers per added message in `InFlightDiff.times`: sentAt, arrivesAt, fromT, toT. */
export const TIMES_STRIDE = 4;
/** Numbers per added message in `InFlightDiff.meta`: edge index, look index, saga step. */
export const META_STRIDE = 3;

/**
 * What changed in flight since the previous snapshot. A message lives in a numbered slot (slots are
 * reused), so an unchanged message costs nothing to send; only arrivals and departures travel.
 */
export interface InFlightDiff {
  /** When true the receiver drops everything it holds before applying `added`. */
  full: boolean;
  removed: Int32Array;
  /** Slot of each added message. */
  slots: Int32Array;
  /** TIMES_STRIDE numbers per added message. */
  times: Float64Array;
  /** META_STRIDE integers per added message; edge index is into the loaded diagram's edges (-1: unknown). */
  meta: Int32Array;
  ids: string[];
  correlations: string[];
  types: string[];
}

/** One reply to a run-changing command: the run at `now`. */
export interface Snapshot {
  now: number;
  untilMs: number;
  events: number;
  /** Messages in flight after the diff is applied. */
  inFlight: number;
  /** No more events before `untilMs`, or the engine stopped: the run is over. */
  ended: boolean;
  overloaded: string | null;
  diff: InFlightDiff;
  /** Effects since the previous snapshot. */
  effects: Effect[];
  /** Present when the command asked for it (about 10 times a second at most). */
  run?: RunState | LiveRunState;
  /** The engine threw: the run stops here and the message says why. */
  error?: string;
  /** A breakpoint stopped the run here (an advance or a step), right after the event that hit it. */
  breakHit?: BreakHit;
}

/** The buffers of a snapshot (in-flight diff and time series), for a zero-copy postMessage. */
export function transferables(s: Snapshot): ArrayBuffer[] {
  const d = s.diff;
  const out = [d.removed.buffer, d.slots.buffer, d.times.buffer, d.meta.buffer] as ArrayBuffer[];
  const series = s.run && 'series' in s.run ? s.run.series : null;
  if (series) out.push(...seriesBuffers(series));
  return out;
}
