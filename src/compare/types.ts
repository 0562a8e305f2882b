import type { Metrics } from '../runtime/api';

/**
 * What a comparison reads of one run: the CLI's `--json` report (`SimReport`, or the app's run report)
 * fits this shape as it is. `series` (the report's time series, as `--series` prints it) is needed
 * only for the success rate during each fault; without it those figures are null.
 */
export interface ComparedReport {
  until: number;
  stoppedAtMs?: number;
  services: Record<string, { name: string }>;
  /** Per client, as the engine's metrics give them. */
  clients: Metrics['clients'];
  channels: Record<string, { kind: 'queue' | 'topic'; maxDepth: number }>;
  edges: Record<string, unknown>;
  sagas: Record<string, { compensated: number; stuck: number }>;
  duplicates: number;
  objectives?: Record<string, { met: number; missed: number }>;
  series?: ComparedSeries;
}

/** The part of a run's time series (`RunSeriesJson`) a comparison reads: each client's outcomes per bucket. */
export interface ComparedSeries {
  bucketMs: number;
  t: number[];
  endMs: number;
  clients: Record<
    string,
    { succeeded: (number | null)[]; failed: (number | null)[]; timedOut: (number | null)[] }
  >;
}

/** How a figure is measured, which decides how it is shown and when two values count as the same. */
export type FigureUnit = 'ms' | 'share' | 'perSecond' | 'count';

/** Which way a figure is better. */
export type Better = 'lower' | 'higher';

/** One figure of A and B side by side. */
export interface FigureRow {
  /** Stable name: `latency.p50`, `success`, `success.during.<fault id>`, `throughput`, `duplicates`… */
  key: string;
  /** What a person reads: "Latency p50", "Success while Payment Service is down (20–30 s)". */
  label: string;
  unit: FigureUnit;
  better: Better;
  /** A's value; null when A has no such figure (no request succeeded, nothing ended in the fault). */
  a: number | null;
  b: number | null;
  /** B − A; null unless both have a value. */
  difference: number | null;
  /** Which is better: `same` within half the shown precision; null when either value is missing. */
  winner: 'a' | 'b' | 'same' | null;
  /** Which element the figure names, when it is one of several (the deepest queue's name). */
  detail?: { a?: string; b?: string };
}

/** One client's figures in both runs. */
export interface ClientComparison {
  id: string;
  name: string;
  rows: FigureRow[];
}

/** A fault of the script, as a window of simulated time. */
export interface FaultWindow {
  id: string;
  /** "Payment Service is down (20–30 s)". */
  label: string;
  /** What the target suffers, in a few words after "while": "Payment Service is down". */
  during: string;
  startMs: number;
  endMs: number;
}

/** Something one run has and the other has not (matched by id; channels and sagas by name). */
export interface Unmatched {
  kind: 'client' | 'service' | 'edge' | 'channel' | 'saga';
  id: string;
  name: string;
}

/** Two runs compared: the `diff` of `sim --compare --json`, and what the app's Comparison shows. */
export interface Comparison {
  /** Clients in both runs, in A's order. */
  clients: ClientComparison[];
  /** Figures of the whole diagram: deepest queue, duplicates, sagas compensated and stuck. */
  system: FigureRow[];
  /** The fault script both ran with, as windows. */
  faults: FaultWindow[];
  onlyInA: Unmatched[];
  onlyInB: Unmatched[];
  /** True when every difference is zero and everything has its counterpart: a diagram against itself. */
  identical: boolean;
  /** One plain sentence, made only from the figures above. */
  verdict: string;
}
