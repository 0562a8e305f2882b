import type { Fault } from '../model/schema';
import { clientFigures, clientRowShapes, faultWindows, figureRow, systemRows } from './figures';
import type { ClientComparison, ComparedReport, Comparison, Unmatched } from './types';
import { verdictLine } from './verdict';

/** What has no counterpart in `other`: clients, services, edges (by id), channels and sagas (by name). */
function unmatched(report: ComparedReport, other: ComparedReport): Unmatched[] {
  const out: Unmatched[] = [];
  const missing = (section: Record<string, unknown>, id: string) => !Object.hasOwn(section, id);
  for (const [id, c] of Object.entries(report.clients))
    if (missing(other.clients, id)) out.push({ kind: 'client', id, name: c.name });
  for (const [id, s] of Object.entries(report.services))
    if (missing(other.services, id) && !Object.hasOwn(report.clients, id))
      out.push({ kind: 'service', id, name: s.name });
  for (const id of Object.keys(report.edges))
    if (missing(other.edges, id)) out.push({ kind: 'edge', id, name: id });
  for (const name of Object.keys(report.channels))
    if (missing(other.channels, name)) out.push({ kind: 'channel', id: name, name });
  for (const name of Object.keys(report.sagas))
    if (missing(other.sagas, name)) out.push({ kind: 'saga', id: name, name });
  return out;
}

/**
 * Compares two runs of the same traffic and fault script: per client (matched by id) latency p50 /
 * p95 / p99, success overall and during each fault, throughput and objective windows met; for the
 * whole diagram the deepest queue, duplicate side effects and sagas compensated and stuck. Each
 * figure has A, B, B − A and which is better; then what has no counterpart, whether the two are
 * identical, and the verdict line. `faults` is the script both ran with.
 */
export function compareRuns(a: ComparedReport, b: ComparedReport, faults: readonly Fault[]): Comparison {
  const windows = faultWindows(faults, a);
  const clients: ClientComparison[] = [];
  for (const [id, client] of Object.entries(a.clients)) {
    if (!Object.hasOwn(b.clients, id)) continue;
    const figuresA = clientFigures(a, id, windows);
    const figuresB = clientFigures(b, id, windows);
    const withObjective = figuresA.has('objective') || figuresB.has('objective');
    const rows = clientRowShapes(windows, withObjective).map((s) =>
      figureRow(s.key, s.label, s.unit, s.better, figuresA.get(s.key) ?? null, figuresB.get(s.key) ?? null),
    );
    clients.push({ id, name: client.name, rows });
  }
  const system = systemRows(a, b);
  const onlyInA = unmatched(a, b);
  const onlyInB = unmatched(b, a);
  const rows = [...clients.flatMap((c) => c.rows), ...system];
  const identical =
    onlyInA.length === 0 &&
    onlyInB.length === 0 &&
    rows.every((r) => r.difference === 0 || (r.a === null && r.b === null));
  return {
    clients,
    system,
    faults: windows,
    onlyInA,
    onlyInB,
    identical,
    verdict: verdictLine(clients, system, identical),
  };
}
