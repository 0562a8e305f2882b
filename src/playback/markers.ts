import type { Diagram } from '../model/schema';
import { evaluateObjectives } from '../runtime/objectives';
import type { RunSeries } from './types';

/** The kinds of notable moment the timeline marks. */
export const MARKER_KINDS = [
  'circuit-opened',
  'dead-letter',
  'saga-compensated',
  'objective-missed',
] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** A notable moment of a run, to within one series bucket. */
export interface TimelineMarker {
  kind: MarkerKind;
  /** Start of the bucket (or objective window) it happened in. */
  atMs: number;
  /** Where a click takes the run: that bucket's end, when it has happened. */
  seekMs: number;
  /** "Circuit opened on POST /pay". */
  label: string;
  /** Stable across refreshes: kind, element and moment. */
  key: string;
}

/** The most markers kept per run: the earliest ones (a flapping breaker opens every few seconds). */
export const MAX_MARKERS = 40;

/**
 * The notable moments the series show: every bucket in which an edge's circuit opened, each
 * channel's first dead letter, each saga's first compensation, and the start of each run of missed
 * windows of a client's objective (as the run report lists them). Earliest first, at most `MAX_MARKERS`.
 */
export function timelineMarkers(series: RunSeries | null, diagram: Diagram | null): TimelineMarker[] {
  if (!series || !diagram) return [];
  const out: TimelineMarker[] = [];
  const { t, bucketMs, endMs } = series;
  const add = (kind: MarkerKind, i: number, id: string, label: string) => {
    const atMs = t[i]!;
    out.push({ kind, atMs, seekMs: Math.min(atMs + bucketMs, endMs), label, key: `${kind}|${id}|${atMs}` });
  };
  for (const e of diagram.edges) {
    const opened = series.edges[e.id]?.circuitOpened;
    for (let i = 0; opened && i < opened.length; i++)
      if (opened[i]! > 0) add('circuit-opened', i, e.id, `Circuit opened on ${e.message || e.id}`);
  }
  for (const [name, c] of Object.entries(series.channels)) {
    const i = c.deadLettered.findIndex((n) => n > 0);
    if (i >= 0) add('dead-letter', i, name, `First dead letter on ${name}`);
  }
  for (const [name, s] of Object.entries(series.sagas)) {
    const i = s.compensated.findIndex((n) => n > 0);
    if (i >= 0) add('saga-compensated', i, name, `Saga ${name} compensated`);
  }
  const names = new Map(diagram.services.map((s) => [s.id, s.name]));
  for (const [id, result] of Object.entries(evaluateObjectives(diagram, series))) {
    for (const run of result.missedAt) {
      out.push({
        kind: 'objective-missed',
        atMs: run.fromMs,
        seekMs: run.toMs,
        label: `${names.get(id) ?? id} missed its objective`,
        key: `objective-missed|${id}|${run.fromMs}`,
      });
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs).slice(0, MAX_MARKERS);
}

/**
 * Markers seen so far in one run, kept across seeks back (the series then ends earlier, but what
 * happened later is still the run's). `merge` adds a refresh's markers; the list stays earliest-first.
 */
export function mergeMarkers(
  known: readonly TimelineMarker[],
  fresh: readonly TimelineMarker[],
): TimelineMarker[] {
  const byKey = new Map(known.map((m) => [m.key, m]));
  for (const m of fresh) byKey.set(m.key, m);
  return [...byKey.values()].sort((a, b) => a.atMs - b.atMs).slice(0, MAX_MARKERS);
}
