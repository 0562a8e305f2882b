import {
  formatDifference,
  formatValue,
  type Comparison,
  type FigureRow,
  type Unmatched,
} from '../../compare/index';

/** A value cell, marked when it is the better of the two. */
function ValueCell({ row, side }: { row: FigureRow; side: 'a' | 'b' }) {
  const better = row.winner === side;
  return (
    <td className={better ? 'cmp__value is-better' : 'cmp__value'}>
      {formatValue(row.unit, row[side])}
      {better && (
        <span className="cmp__mark" aria-label="better" title="better">
          {' '}
          ✓
        </span>
      )}
    </td>
  );
}

/** One table of figures: a row per figure with A, B, B − A and which is better. */
function FigureTable({ title, rows, testId }: { title: string; rows: readonly FigureRow[]; testId: string }) {
  return (
    <table className="cmp__table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">A</th>
          <th scope="col">B</th>
          <th scope="col">B − A</th>
          <th scope="col">Better</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-key={row.key}>
            <th scope="row">
              {row.label}
              <span className="cmp__direction">{row.better === 'lower' ? ' (lower is better)' : ''}</span>
            </th>
            <ValueCell row={row} side="a" />
            <ValueCell row={row} side="b" />
            <td className="cmp__value">{formatDifference(row)}</td>
            <td className="cmp__winner">
              {row.winner === null ? '—' : row.winner === 'same' ? 'same' : row.winner.toUpperCase()}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const unmatchedText = (items: readonly Unmatched[]) =>
  items.map((u) => (u.name === u.id ? `${u.kind} ${u.id}` : `${u.kind} ${u.name}`)).join(', ');

/** The comparison's tables: one per client, one for the whole diagram, then what has no counterpart. */
export function ComparisonTables({ comparison }: { comparison: Comparison }) {
  return (
    <>
      <div className="cmp__tables">
        {comparison.clients.map((c) => (
          <FigureTable key={c.id} title={c.name} rows={c.rows} testId={`comparison-client-${c.id}`} />
        ))}
        <FigureTable title="Whole diagram" rows={comparison.system} testId="comparison-system" />
      </div>
      {comparison.clients.length === 0 && (
        <p className="muted">No client is in both A and B, so no client figures are compared.</p>
      )}
      {comparison.onlyInA.length > 0 && (
        <p className="cmp__unmatched">
          <strong>Only in A:</strong> {unmatchedText(comparison.onlyInA)}
        </p>
      )}
      {comparison.onlyInB.length > 0 && (
        <p className="cmp__unmatched">
          <strong>Only in B:</strong> {unmatchedText(comparison.onlyInB)}
        </p>
      )}
    </>
  );
}
