import { FAULT_KIND_INFO } from '../model/faultKinds';
import type { Fault } from '../model/schema';
import type { ComparedReport, FaultWindow, FigureRow, FigureUnit, Better } from './types';

/** Half the precision a figure is shown with: a difference below it reads as "the same". */
export const SAME_WITHIN: Record<FigureUnit, number> = {
  ms: 0.05,
  share: 0.0005,
  perSecond: 0.005,
  count: 0.5,
};

/** A row from A's and B's values: the difference and which is better. */
export function figureRow(
  key: string,
  label: string,
  unit: FigureUnit,
  better: Better,
  a: number | null,
  b: number | null,
): FigureRow {
  const difference = a === null || b === null ? null : b - a;
  let winner: FigureRow['winner'] = null;
  if (difference !== null) {
    if (Math.abs(difference) < SAME_WITHIN[unit]) winner = 'same';
    else winner = difference < 0 === (better === 'lower') ? 'b' : 'a';
  }
  return { key, label, unit, better, a, b, difference, winner };
}

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)}`;

/** The fault script as windows of simulated time (a fault of duration 0 lasts to the run's end). */
export function faultWindows(faults: readonly Fault[], report: ComparedReport): FaultWindow[] {
  return faults.map((f) => {
    const info = FAULT_KIND_INFO[f.kind];
    const target =
      info.target === 'service' ? (report.services[f.target]?.name ?? f.target) : `edge ${f.target}`;
    const endMs = f.durationMs > 0 ? f.atMs + f.durationMs : report.until;
    const during = `${target} is ${info.effect(f)}`;
    return {
      id: f.id,
      label: `${during} (${seconds(f.atMs)}–${seconds(endMs)} s)`,
      during,
      startMs: f.atMs,
      endMs,
    };
  });
}

/**
 * A client's success rate among the requests that ended in the buckets overlapping `window` (the
 * series' resolution: a fault on whole buckets is counted exactly). Null without a series or when
 * no request ended then.
 */
export function successDuring(report: ComparedReport, clientId: string, window: FaultWindow): number | null {
  const series = report.series;
  const client = series && Object.hasOwn(series.clients, clientId) ? series.clients[clientId] : undefined;
  if (!series || !client) return null;
  let succeeded = 0;
  let ended = 0;
  series.t.forEach((start, i) => {
    if (start >= window.endMs || start + series.bucketMs <= window.startMs) return;
    const ok = client.succeeded[i] ?? 0;
    succeeded += ok;
    ended += ok + (client.failed[i] ?? 0) + (client.timedOut[i] ?? 0);
  });
  return ended > 0 ? succeeded / ended : null;
}

/** The figures of one client in one run, by row key (null where the run has no such figure). */
export function clientFigures(
  report: ComparedReport,
  clientId: string,
  windows: readonly FaultWindow[],
): Map<string, number | null> {
  const c = report.clients[clientId]!;
  const ended = c.succeeded + c.failed + c.timedOut;
  const latency = (p: number) => (c.succeeded > 0 ? p : null);
  const lengthMs = report.stoppedAtMs ?? report.until;
  const out = new Map<string, number | null>([
    ['latency.p50', latency(c.latencyMs.p50)],
    ['latency.p95', latency(c.latencyMs.p95)],
    ['latency.p99', latency(c.latencyMs.p99)],
    ['success', ended > 0 ? c.succeeded / ended : null],
  ]);
  for (const w of windows) out.set(`success.during.${w.id}`, successDuring(report, clientId, w));
  out.set('throughput', lengthMs > 0 ? c.succeeded / (lengthMs / 1000) : null);
  const objective =
    report.objectives && Object.hasOwn(report.objectives, clientId) ? report.objectives[clientId] : undefined;
  if (objective) {
    const judged = objective.met + objective.missed;
    out.set('objective', judged > 0 ? objective.met / judged : null);
  }
  return out;
}

/** Labels, units and directions of the client rows, in the order they are shown. */
export function clientRowShapes(
  windows: readonly FaultWindow[],
  withObjective: boolean,
): Array<{ key: string; label: string; unit: FigureUnit; better: Better }> {
  return [
    { key: 'latency.p50', label: 'Latency p50', unit: 'ms', better: 'lower' },
    { key: 'latency.p95', label: 'Latency p95', unit: 'ms', better: 'lower' },
    { key: 'latency.p99', label: 'Latency p99', unit: 'ms', better: 'lower' },
    { key: 'success', label: 'Success rate', unit: 'share', better: 'higher' },
    ...windows.map((w) => ({
      key: `success.during.${w.id}`,
      label: `Success while ${w.label}`,
      unit: 'share' as const,
      better: 'higher' as const,
    })),
    { key: 'throughput', label: 'Throughput (succeeded per second)', unit: 'perSecond', better: 'higher' },
    ...(withObjective
      ? [
          {
            key: 'objective',
            label: 'Objective windows met',
            unit: 'share' as const,
            better: 'higher' as const,
          },
        ]
      : []),
  ];
}

/** The deepest queue of a run (topics hold copies, not a backlog, so they are left out): depth and name. */
function deepestQueue(report: ComparedReport): { depth: number; name?: string } {
  let out: { depth: number; name?: string } = { depth: 0 };
  for (const [name, c] of Object.entries(report.channels))
    if (c.kind === 'queue' && (out.name === undefined || c.maxDepth > out.depth))
      out = { depth: c.maxDepth, name };
  return out;
}

const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

/** The figures of the whole diagram: deepest queue, duplicate side effects, sagas compensated and stuck. */
export function systemRows(a: ComparedReport, b: ComparedReport): FigureRow[] {
  const queueA = deepestQueue(a);
  const queueB = deepestQueue(b);
  const depth = figureRow(
    'maxQueueDepth',
    'Deepest queue (max depth)',
    'count',
    'lower',
    queueA.depth,
    queueB.depth,
  );
  depth.detail = { a: queueA.name, b: queueB.name };
  const sagas = (r: ComparedReport, key: 'compensated' | 'stuck') =>
    sum(Object.values(r.sagas).map((s) => s[key]));
  return [
    depth,
    figureRow('duplicates', 'Duplicate side effects', 'count', 'lower', a.duplicates, b.duplicates),
    figureRow(
      'sagas.compensated',
      'Sagas compensated',
      'count',
      'lower',
      sagas(a, 'compensated'),
      sagas(b, 'compensated'),
    ),
    figureRow('sagas.stuck', 'Sagas stuck', 'count', 'lower', sagas(a, 'stuck'), sagas(b, 'stuck')),
  ];
}
