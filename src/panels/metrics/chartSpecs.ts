/**
 * What the Metrics panel charts, as data: for each kind of element, its charts, and for each chart
 * its lines and how a line's value at a bucket comes from the run's series columns.
 */

/**
 * One element's columns (a record of arrays aligned with the series' `t`; NaN where there is no
 * sample). Typed loosely so the engine's per-kind interfaces (ClientSeries, …) fit as they are.
 */
export type Columns = object;

/**
 * The run's time series as the panel reads them (the engine's RunSeries has this shape): bucket
 * start times, and per element a record of columns aligned with them.
 */
export interface SeriesData {
  bucketMs: number;
  t: ArrayLike<number>;
  /** Simulated time the series covers up to: the last bucket may be partial. */
  endMs?: number;
  clients: Readonly<Record<string, Columns>>;
  services: Readonly<Record<string, Columns>>;
  channels: Readonly<Record<string, Columns>>;
  sagas: Readonly<Record<string, Columns>>;
  edges?: Readonly<Record<string, Columns>>;
}

export type ElementKind = 'client' | 'service' | 'channel' | 'saga' | 'edge';

/** The colours lines take, as CSS variables of the theme (src/app/styles.css). */
export type LineColor =
  | '--accent'
  | '--success'
  | '--danger'
  | '--warning'
  | '--edge-topic'
  | '--edge-saga'
  | '--kind-client'
  | '--muted';

/** How a line's value at bucket `i` comes from the columns. */
type Value =
  /** A count per bucket, as a rate per second. */
  | { per: 'second'; columns: readonly string[] }
  /** A count as a share (%) of the sum of `of`. */
  | { per: 'share'; columns: readonly string[]; of: readonly string[] }
  /** A level (a gauge, a percentile), times `scale`. */
  | { per: 'level'; columns: readonly string[]; scale?: number };

export interface LineSpec {
  label: string;
  color: LineColor;
  value: Value;
  /** Drawn as steps (a state that holds until it changes), not as a slope between samples. */
  stepped?: boolean;
}

export interface ChartSpec {
  /** Unique within its element. */
  id: string;
  title: string;
  /** The y axis's unit, short: "%", "ms", "/s", "messages". */
  unit: string;
  lines: readonly LineSpec[];
  /** A fixed y range (shares and utilization go 0–100). */
  range?: readonly [number, number];
  /** Named y values (a circuit breaker's states), shown instead of numbers. */
  states?: readonly string[];
}

const perSecond = (...columns: string[]): Value => ({ per: 'second', columns });
const level = (columns: string[], scale = 1): Value => ({ per: 'level', columns, scale });
const FINISHED = ['succeeded', 'failed', 'timedOut'];
const share = (column: string): Value => ({ per: 'share', columns: [column], of: FINISHED });

/** The circuit breaker's states, in the order of their value in the series (0, 1, 2). */
export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;

/** Every kind's charts, most telling first. Alternative column names are tried in order. */
export const CHARTS: Record<ElementKind, readonly ChartSpec[]> = {
  client: [
    {
      id: 'outcomes',
      title: 'Outcomes',
      unit: '%',
      range: [0, 100],
      lines: [
        { label: 'success', color: '--success', value: share('succeeded') },
        { label: 'error', color: '--danger', value: share('failed') },
        { label: 'timeout', color: '--warning', value: share('timedOut') },
      ],
    },
    {
      id: 'latency',
      title: 'End-to-end latency',
      unit: 'ms',
      lines: [
        { label: 'p50', color: '--accent', value: level(['p50']) },
        { label: 'p95', color: '--warning', value: level(['p95']) },
        { label: 'p99', color: '--danger', value: level(['p99']) },
      ],
    },
    {
      id: 'requests',
      title: 'Requests',
      unit: '/s',
      lines: [{ label: 'sent', color: '--kind-client', value: perSecond('sent') }],
    },
  ],
  service: [
    {
      id: 'utilization',
      title: 'Utilization',
      unit: '%',
      range: [0, 100],
      lines: [{ label: 'busy', color: '--accent', value: level(['utilization'], 100) }],
    },
    {
      id: 'throughput',
      title: 'Handled and failed',
      unit: '/s',
      lines: [
        { label: 'handled', color: '--success', value: perSecond('handled') },
        { label: 'failed', color: '--danger', value: perSecond('failed') },
      ],
    },
    {
      id: 'inbox',
      title: 'Inbox',
      unit: 'messages',
      lines: [{ label: 'waiting', color: '--warning', value: level(['inbox']) }],
    },
  ],
  channel: [
    {
      id: 'depth',
      title: 'Depth (backlog)',
      unit: 'messages',
      lines: [{ label: 'depth', color: '--warning', value: level(['depth', 'backlog']) }],
    },
    {
      id: 'age',
      title: 'Oldest message',
      unit: 'ms',
      lines: [{ label: 'age', color: '--accent', value: level(['oldestAgeMs']) }],
    },
    {
      id: 'redeliveries',
      title: 'Redeliveries and dead letters',
      unit: '/s',
      lines: [
        { label: 'redelivered', color: '--warning', value: perSecond('redelivered', 'redeliveries') },
        { label: 'dead-lettered', color: '--danger', value: perSecond('deadLettered') },
      ],
    },
  ],
  saga: [
    {
      id: 'instances',
      title: 'Instances',
      unit: '/s',
      lines: [
        { label: 'started', color: '--accent', value: perSecond('started') },
        { label: 'completed', color: '--success', value: perSecond('completed') },
        { label: 'compensated', color: '--warning', value: perSecond('compensated') },
        { label: 'stuck', color: '--danger', value: perSecond('stuck') },
      ],
    },
  ],
  edge: [
    {
      id: 'retries',
      title: 'Retries and failed attempts',
      unit: '/s',
      lines: [
        { label: 'retries', color: '--warning', value: perSecond('retried', 'retries') },
        { label: 'failed', color: '--danger', value: perSecond('failed') },
        { label: 'duplicates', color: '--edge-saga', value: perSecond('duplicates') },
        { label: 'failed fast', color: '--muted', value: perSecond('shortCircuited') },
      ],
    },
    {
      id: 'circuit',
      title: 'Circuit breaker',
      unit: 'state',
      range: [0, 2],
      states: CIRCUIT_STATES,
      lines: [{ label: 'circuit', color: '--danger', value: level(['breaker', 'circuit']), stepped: true }],
    },
  ],
};

/** Prefix of a topic's per-subscription backlog columns (`backlog:<subscriber id>`, see seriesShape.ts). */
const BACKLOG_PREFIX = 'backlog:';
/** Colours of the subscriptions' lines, in turn. */
const SUBSCRIPTION_COLORS: readonly LineColor[] = [
  '--edge-topic',
  '--accent',
  '--warning',
  '--edge-saga',
  '--kind-client',
  '--danger',
];
/** One chart per topic and set of subscribers, kept so a chart keeps its identity while the run plays. */
const subscriptionCharts = new Map<string, ChartSpec>();

/**
 * A topic's backlog per subscription as a chart (one line per subscriber, named from `names`), or
 * undefined for a queue or a topic without subscribers.
 */
export function subscriptionChart(
  topic: string,
  columns: Columns,
  names: ReadonlyMap<string, string>,
): ChartSpec | undefined {
  const keys = Object.keys(columns).filter((k) => k.startsWith(BACKLOG_PREFIX));
  if (!keys.length) return undefined;
  const labels = keys.map((k) => names.get(k.slice(BACKLOG_PREFIX.length)) ?? k.slice(BACKLOG_PREFIX.length));
  const cacheKey = JSON.stringify([topic, keys, labels]);
  let chart = subscriptionCharts.get(cacheKey);
  if (!chart) {
    chart = {
      id: 'subscriptions',
      title: 'Backlog per subscription',
      unit: 'messages',
      lines: keys.map((key, i) => ({
        label: labels[i]!,
        color: SUBSCRIPTION_COLORS[i % SUBSCRIPTION_COLORS.length]!,
        value: level([key]),
        stepped: true,
      })),
    };
    subscriptionCharts.set(cacheKey, chart);
  }
  return chart;
}

/** The first of `names` that `columns` has. */
function pick(columns: Columns, names: readonly string[]): ArrayLike<number> | undefined {
  for (const name of names) {
    if (Object.hasOwn(columns, name)) return (columns as Record<string, ArrayLike<number> | undefined>)[name];
  }
  return undefined;
}

/** Whether `columns` has data for at least one of `chart`'s lines. */
export function chartHasData(chart: ChartSpec, columns: Columns): boolean {
  return chart.lines.some((l) => pick(columns, l.value.columns) !== undefined);
}

/**
 * A line's values, one per bucket of `frame` (null: no sample, or a share of nothing). Rates divide
 * by the time the bucket covers: the last one may be partial (it ends at `frame.endMs`).
 */
export function lineValues(
  line: LineSpec,
  columns: Columns,
  frame: Pick<SeriesData, 't' | 'bucketMs' | 'endMs'>,
): (number | null)[] {
  const count = frame.t.length;
  const out: (number | null)[] = new Array(count).fill(null);
  const main = pick(columns, line.value.columns);
  if (!main) return out;
  const v = line.value;
  const of = v.per === 'share' ? v.of.map((c) => pick(columns, [c])) : [];
  const end = frame.endMs ?? Infinity;
  for (let i = 0; i < count; i++) {
    const x = main[i];
    if (x === undefined || Number.isNaN(x)) continue;
    const seconds = Math.min(frame.bucketMs, end - frame.t[i]!) / 1000;
    if (v.per === 'second') out[i] = seconds > 0 ? x / seconds : null;
    else if (v.per === 'level') out[i] = x * (v.scale ?? 1);
    else {
      let total = 0;
      for (const c of of) {
        const y = c?.[i];
        if (y !== undefined && !Number.isNaN(y)) total += y;
      }
      out[i] = total > 0 ? (100 * x) / total : null;
    }
  }
  return out;
}

/** The element's record in a series record keyed by ids a person typed (never a built-in). */
export function columnsOf(
  record: Readonly<Record<string, Columns>> | undefined,
  id: string,
): Columns | undefined {
  return record && Object.hasOwn(record, id) ? record[id] : undefined;
}

/**
 * Indices of values with no value on either side: a line cannot show them (a client that finishes a
 * request every few seconds has such buckets), so the chart draws them as dots.
 */
export function isolatedPoints(values: ArrayLike<number | null | undefined>): number[] {
  const has = (i: number) => i >= 0 && i < values.length && values[i] !== null && values[i] !== undefined;
  const isolated: number[] = [];
  for (let i = 0; i < values.length; i++) if (has(i) && !has(i - 1) && !has(i + 1)) isolated.push(i);
  return isolated;
}
