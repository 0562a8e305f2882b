import type { ChartSpec } from './chartSpecs';
import type { FaultBand } from './faultBands';

/** Seconds for the charts' axis and readouts: "4.5 s", "2:03". */
export function shortTime(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${Number(s.toFixed(s < 10 ? 1 : 0))} s`;
  const minutes = Math.floor(s / 60);
  return `${minutes}:${String(Math.floor(s - minutes * 60)).padStart(2, '0')}`;
}

/** A chart value with its unit: "98.5%", "120 ms", "3.2/s", "closed". */
export function formatValue(chart: Pick<ChartSpec, 'unit' | 'states'>, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  if (chart.states) return chart.states[Math.round(v)] ?? String(v);
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const n = Number(v.toFixed(digits)).toLocaleString('en-US');
  if (chart.unit === '%') return `${n}%`;
  if (chart.unit === '/s') return `${n}/s`;
  return `${n} ${chart.unit}`;
}

type Phase = 'before' | 'during' | 'after';

/** Where bucket `[from, to)` falls against the faults: mostly inside one, before the first, or after. */
function phaseOf(from: number, to: number, bands: readonly FaultBand[]): Phase {
  const mid = (from + to) / 2;
  if (!bands.length || mid < bands[0]!.fromMs) return 'before';
  return bands.some((b) => b.fromMs <= mid && mid < Math.max(b.toMs, b.fromMs + 1)) ? 'during' : 'after';
}

/** The mean of the values of each phase (null: no value in that phase). */
export function phaseMeans(
  values: readonly (number | null)[],
  tMs: ArrayLike<number>,
  bucketMs: number,
  bands: readonly FaultBand[],
): Record<Phase, number | null> {
  const sums = { before: 0, during: 0, after: 0 };
  const counts = { before: 0, during: 0, after: 0 };
  values.forEach((v, i) => {
    if (v === null) return;
    const phase = phaseOf(tMs[i]!, tMs[i]! + bucketMs, bands);
    sums[phase] += v;
    counts[phase]++;
  });
  const mean = (p: Phase) => (counts[p] ? sums[p] / counts[p] : null);
  return { before: mean('before'), during: mean('during'), after: mean('after') };
}

/**
 * A chart in words, for screen readers (and tests): each line's latest value, its lowest and
 * highest, and, when faults were applied, its mean before, during and after them.
 */
export function summarizeChart(
  chart: ChartSpec,
  lines: readonly (readonly (number | null)[])[],
  tMs: ArrayLike<number>,
  bucketMs: number,
  bands: readonly FaultBand[],
): string {
  const parts = chart.lines.map((line, k) => {
    const values = lines[k] ?? [];
    let last: number | null = null;
    let lowV = Infinity;
    let lowT = 0;
    let highV = -Infinity;
    let highT = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      last = v;
      if (v < lowV) [lowV, lowT] = [v, tMs[i]!];
      if (v > highV) [highV, highT] = [v, tMs[i]!];
    }
    if (last === null) return `${line.label}: no data yet`;
    let text = `${line.label} ${formatValue(chart, last)} now, lowest ${formatValue(chart, lowV)} at ${shortTime(lowT)}, highest ${formatValue(chart, highV)} at ${shortTime(highT)}`;
    if (bands.length) {
      const m = phaseMeans(values, tMs, bucketMs, bands);
      const said = (['before', 'during', 'after'] as const)
        .filter((p) => m[p] !== null)
        .map((p) => `${formatValue(chart, m[p])} ${p} faults`);
      if (said.length) text += `; mean ${said.join(', ')}`;
    }
    return text;
  });
  return `${chart.title} (${chart.unit}): ${parts.join('. ')}.`;
}
