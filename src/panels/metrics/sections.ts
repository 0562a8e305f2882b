import type { Diagram, Edge } from '../../model/schema';
import { judgeObjective, type ObjectiveResult, type SeriesFrame } from '../../store/health';
import {
  CHARTS,
  chartHasData,
  columnsOf,
  subscriptionChart,
  type Columns,
  type ChartSpec,
  type ElementKind,
  type SeriesData,
} from './chartSpecs';

/** One element the panel charts: a client, a service, a channel, a saga or an edge. */
export interface MetricElement {
  kind: ElementKind;
  /** Its key in the series (a service or edge id, a channel or saga name). */
  key: string;
  name: string;
  columns: Columns;
  /** Diagram ids whose selection on the canvas focuses this element's charts. */
  focusIds: readonly string[];
  /** Why its charts are flat or empty, in a sentence (a client with no traffic). */
  note?: string;
  /** Charts of its kind it does not get (a circuit-breaker chart for an edge without one). */
  hiddenCharts?: readonly string[];
  /** Charts only it has: a topic's backlog per subscription (one line per subscriber). */
  extraCharts?: readonly ChartSpec[];
  /** Selected on the canvas: its charts come first and open. */
  focused: boolean;
  /** A client's objective judged on the run so far: its charts draw the targets and misses. */
  objective?: ObjectiveResult;
}

/** A section of the panel: one kind of element. */
export interface MetricSection {
  kind: ElementKind;
  title: string;
  elements: MetricElement[];
  /** Why the section has nothing to chart, when it has nothing. */
  empty?: string;
}

const TITLES: Record<ElementKind, string> = {
  client: 'Clients',
  service: 'Services',
  channel: 'Queues and topics',
  saga: 'Sagas',
  edge: 'Calls (retries and circuit breakers)',
};

/** Why a client sends nothing, from its settings, or undefined when it does send. */
function clientNote(d: Pick<Diagram, 'edges'>, client: Diagram['services'][number], columns: Columns) {
  if (client.traffic.rate === 0) return 'It sends no traffic: its rate is 0 requests per second.';
  if (!d.edges.some((e) => e.from === client.id))
    return 'It sends nothing: it has no outgoing edge. Connect it to a service.';
  const sent = (columns as { sent?: ArrayLike<number> }).sent;
  let total = 0;
  for (let i = 0; sent && i < sent.length; i++) if (!Number.isNaN(sent[i]!)) total += sent[i]!;
  return total === 0 ? 'It has sent no request yet.' : undefined;
}

/** Whether a channel key names the channel or topic an edge carries. */
function edgeCarries(e: Edge, key: string): boolean {
  if (e.kind === 'queue') return e.channel === key || e.replyChannel === key;
  // A topic whose name is also a queue's is keyed "<name> (topic)" in the series.
  if (e.kind === 'topic') return e.topic === key || key === `${e.topic} (topic)`;
  return false;
}

/** The series' frame as objectives are judged on it: a series without an end ends with its last bucket. */
function judgedFrame(series: SeriesData): SeriesFrame {
  const n = series.t.length;
  const endMs = series.endMs ?? (n ? series.t[n - 1]! + series.bucketMs : 0);
  return { t: series.t, bucketMs: series.bucketMs, endMs };
}

/** Orders focused elements first, keeping the diagram's order otherwise. */
function focusFirst(list: MetricElement[]): MetricElement[] {
  return [...list.filter((x) => x.focused), ...list.filter((x) => !x.focused)];
}

/**
 * The panel's sections for a run's series, clients first, with the elements `selection` focuses at
 * the top of theirs. Elements keep the diagram's order; names come from the diagram.
 */
export function metricSections(
  diagram: Pick<Diagram, 'services' | 'edges'>,
  series: SeriesData,
  selection: readonly string[],
): MetricSection[] {
  const selected = new Set(selection);
  const element = (
    kind: ElementKind,
    key: string,
    name: string,
    columns: Columns,
    focusIds: string[],
    note?: string,
  ): MetricElement => ({
    kind,
    key,
    name,
    columns,
    focusIds,
    note,
    focused: focusIds.some((id) => selected.has(id)),
  });

  const clients = diagram.services
    .filter((s) => s.kind === 'client')
    .map((s) => {
      const columns = columnsOf(series.clients, s.id) ?? {};
      const x = element('client', s.id, s.name, columns, [s.id], clientNote(diagram, s, columns));
      return s.objective && 'succeeded' in columns
        ? { ...x, objective: judgeObjective(judgedFrame(series), columns, s.objective) }
        : x;
    });
  const services = diagram.services.flatMap((s) => {
    const columns = s.kind === 'client' ? undefined : columnsOf(series.services, s.id);
    return columns ? [element('service', s.id, s.name, columns, [s.id])] : [];
  });
  const names = new Map(diagram.services.map((s) => [s.id, s.name]));
  const channels = Object.keys(series.channels).map((key) => {
    const edges = diagram.edges.filter((e) => edgeCarries(e, key)).map((e) => e.id);
    const x = element('channel', key, key, series.channels[key]!, edges);
    const backlog = subscriptionChart(key, x.columns, names);
    return backlog ? { ...x, extraCharts: [backlog] } : x;
  });
  const sagas = Object.keys(series.sagas).map((key) => {
    const edges = diagram.edges.filter((e) => e.kind === 'saga' && e.saga === key).map((e) => e.id);
    return element('saga', key, key, series.sagas[key]!, edges);
  });
  const edges = diagram.edges.flatMap((e) => {
    const columns = e.kind === 'sync' ? columnsOf(series.edges, e.id) : undefined;
    if (!columns || !CHARTS.edge.some((c) => chartHasData(c, columns))) return [];
    const route = `${names.get(e.from) ?? e.from} → ${names.get(e.to) ?? e.to}`;
    const x = element('edge', e.id, e.message ? `${e.message} (${route})` : route, columns, [e.id]);
    return [e.kind === 'sync' && e.breaker.enabled ? x : { ...x, hiddenCharts: ['circuit'] }];
  });
  return [
    {
      kind: 'client',
      title: TITLES.client,
      elements: focusFirst(clients),
      empty: clients.length
        ? undefined
        : 'This diagram has no client, so nothing sends requests. Add a client from the palette and connect it to a service.',
    },
    { kind: 'service', title: TITLES.service, elements: focusFirst(services) },
    { kind: 'channel', title: TITLES.channel, elements: focusFirst(channels) },
    { kind: 'saga', title: TITLES.saga, elements: focusFirst(sagas) },
    { kind: 'edge', title: TITLES.edge, elements: focusFirst(edges) },
  ].filter((s) => s.elements.length > 0 || s.empty) as MetricSection[];
}
