import { FAULT_KIND_INFO } from '../../model/faultKinds';
import type { Diagram, Fault } from '../../model/schema';

/** A fault as the charts shade it: from `fromMs` to `toMs` (now, while it has no end yet). */
export interface FaultBand {
  id: string;
  kind: Fault['kind'];
  fromMs: number;
  toMs: number;
  /** Whether it is still in force (no end yet, or its end is still ahead). */
  open: boolean;
  /** What it is, for the legend and the hover readout: "Payment Service down". */
  label: string;
}

/**
 * The faults the run has applied by `nowMs` as bands on the time axis, oldest first: a fault with no
 * end (duration 0) or whose end is still ahead reaches `nowMs`; one that starts after `nowMs` is not
 * shown (the charts end at now).
 */
export function faultBands(
  faults: readonly Fault[],
  nowMs: number,
  diagram: Pick<Diagram, 'services' | 'edges'> | null,
): FaultBand[] {
  const names = new Map<string, string>();
  for (const s of diagram?.services ?? []) names.set(s.id, s.name);
  for (const e of diagram?.edges ?? []) names.set(e.id, e.message || e.id);
  const bands: FaultBand[] = [];
  for (const f of faults) {
    if (f.atMs > nowMs) continue;
    const end = f.durationMs > 0 ? f.atMs + f.durationMs : Infinity;
    const target = names.get(f.target) ?? f.target;
    bands.push({
      id: f.id,
      kind: f.kind,
      fromMs: f.atMs,
      toMs: Math.min(end, nowMs),
      open: end > nowMs,
      label: `${target} ${FAULT_KIND_INFO[f.kind].effect(f)}${f.source === 'live' ? ' (live)' : ''}`,
    });
  }
  return bands.sort((a, b) => a.fromMs - b.fromMs);
}

/** The bands in force at `ms`. */
export function bandsAt(bands: readonly FaultBand[], ms: number): FaultBand[] {
  return bands.filter((b) => b.fromMs <= ms && ms <= b.toMs);
}

/** Simulated time to a tenth of a second: "4.5 s", "2:03.5". */
function tenths(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const minutes = Math.floor(s / 60);
  return `${minutes}:${(s - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

/** "Payment Service down, 4.0 s – 9.0 s" (or "from 4.0 s" while it lasts). */
export function describeBand(b: FaultBand): string {
  return b.open
    ? `${b.label}, from ${tenths(b.fromMs)}`
    : `${b.label}, ${tenths(b.fromMs)} – ${tenths(b.toMs)}`;
}
