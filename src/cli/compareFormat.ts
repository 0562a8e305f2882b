import {
  formatDifference,
  formatValue,
  formatWinner,
  type Comparison,
  type FigureRow,
} from '../compare/index';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const figureLines = (rows: readonly FigureRow[]) =>
  table([
    ['figure', 'A', 'B', 'B − A', 'better'],
    ...rows.map((r) => [
      r.label,
      formatValue(r.unit, r.a),
      formatValue(r.unit, r.b),
      formatDifference(r),
      formatWinner(r.winner),
    ]),
  ]);

/** The readable comparison: a table per client and one for the whole diagram, what has no counterpart, the verdict. */
export function formatComparison(c: Comparison): string {
  const out = ['Comparison (A against B, the same seed, traffic and fault script)'];
  if (c.identical) out.push('A and B are identical: every difference is zero.');
  for (const client of c.clients) out.push(`\n${client.name} (${client.id})\n${figureLines(client.rows)}`);
  if (!c.clients.length) out.push('\nNo client is in both A and B, so no client figures are compared.');
  out.push(`\nWhole diagram\n${figureLines(c.system)}`);
  const list = (items: Comparison['onlyInA']) =>
    items.map((u) => (u.name === u.id ? `${u.kind} ${u.id}` : `${u.kind} ${u.name} (${u.id})`)).join(', ');
  if (c.onlyInA.length) out.push(`\nOnly in A: ${list(c.onlyInA)}`);
  if (c.onlyInB.length) out.push(`${c.onlyInA.length ? '' : '\n'}Only in B: ${list(c.onlyInB)}`);
  out.push(`\nVerdict: ${c.verdict}`);
  return out.join('\n');
}
