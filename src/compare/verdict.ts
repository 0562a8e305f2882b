import { formatValue } from './format';
import type { ClientComparison, FigureRow } from './types';

/*
 * The verdict line says only what the figures say: it picks the differences that are large enough to
 * matter (thresholds below), B's gains first, then "but" its losses, each with both values. It never
 * guesses a cause.
 */

/** How large a difference must be to be told: success in points, latency and throughput relative. */
export const NOTABLE = { sharePoints: 0.01, latencyRelative: 0.1, latencyMs: 1, throughputRelative: 0.05 };

/** Whether a row's difference is large enough for the verdict. */
export function isNotable(row: FigureRow): boolean {
  if (row.winner !== 'a' && row.winner !== 'b') return false;
  const a = row.a!;
  const b = row.b!;
  const size = Math.abs(b - a);
  switch (row.unit) {
    case 'share':
      return size >= NOTABLE.sharePoints;
    case 'ms':
      return size >= NOTABLE.latencyMs && size >= NOTABLE.latencyRelative * Math.max(a, b);
    case 'perSecond':
      return size >= NOTABLE.throughputRelative * Math.max(a, b);
    case 'count':
      return true;
  }
}

/** Order in which differences are told: what the client lives through first. */
function priority(key: string): number {
  if (key.startsWith('success.during.')) return 0;
  const order = [
    'success',
    'latency.p50',
    'latency.p99',
    'latency.p95',
    'throughput',
    'objective',
    'sagas.stuck',
    'duplicates',
    'sagas.compensated',
    'maxQueueDepth',
  ];
  return 1 + order.indexOf(key);
}

/** B's side of one difference, as a verb phrase ("answers Web Client in 12 ms instead of 96 ms at p50"). */
function clause(row: FigureRow, name: string | null, again: boolean): string {
  // The client named once, then "it", while the clauses keep talking about the same one.
  const client = again ? 'it' : name;
  const its = again ? 'its' : `${name}'s`;
  const b = formatValue(row.unit, row.b);
  const a = formatValue(row.unit, row.a);
  if (row.key.startsWith('success.during.')) {
    const during = row.label.replace(/^Success while /, '').replace(/ \([^)]*\)$/, '');
    const verb = row.winner === 'b' && row.b! >= 0.9995 ? 'keeps' : 'gives';
    return `${verb} ${client} ${verb === 'keeps' ? 'at ' : ''}${b} success while ${during} (A: ${a})`;
  }
  switch (row.key) {
    case 'success':
      return `gives ${client} ${b} success overall (A: ${a})`;
    case 'latency.p50':
    case 'latency.p95':
    case 'latency.p99':
      return `answers ${client} in ${b} instead of ${a} at ${row.key.slice('latency.'.length)}`;
    case 'throughput':
      return `completes ${b} of ${its} requests instead of ${a}`;
    case 'objective':
      return `meets ${its} objective in ${b} of its windows (A: ${a})`;
    case 'sagas.stuck':
      return `leaves ${b} sagas stuck instead of ${a}`;
    case 'duplicates':
      return `makes ${b} duplicate side effects instead of ${a}`;
    case 'sagas.compensated':
      return `compensates ${b} sagas instead of ${a}`;
    case 'maxQueueDepth': {
      const name = row.detail?.b ? ` (${row.detail.b})` : '';
      return `has its deepest queue${name} at ${b} messages (A: ${a})`;
    }
    default:
      return `has ${row.label} ${b} (A: ${a})`;
  }
}

const joinAnd = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

/** The verdict: B's notable gains, then "but" its notable losses; or that the runs agree. */
export function verdictLine(
  clients: readonly ClientComparison[],
  system: readonly FigureRow[],
  identical: boolean,
): string {
  const told: Array<{ row: FigureRow; client: string | null }> = [];
  for (const c of clients) for (const row of c.rows) if (isNotable(row)) told.push({ row, client: c.name });
  for (const row of system) if (isNotable(row)) told.push({ row, client: null });
  told.sort((x, y) => priority(x.row.key) - priority(y.row.key));
  // p95 only when neither p50 nor p99 of the same client says it already.
  const latencyTold = new Set(
    told.filter((t) => t.row.key === 'latency.p50' || t.row.key === 'latency.p99').map((t) => t.client),
  );
  const kept = told.filter((t) => t.row.key !== 'latency.p95' || !latencyTold.has(t.client));
  const gains = kept.filter((t) => t.row.winner === 'b').slice(0, 3);
  const losses = kept.filter((t) => t.row.winner === 'a').slice(0, 2);
  const say = (list: typeof kept) =>
    joinAnd(
      list.map((t, i) =>
        clause(t.row, t.client, i > 0 && t.client !== null && list[i - 1]!.client === t.client),
      ),
    );
  if (gains.length && losses.length) return `B ${say(gains)}, but ${say(losses)}.`;
  if (gains.length) return `B ${say(gains)}.`;
  if (losses.length) return `B ${say(losses)}.`;
  if (identical) return 'A and B give exactly the same figures.';
  return (
    'No figure differs noticeably between A and B (success within 1 point, latency within 10 %, ' +
    'throughput within 5 %, every count equal).'
  );
}
