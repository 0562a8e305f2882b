/**
 * The shape of a run's time series (issue 11): what the engine collects when series are on, what the
 * CLI prints under `series` with `--series`, and what the worker sends to the page.
 *
 * Time is cut into buckets of `bucketMs` simulated milliseconds, starting at 0. Every leaf is a
 * `Float64Array` aligned with `t`: entry `i` describes the bucket `[t[i], t[i] + bucketMs)`. The last
 * bucket may be partial: it covers `[t[last], endMs)` (a run in progress, or a run whose end falls
 * inside a bucket); rates should divide by `min(bucketMs, endMs − t[i])`.
 *
 * Memory is bounded: when the series would hold more than `MAX_SERIES_BUCKETS` buckets, neighbours
 * are merged pairwise and `bucketMs` doubles (counts add, gauges average, percentiles come from the
 * merged histograms, so nothing is approximated by the merge). So `bucketMs` may be larger than asked
 * for on a long run; the number of buckets is at most `MAX_SERIES_BUCKETS` whatever the run length.
 *
 * Kinds of leaf:
 * - **count**: how many happened in the bucket. Summed over every bucket it equals the whole-run
 *   figure of the same name in `Metrics` exactly.
 * - **gauge**: time-averaged over the bucket (its integral over the bucket ÷ the bucket's length).
 * - **percentile**: in ms, from the log-linear histogram of the samples that ended in the bucket
 *   (about 3 % resolution); `NaN` when the bucket has no sample (`null` in the CLI's JSON).
 * - **state at end**: the value at the bucket's end (at `endMs` for the partial last bucket).
 */
export interface RunSeries {
  /** Width of every bucket in simulated ms (the resolution asked for, doubled per downsampling). */
  bucketMs: number;
  /** Bucket start times in ms: `t[i] = i × bucketMs`. */
  t: Float64Array;
  /** Simulated time the series covers up to (the engine's `now` when it was read). */
  endMs: number;
  /** Per client (entry point), keyed by service id. */
  clients: Record<string, ClientSeries>;
  /** Per service (clients included, as in `Metrics.services`), keyed by service id. */
  services: Record<string, ServiceSeries>;
  /** Per queue (channel name) and topic (topic name; `"<name> (topic)"` if it clashes, as in `Metrics`). */
  channels: Record<string, ChannelSeries>;
  /** Per saga, keyed by saga name. */
  sagas: Record<string, SagaSeries>;
  /** Per edge, keyed by edge id. */
  edges: Record<string, EdgeSeries>;
}

/** One client's requests over time. */
export interface ClientSeries {
  /** Count: requests sent (one per outgoing edge a request goes out on, as `Metrics.clients[id].sent`). */
  sent: Float64Array;
  /** Count: requests that ended well in the bucket. */
  succeeded: Float64Array;
  /** Count: requests that ended failed (error reply, refused, circuit open, crash) in the bucket. */
  failed: Float64Array;
  /** Count: requests that ended by timing out in the bucket. */
  timedOut: Float64Array;
  /** Percentile: end-to-end latency p50 (ms) of the requests that succeeded in the bucket. */
  p50: Float64Array;
  /** Percentile: latency p95 (ms) of the requests that succeeded in the bucket. */
  p95: Float64Array;
  /** Percentile: latency p99 (ms) of the requests that succeeded in the bucket. */
  p99: Float64Array;
  /** Exact mean latency (ms) of the requests that succeeded in the bucket; `NaN` when none did. */
  mean: Float64Array;
}

/** One service's load over time. */
export interface ServiceSeries {
  /** Gauge: share of its slots (replicas × concurrency) occupied, 0..1, as `Metrics.services[id].utilization`. */
  utilization: Float64Array;
  /** Gauge: messages waiting in its inbox. */
  inbox: Float64Array;
  /** Gauge: messages in the service: inbox + occupied slots (handling, waiting on a sync reply, reserved for a queue delivery). */
  inSystem: Float64Array;
  /** Count: messages that arrived at it. */
  received: Float64Array;
  /** Count: handlings that ended well. */
  handled: Float64Array;
  /** Count: handlings that failed (error, crash). */
  failed: Float64Array;
}

/** One queue's or topic's backlog over time. */
export interface ChannelSeries {
  /** Gauge: messages waiting in the broker (a topic: copies held for durable subscribers). */
  depth: Float64Array;
  /**
   * State at end: age (ms) of the oldest message waiting in the broker at the bucket's end, 0 when
   * none waits. For a topic, the oldest copy held for any subscription.
   */
  oldestAgeMs: Float64Array;
  /** Count: messages published to it. */
  published: Float64Array;
  /** Count: deliveries to consumers (a topic: copies handed to subscribers). */
  delivered: Float64Array;
  /** Count: messages delivered again (nacked, ack lost, returned by a crashed consumer). */
  redelivered: Float64Array;
  /** Count: messages moved to the dead-letter queue (always 0 for a topic). */
  deadLettered: Float64Array;
  /** Count: messages dropped (non-durable with nobody up, hop limit, partition…). */
  dropped: Float64Array;
  /**
   * A topic only, one per subscription (`backlog:<subscriber service id>`), state at end: the copies
   * its subscription holds at the bucket's end (while the subscriber is down or its edge is cut).
   */
  [subscriptionBacklog: `backlog:${string}`]: Float64Array;
}

/** The column of a topic's series that holds one subscription's backlog. */
export function subscriptionBacklogKey(subscriberId: string): `backlog:${string}` {
  return `backlog:${subscriberId}`;
}

/** One saga's instances over time. */
export interface SagaSeries {
  /** Count: instances started. */
  started: Float64Array;
  /** Count: instances that ended completed. */
  completed: Float64Array;
  /** Count: instances that ended compensated. */
  compensated: Float64Array;
  /** Count: instances that ended stuck (only at the run's end, in the bucket holding `untilMs`). */
  stuck: Float64Array;
}

/** One edge's traffic over time. */
export interface EdgeSeries {
  /** Count: attempts (sync, saga) or messages (queue, topic) sent, as `Metrics.edges[id].sent`. */
  sent: Float64Array;
  /** Count: attempts that failed (error reply, timeout, hop limit). */
  failed: Float64Array;
  /** Count: retries sent. */
  retried: Float64Array;
  /** Count: attempts that timed out. */
  timedOut: Float64Array;
  /**
   * Circuit-breaker state: 0 closed, 1 open, 2 half-open; the state at the bucket's end, except
   * that a bucket in which the circuit opened is 1 (open) even if it closed again before the end,
   * so a short opening is never hidden. Always 0 on an edge without a breaker.
   */
  breaker: Float64Array;
  /** Count: times the circuit opened (0 on an edge without a breaker). */
  circuitOpened: Float64Array;
  /** Count: calls an open circuit failed fast without sending them. */
  shortCircuited: Float64Array;
  /**
   * Count: duplicate side effects (a non-idempotent service doing again what it already did, after a
   * retry or a redelivery) of messages that arrived over this edge; over every edge, `Metrics.duplicates`.
   */
  duplicates: Float64Array;
}

/** The most buckets a series holds; past it, neighbours merge and `bucketMs` doubles. */
export const MAX_SERIES_BUCKETS = 512;

/** Bucket width when none is asked for (the app's default resolution). */
export const DEFAULT_SERIES_BUCKET_MS = 1000;

/** Circuit-breaker state numbers used in `EdgeSeries.breaker`. */
export const BREAKER_STATE = { closed: 0, open: 1, 'half-open': 2 } as const;

type Leaf = Float64Array;
type Groups = Record<string, Record<string, Leaf>>;
/** A series as plain JSON: every `Float64Array` becomes an array, `NaN` becomes `null`. */
export type RunSeriesJson = {
  bucketMs: number;
  t: number[];
  endMs: number;
} & {
  [K in 'clients' | 'services' | 'channels' | 'sagas' | 'edges']: Record<
    string,
    Record<keyof RunSeries[K][string], (number | null)[]>
  >;
};

function leafToJson(a: Leaf): (number | null)[] {
  return Array.from(a, (x) => (Number.isNaN(x) ? null : x));
}

function groupToJson(group: Groups): Record<string, Record<string, (number | null)[]>> {
  const out: Record<string, Record<string, (number | null)[]>> = Object.create(null) as Record<
    string,
    Record<string, (number | null)[]>
  >;
  for (const [id, leaves] of Object.entries(group)) {
    const o: Record<string, (number | null)[]> = {};
    for (const [k, v] of Object.entries(leaves)) o[k] = leafToJson(v);
    out[id] = o;
  }
  return out;
}

/** The series as JSON-ready data (arrays, `NaN` → `null`), in the shape the CLI prints. */
export function seriesToJson(s: RunSeries): RunSeriesJson {
  return {
    bucketMs: s.bucketMs,
    t: Array.from(s.t),
    endMs: s.endMs,
    clients: groupToJson(s.clients as unknown as Groups),
    services: groupToJson(s.services as unknown as Groups),
    channels: groupToJson(s.channels as unknown as Groups),
    sagas: groupToJson(s.sagas as unknown as Groups),
    edges: groupToJson(s.edges as unknown as Groups),
  } as RunSeriesJson;
}

/** Every `ArrayBuffer` under a series, for `postMessage`'s transfer list. */
export function seriesBuffers(s: RunSeries): ArrayBuffer[] {
  // Once each: the engine's arrays share one buffer, and a transfer list must not repeat one.
  const out = new Set<ArrayBuffer>([s.t.buffer as ArrayBuffer]);
  for (const group of [s.clients, s.services, s.channels, s.sagas, s.edges])
    for (const leaves of Object.values(group))
      for (const a of Object.values(leaves as Record<string, Leaf>)) out.add(a.buffer as ArrayBuffer);
  return [...out];
}
