import type { ObjectiveResult, ObjectiveTarget } from '../../store/health';
import type { ChartSpec } from './chartSpecs';
import { shortTime } from './summary';

/** A client's objective as one of its charts draws it: the target line and where it was missed. */
export interface ChartGuide {
  /** The target, in the chart's unit (ms, or % for shares). */
  value: number;
  /** "p99 target 300 ms": the chart's key and the hover readout say it. */
  label: string;
  /** Spans of simulated time whose windows missed this target, merged. */
  missed: Array<{ fromMs: number; toMs: number }>;
  /** The guide in words, for the chart's summary. */
  summary: string;
}

/** Which target each chart shows: the latency chart the latency limit, the outcomes chart the success share. */
const TARGET_OF_CHART: Readonly<Record<string, ObjectiveTarget>> = {
  latency: 'latency',
  outcomes: 'success',
};

/** Whether `chart` is one an objective's target can be drawn on. */
export function canShowGuide(chart: ChartSpec): boolean {
  return Object.hasOwn(TARGET_OF_CHART, chart.id);
}

/** Percent with up to two decimals, no trailing zeros: 99.5, 100, 99.95. */
const percent = (share: number) => `${Number((share * 100).toFixed(2))}%`;

/** Merges the windows that missed `target` into spans of time. */
function missedSpans(result: ObjectiveResult, target: ObjectiveTarget): ChartGuide['missed'] {
  const spans: ChartGuide['missed'] = [];
  for (const w of result.windows) {
    if (!w.missed.includes(target)) continue;
    const previous = spans[spans.length - 1];
    if (previous && previous.toMs === w.startMs) previous.toMs = w.endMs;
    else spans.push({ fromMs: w.startMs, toMs: w.endMs });
  }
  return spans;
}

/** What the windows say about `target`, in a sentence fragment. */
function verdictWords(result: ObjectiveResult, missed: ChartGuide['missed']): string {
  const judged = result.met + result.missed;
  if (judged === 0) return 'not judged yet: no request has ended';
  if (!missed.length) return `met in all ${judged} judged windows`;
  const when = missed.map((s) => `${shortTime(s.fromMs)} – ${shortTime(s.toMs)}`).join(', ');
  return `missed ${when}`;
}

/**
 * The objective's guide on `chart`, or undefined when the chart has no target to show (another
 * chart, no objective, or an objective without this target).
 */
export function objectiveGuide(
  chart: ChartSpec,
  result: ObjectiveResult | undefined,
): ChartGuide | undefined {
  if (!result || !canShowGuide(chart)) return undefined;
  const target = TARGET_OF_CHART[chart.id]!;
  const { objective } = result;
  const limit = target === 'latency' ? objective.latencyMs : objective.success;
  if (limit === undefined) return undefined;
  const label =
    target === 'latency' ? `${objective.percentile} target ${limit} ms` : `success target ${percent(limit)}`;
  const missed = missedSpans(result, target);
  const windowWords = `${shortTime(result.windowMs)} windows`;
  return {
    value: target === 'latency' ? limit : limit * 100,
    label,
    missed,
    summary: `Objective ${target === 'latency' ? `${objective.percentile} ≤ ${limit} ms` : `success ≥ ${percent(limit)}`} over ${windowWords}: ${verdictWords(result, missed)}.`,
  };
}
