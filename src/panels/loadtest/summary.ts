import type { SweepSummary } from '../../runtime/index';

/** A rate for people: "12.5/s", "240/s". */
export function formatRate(rate: number): string {
  return `${rate >= 100 ? Math.round(rate).toLocaleString('en-US') : Number(rate.toFixed(1))}/s`;
}

/** Milliseconds for people: "4.2 ms", "1,040 ms". */
export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return `${ms >= 100 ? Math.round(ms).toLocaleString('en-US') : Number(ms.toFixed(1))} ms`;
}

/** A share for people: "99.5 %". */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Number((share * 100).toFixed(1))} %`;
}

/**
 * The curve in words, for screen readers and tests: the range, the knee, where the objective is
 * first missed, which points are overloaded, and how p99, success and throughput move.
 */
export function describeSweep(summary: SweepSummary, clientName: string, hasObjective: boolean): string {
  const rows = summary.rows;
  if (rows.length === 0) return `No load test of ${clientName} yet.`;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const sentences = [
    `Load test of ${clientName}: ${rows.length} loads from ${formatRate(first.rate)} to ${formatRate(last.rate)}.`,
    summary.knee === null
      ? 'No knee in this range.'
      : `Knee at ${formatRate(summary.knee)}: ${summary.kneeReason}.`,
  ];
  if (hasObjective)
    sentences.push(
      summary.objectiveMissedAt === null
        ? 'The objective is met at every load.'
        : `The objective is first missed at ${formatRate(summary.objectiveMissedAt)}.`,
    );
  const overloaded = rows.filter((r) => r.overloaded);
  if (overloaded.length)
    sentences.push(
      `Overloaded from ${formatRate(overloaded[0]!.rate)} (${overloaded.length} of ${rows.length} loads).`,
    );
  sentences.push(
    `p99 latency goes from ${formatMs(first.p99)} to ${formatMs(last.p99)}; success from ${formatShare(first.successRate)} to ${formatShare(last.successRate)}.`,
  );
  const best = rows.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  sentences.push(`Throughput peaks at ${formatRate(best.throughput)}, offered ${formatRate(best.rate)}.`);
  if (best.bottleneck) sentences.push(`${best.bottleneck.name} is the busiest service.`);
  return sentences.join(' ');
}
