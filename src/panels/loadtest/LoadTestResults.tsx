import type { SweepSummary } from '../../runtime/index';
import type { VariantResult } from './LoadTest';
import { SweepChart, type SweepLine, type SweepMarks } from './SweepChart';
import { describeSweep, formatMs, formatRate, formatShare } from './summary';

/**
 * The curve of a finished load test: its summary in words, two charts, the marks' key and the
 * figures. While comparing, A's and B's curves are overlaid (B dashed) and each has its summary and table.
 */
export function LoadTestResults({
  results,
  clientName,
  hasObjective,
  theme,
  partial = false,
}: {
  results: readonly VariantResult[];
  clientName: string;
  hasObjective: boolean;
  theme: string;
  /** Cancelled: only the loads that finished, said so. */
  partial?: boolean;
}) {
  const rates = results[0]!.summary.rows.map((r) => r.rate);
  const two = results.length > 1;
  const marks: SweepMarks = {
    knees: results.flatMap((r) =>
      r.summary.knee === null ? [] : [{ rate: r.summary.knee, dashed: r.label === 'B' }],
    ),
    objectiveMisses: results.flatMap((r) =>
      r.summary.objectiveMissedAt === null
        ? []
        : [{ rate: r.summary.objectiveMissedAt, dashed: r.label === 'B' }],
    ),
    overloaded: results[0]!.summary.rows.filter((r) => r.overloaded).map((r) => r.rate),
  };
  const name = (r: VariantResult) => (r.label ? `${clientName} (${r.label})` : clientName);
  const said = results.map((r) => describeSweep(r.summary, name(r), hasObjective)).join(' ');
  const text = partial ? `Partial (cancelled): ${said}` : said;
  const latency: SweepLine[] = results.flatMap((r) => {
    const rows = r.summary.rows;
    const suffix = r.label ? ` ${r.label}` : '';
    const dashed = r.label === 'B';
    return [
      { label: `p50${suffix}`, color: '--accent', values: rows.map((x) => x.p50), dashed },
      ...(two ? [] : [{ label: 'p95', color: '--warning', values: rows.map((x) => x.p95) }]),
      { label: `p99${suffix}`, color: '--danger', values: rows.map((x) => x.p99), dashed },
    ];
  });
  const outcome: SweepLine[] = results.flatMap((r) => {
    const rows = r.summary.rows;
    const suffix = r.label ? ` ${r.label}` : '';
    const dashed = r.label === 'B';
    return [
      {
        label: `success${suffix}`,
        color: '--success',
        values: rows.map((x) => (x.successRate === null ? null : x.successRate * 100)),
        dashed,
      },
      {
        label: `throughput${suffix}`,
        color: '--kind-client',
        values: rows.map((x) => x.throughput),
        axis: 'right' as const,
        dashed,
      },
    ];
  });
  return (
    <section
      className={`lt-results${partial ? ' is-partial' : ''}`}
      aria-label={partial ? 'Load test results (partial)' : 'Load test results'}
    >
      <p className="lt-summary" data-testid="loadtest-summary">
        {partial && <span className="lt-partial">Partial</span>} {said}
      </p>
      <div className="lt-charts">
        <SweepChart
          title="Latency"
          unit="ms"
          rates={rates}
          lines={latency}
          marks={marks}
          name={`${clientName}: latency against offered load`}
          summary={text}
          theme={theme}
          testId="loadtest-latency"
        />
        <SweepChart
          title="Success and throughput"
          unit="%"
          rightUnit="per second"
          rates={rates}
          lines={outcome}
          marks={marks}
          name={`${clientName}: success and throughput against offered load`}
          summary={text}
          theme={theme}
          testId="loadtest-throughput"
        />
      </div>
      <p className="lt-marks" aria-hidden="true">
        <span className="lt-mark lt-mark--knee" /> knee
        {hasObjective && (
          <>
            <span className="lt-mark lt-mark--objective" /> objective first missed
          </>
        )}
        <span className="lt-mark lt-mark--overloaded" /> overloaded{two ? ' (A)' : ''} · x: offered load
        {two ? ' · B dashed' : ''}
      </p>
      {results.map((r) => (
        <FiguresTable key={r.label ?? 'only'} summary={r.summary} label={r.label} />
      ))}
    </section>
  );
}

/** Every load's figures, with the knee, overloaded loads and the objective's first miss noted. */
function FiguresTable({ summary, label }: { summary: SweepSummary; label: VariantResult['label'] }) {
  return (
    <details className="lt-figures">
      <summary>Figures per load{label ? ` (${label})` : ''}</summary>
      <table data-testid={label ? `loadtest-table-${label.toLowerCase()}` : 'loadtest-table'}>
        <thead>
          <tr>
            <th scope="col">Offered</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
            <th scope="col">p99</th>
            <th scope="col">Success</th>
            <th scope="col">Throughput</th>
            <th scope="col">Busiest</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => (
            <tr key={r.rate}>
              <th scope="row">{formatRate(r.rate)}</th>
              <td>{formatMs(r.p50)}</td>
              <td>{formatMs(r.p95)}</td>
              <td>{formatMs(r.p99)}</td>
              <td>{formatShare(r.successRate)}</td>
              <td>{formatRate(r.throughput)}</td>
              <td>
                {r.bottleneck ? `${r.bottleneck.name} ${Math.round(r.bottleneck.utilization * 100)} %` : '–'}
              </td>
              <td title={r.overloadReason ?? undefined}>
                {[
                  r.rate === summary.knee ? 'knee' : '',
                  r.overloaded ? 'overloaded' : '',
                  r.rate === summary.objectiveMissedAt ? 'objective missed' : '',
                ]
                  .filter(Boolean)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
