import type { SweepSummary } from '../../runtime/index';
import { SweepChart, type SweepMarks } from './SweepChart';
import { describeSweep, formatMs, formatRate, formatShare } from './summary';

/** The curve of a finished load test: its summary in words, two charts, the marks' key and the figures. */
export function LoadTestResults({
  summary,
  clientName,
  hasObjective,
  theme,
}: {
  summary: SweepSummary;
  clientName: string;
  hasObjective: boolean;
  theme: string;
}) {
  const rows = summary.rows;
  const rates = rows.map((r) => r.rate);
  const marks: SweepMarks = {
    knee: summary.knee,
    objectiveMissedAt: summary.objectiveMissedAt,
    overloaded: rows.filter((r) => r.overloaded).map((r) => r.rate),
  };
  const text = describeSweep(summary, clientName, hasObjective);
  return (
    <section className="lt-results" aria-label="Load test results">
      <p className="lt-summary" data-testid="loadtest-summary">
        {text}
      </p>
      <div className="lt-charts">
        <SweepChart
          title="Latency"
          unit="ms"
          rates={rates}
          lines={[
            { label: 'p50', color: '--accent', values: rows.map((r) => r.p50) },
            { label: 'p95', color: '--warning', values: rows.map((r) => r.p95) },
            { label: 'p99', color: '--danger', values: rows.map((r) => r.p99) },
          ]}
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
          lines={[
            {
              label: 'success',
              color: '--success',
              values: rows.map((r) => (r.successRate === null ? null : r.successRate * 100)),
            },
            {
              label: 'throughput',
              color: '--kind-client',
              values: rows.map((r) => r.throughput),
              axis: 'right',
            },
          ]}
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
        <span className="lt-mark lt-mark--overloaded" /> overloaded · x: offered load
      </p>
      <details className="lt-figures">
        <summary>Figures per load</summary>
        <table data-testid="loadtest-table">
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
            {rows.map((r) => (
              <tr key={r.rate}>
                <th scope="row">{formatRate(r.rate)}</th>
                <td>{formatMs(r.p50)}</td>
                <td>{formatMs(r.p95)}</td>
                <td>{formatMs(r.p99)}</td>
                <td>{formatShare(r.successRate)}</td>
                <td>{formatRate(r.throughput)}</td>
                <td>
                  {r.bottleneck
                    ? `${r.bottleneck.name} ${Math.round(r.bottleneck.utilization * 100)} %`
                    : '–'}
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
    </section>
  );
}
