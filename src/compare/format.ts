import type { FigureRow, FigureUnit } from './types';

const trim = (x: number, digits: number) => String(+x.toFixed(digits));

/** A value as shown in the table and the verdict: "142 ms", "9.5 ms", "100 %", "1.95/s", "21"; null is "—". */
export function formatValue(unit: FigureUnit, value: number | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ms':
      return `${Math.abs(value) >= 100 ? trim(value, 0) : trim(value, 1)} ms`;
    case 'share':
      return `${trim(value * 100, 1)} %`;
    case 'perSecond':
      return `${trim(value, 2)}/s`;
    case 'count':
      return trim(value, 0);
  }
}

/** A difference B − A with its sign; a share's in percentage points ("+100 pts"); "0" when the same. */
export function formatDifference(row: Pick<FigureRow, 'unit' | 'difference' | 'winner'>): string {
  const d = row.difference;
  if (d === null) return '—';
  if (row.winner === 'same') return '0';
  const sign = d > 0 ? '+' : '−';
  const size = Math.abs(d);
  if (row.unit === 'share') return `${sign}${trim(size * 100, 1)} pts`;
  return `${sign}${formatValue(row.unit, size)}`;
}

/** Which is better, in words for a table cell and a screen reader. */
export function formatWinner(winner: FigureRow['winner']): string {
  if (winner === null) return '—';
  return winner === 'same' ? 'same' : winner.toUpperCase();
}
