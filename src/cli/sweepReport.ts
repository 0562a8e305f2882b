import type { CapacityEstimate, SweepSummary } from '../runtime/index';

/** What `sweep --json` prints: the settings, the knee, the first objective miss and one row per rate. */
export interface SweepReport extends SweepSummary {
  client: string;
  /** The estimated capacity the default and percent ranges are taken from (null rate: nothing limits it). */
  capacity: { ratePerSecond: number | null; limitedBy: string | null };
  seeds: number[];
  durationMs: number;
  faults: boolean;
}

/** The JSON report (Infinity, which JSON can't hold, as null). */
export function sweepReport(
  summary: SweepSummary,
  settings: {
    client: string;
    capacity: CapacityEstimate;
    seeds: number[];
    durationMs: number;
    faults: boolean;
  },
): SweepReport {
  const rate = settings.capacity.ratePerSecond;
  return {
    client: settings.client,
    capacity: {
      ratePerSecond: Number.isFinite(rate) ? round(rate, 2) : null,
      limitedBy: settings.capacity.limitedBy,
    },
    seeds: settings.seeds,
    durationMs: settings.durationMs,
    faults: settings.faults,
    knee: summary.knee,
    kneeReason: summary.kneeReason,
    objectiveMissedAt: summary.objectiveMissedAt,
    rows: summary.rows,
  };
}

/** The readable report: a table of the rows, then the knee and the objective. */
export function formatSweepReport(report: SweepReport, clientName: string): string {
  const header = ['rate/s', 'p50 ms', 'p95 ms', 'p99 ms', 'success', 'throughput/s', 'bottleneck', ''];
  const body = report.rows.map((row) => [
    number(row.rate),
    number(row.p50),
    number(row.p95),
    number(row.p99),
    row.successRate === null ? '–' : `${round(row.successRate * 100, 1)} %`,
    number(row.throughput),
    row.bottleneck ? `${row.bottleneck.name} ${Math.round(row.bottleneck.utilization * 100)} %` : '–',
    [
      row.rate === report.knee ? 'knee' : '',
      row.overloaded ? 'overloaded' : '',
      row.rate === report.objectiveMissedAt ? 'objective missed' : '',
    ]
      .filter(Boolean)
      .join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 6 || i === 7 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const capacity = report.capacity.ratePerSecond;
  return [
    `Load test of ${clientName}: ${report.rows.length} rates × ${report.seeds.length} seeds, ${report.durationMs / 1000} s simulated each` +
      (report.faults ? ', with the fault script' : ''),
    capacity === null
      ? 'Estimated capacity: none (nothing it reaches takes time).'
      : `Estimated capacity: ${number(capacity)}/s (${report.capacity.limitedBy} saturates first).`,
    '',
    line(header),
    ...body.map(line),
    '',
    report.knee === null
      ? 'Knee: none in this range.'
      : `Knee: ${number(report.knee)}/s (${report.kneeReason}).`,
    report.objectiveMissedAt === null
      ? report.rows.some((r) => r.objective !== null)
        ? 'Objective: met at every rate.'
        : 'Objective: the client has none.'
      : `Objective: first missed at ${number(report.objectiveMissedAt)}/s.`,
  ].join('\n');
}

function number(x: number | null): string {
  if (x === null) return '–';
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(round(x, 1));
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
