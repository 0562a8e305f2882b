import { dict } from '../lib/dict';
import { Immutable } from './snapshot';
import { BREAKER_STATE, MAX_SERIES_BUCKETS, subscriptionBacklogKey, type RunSeries } from './seriesShape';
import { depthIntegral } from './channels';
import { inboxIntegral, usedIntegral } from './entities';
import { LatencyBuckets } from './seriesLatency';
import type { Simulation } from './sim';

/*
 * Collects a run's time series (see seriesShape.ts) without touching the hot path: every figure is
 * read from the run's cumulative counters and time integrals when the clock crosses a bucket boundary,
 * and a bucket's value is the difference from the previous boundary. Per-bucket counts so add up to
 * the whole-run totals exactly, by construction; the engine only compares each event's time with
 * `nextBoundary`.
 */

const enum LeafKind {
  /** Difference of a cumulative counter. */
  Count = 0,
  /** Difference of a time integral ÷ (the bucket's length × `scale`). */
  Gauge = 1,
  /** The value at the bucket's end. */
  End = 2,
  /** A circuit's state at the end, or open when its `opened` counter (leaf `ref`) moved. */
  Breaker = 3,
}

interface Leaf {
  kind: LeafKind;
  group: keyof Omit<RunSeries, 'bucketMs' | 't' | 'endMs'>;
  id: string;
  key: string;
  /** Cumulative value (counts, integrals) or current value (End, Breaker) at time `t`. */
  read: (t: number) => number;
  /** Gauge divisor besides time (a service's capacity for utilization). */
  scale: number;
  /** Breaker: index of its edge's `circuitOpened` leaf. */
  ref: number;
  /** The cumulative value at the open bucket's start. */
  base: number;
}

/** Values a breaker state reads as. */
const BREAKER_NUMBER = BREAKER_STATE;

/**
 * One closed bucket: every leaf's value, by leaf index. Never written once closed (downsampling
 * makes new ones), so a run's copies share the closed buckets and a checkpoint copies none of them.
 */
class ClosedBucket extends Immutable {
  constructor(readonly values: Float64Array) {
    super();
  }
}

/** A run's time-series collector; the engine calls `closeThrough` as the clock passes `nextBoundary`. */
export class SeriesRecorder {
  bucketMs: number;
  /** Where the open bucket ends: the engine closes buckets when its clock reaches this. */
  nextBoundary: number;
  /** The closed buckets, oldest first (the open one comes after them). */
  private readonly buckets: ClosedBucket[] = [];
  private readonly leaves: Leaf[] = [];
  private readonly latencies: LatencyBuckets[] = [];

  constructor(
    private readonly sim: Simulation,
    bucketMs: number,
    private readonly cap = MAX_SERIES_BUCKETS,
  ) {
    if (!(bucketMs > 0) || !Number.isFinite(bucketMs)) throw new Error(`bucket width ${bucketMs} ms`);
    if (cap < 2 || cap % 2 !== 0) throw new Error(`series cap ${cap} must be even and at least 2`);
    this.bucketMs = bucketMs;
    this.nextBoundary = bucketMs;
    this.addLeaves();
    for (const l of this.leaves)
      l.base = l.kind === LeafKind.Count || l.kind === LeafKind.Gauge ? l.read(0) : 0;
  }

  /** How many buckets are closed. */
  private get closed(): number {
    return this.buckets.length;
  }

  private leaf(
    group: Leaf['group'],
    id: string,
    key: string,
    kind: LeafKind,
    read: (t: number) => number,
    scale = 1,
  ): number {
    this.leaves.push({ kind, group, id, key, read, scale, ref: -1, base: 0 });
    return this.leaves.length - 1;
  }

  private addLeaves(): void {
    const sim = this.sim;
    const Count = LeafKind.Count;
    const Gauge = LeafKind.Gauge;
    const End = LeafKind.End;
    const Breaker = LeafKind.Breaker;
    for (const s of sim.services) {
      const r = s.requests;
      if (r === null) continue;
      this.leaf('clients', s.id, 'sent', Count, () => r.sent);
      this.leaf('clients', s.id, 'succeeded', Count, () => r.succeeded);
      this.leaf('clients', s.id, 'failed', Count, () => r.failed);
      this.leaf('clients', s.id, 'timedOut', Count, () => r.timedOut);
      this.latencies.push(new LatencyBuckets(s.id, r.latency));
    }
    for (const s of sim.services) {
      this.leaf('services', s.id, 'utilization', Gauge, (t) => usedIntegral(s, t), s.capacity);
      this.leaf('services', s.id, 'inbox', Gauge, (t) => inboxIntegral(s, t));
      this.leaf('services', s.id, 'inSystem', Gauge, (t) => inboxIntegral(s, t) + usedIntegral(s, t));
      this.leaf('services', s.id, 'received', Count, () => s.received);
      this.leaf('services', s.id, 'handled', Count, () => s.handled);
      this.leaf('services', s.id, 'failed', Count, () => s.failed);
    }
    const names = new Set<string>();
    for (const q of sim.queues) {
      names.add(q.name);
      this.leaf('channels', q.name, 'depth', Gauge, (t) => depthIntegral(q, t));
      this.leaf('channels', q.name, 'oldestAgeMs', End, (t) => {
        const m = q.fifo.peek();
        return m === undefined ? 0 : t - m.since;
      });
      this.leaf('channels', q.name, 'published', Count, () => q.published);
      this.leaf('channels', q.name, 'delivered', Count, () => q.delivered);
      this.leaf('channels', q.name, 'redelivered', Count, () => q.redelivered);
      this.leaf('channels', q.name, 'deadLettered', Count, () => q.deadLettered);
      this.leaf('channels', q.name, 'dropped', Count, () => q.dropped);
    }
    for (const topic of sim.topics) {
      // The same key as the report's (buildMetrics) when a topic's name clashes with a queue's.
      const name = names.has(topic.name) ? `${topic.name} (topic)` : topic.name;
      this.leaf('channels', name, 'depth', Gauge, (t) => depthIntegral(topic, t));
      this.leaf('channels', name, 'oldestAgeMs', End, (t) => {
        let oldest = t;
        for (const sub of topic.subs) {
          const m = sub.held.peek();
          if (m !== undefined && m.since < oldest) oldest = m.since;
        }
        return t - oldest;
      });
      this.leaf('channels', name, 'published', Count, () => topic.published);
      this.leaf('channels', name, 'delivered', Count, () => topic.delivered);
      this.leaf('channels', name, 'redelivered', Count, () => topic.redelivered);
      this.leaf('channels', name, 'deadLettered', Count, () => 0);
      this.leaf('channels', name, 'dropped', Count, () => topic.dropped);
      for (const sub of topic.subs)
        this.leaf('channels', name, subscriptionBacklogKey(sub.service.id), End, () => sub.held.length);
    }
    for (const d of sim.sagas) {
      this.leaf('sagas', d.name, 'started', Count, () => d.started);
      this.leaf('sagas', d.name, 'completed', Count, () => d.completed);
      this.leaf('sagas', d.name, 'compensated', Count, () => d.compensated);
      this.leaf('sagas', d.name, 'stuck', Count, () => d.stuck);
    }
    for (const e of sim.edges) {
      this.leaf('edges', e.id, 'sent', Count, () => e.sent);
      this.leaf('edges', e.id, 'failed', Count, () => e.failed);
      this.leaf('edges', e.id, 'retried', Count, () => e.exchange?.retried ?? 0);
      this.leaf('edges', e.id, 'timedOut', Count, () => e.exchange?.timedOut ?? 0);
      const opened = this.leaf('edges', e.id, 'circuitOpened', Count, () => e.breaker?.opened ?? 0);
      const breaker = this.leaf('edges', e.id, 'breaker', Breaker, () =>
        e.breaker === null ? 0 : BREAKER_NUMBER[e.breaker.state],
      );
      this.leaves[breaker]!.ref = opened;
      this.leaf('edges', e.id, 'shortCircuited', Count, () => e.breaker?.shortCircuited ?? 0);
      this.leaf('edges', e.id, 'duplicates', Count, () => e.duplicates);
    }
  }

  /** The open bucket's value of leaf `l` at time `t` (the bucket's end, or now for a partial one). */
  private valueAt(l: Leaf, t: number, width: number): number {
    switch (l.kind) {
      case LeafKind.Count:
        return l.read(t) - l.base;
      case LeafKind.Gauge:
        return width > 0 ? (l.read(t) - l.base) / (width * l.scale) : NaN;
      case LeafKind.End:
        return l.read(t);
      case LeafKind.Breaker:
        return this.leaves[l.ref]!.read(t) - this.leaves[l.ref]!.base > 0 ? BREAKER_NUMBER.open : l.read(t);
    }
  }

  /** Closes every bucket that ends at or before `t` (an event at `t` belongs to the next bucket); returns the next boundary. */
  closeThrough(t: number): number {
    while (this.nextBoundary <= t) this.closeOne();
    return this.nextBoundary;
  }

  /** Closes every bucket that ends strictly before `t` (the clock moved to `t` with nothing due there). */
  closeBefore(t: number): number {
    while (this.nextBoundary < t) this.closeOne();
    return this.nextBoundary;
  }

  private closeOne(): void {
    const end = this.nextBoundary;
    // Values first (a breaker reads its `opened` leaf's base), then the bases move to `end`.
    const values = new Float64Array(this.leaves.length);
    this.leaves.forEach((l, k) => (values[k] = this.valueAt(l, end, this.bucketMs)));
    this.buckets.push(new ClosedBucket(values));
    for (const l of this.leaves)
      if (l.kind === LeafKind.Count || l.kind === LeafKind.Gauge) l.base = l.read(end);
    for (const h of this.latencies) h.close();
    if (this.closed === this.cap) this.downsample();
    this.nextBoundary = this.closed * this.bucketMs + this.bucketMs;
  }

  /** Merges neighbouring closed buckets pairwise and doubles the width: memory stays bounded. */
  private downsample(): void {
    const half = this.buckets.length / 2;
    const merged: ClosedBucket[] = [];
    for (let k = 0; k < half; k++)
      merged.push(this.merge(this.buckets[2 * k]!.values, this.buckets[2 * k + 1]!.values));
    this.buckets.splice(0, this.buckets.length, ...merged);
    for (const h of this.latencies) h.downsample(half);
    this.bucketMs *= 2;
  }

  /** Buckets `a` and the one after it, `b`, as one twice as wide. */
  private merge(a: Float64Array, b: Float64Array): ClosedBucket {
    const out = new Float64Array(a.length);
    this.leaves.forEach((l, k) => {
      if (l.kind === LeafKind.Count) out[k] = a[k]! + b[k]!;
      else if (l.kind === LeafKind.Gauge) out[k] = (a[k]! + b[k]!) / 2;
      else if (l.kind === LeafKind.End) out[k] = b[k]!;
      // Open when it opened in the first half; the second half already reads open if it opened there.
      else out[k] = a[l.ref]! > 0 ? BREAKER_NUMBER.open : b[k]!;
    });
    return new ClosedBucket(out);
  }

  /** The series from 0 to `now`: the closed buckets and the open one (partial unless `now` is its end). */
  read(now: number): RunSeries {
    const n = this.closed + 1;
    const openStart = this.closed * this.bucketMs;
    const width = now - openStart;
    // Every array is a slice of one buffer: the worker hands the page one transfer, not thousands
    // (a 1,000-service run has about 12,000 arrays, which cost ~100 ms to send one by one).
    const block = new Float64Array((1 + this.leaves.length + 4 * this.latencies.length) * n);
    let used = 0;
    const column = () => block.subarray(used * n, ++used * n);
    const t = column();
    for (let i = 0; i < n; i++) t[i] = i * this.bucketMs;
    const out: RunSeries = {
      bucketMs: this.bucketMs,
      t,
      endMs: now,
      clients: dict(),
      services: dict(),
      channels: dict(),
      sagas: dict(),
      edges: dict(),
    };
    const columns = this.leaves.map((l) => {
      const a = column();
      a[n - 1] = this.valueAt(l, now, width);
      const group = out[l.group] as unknown as Record<string, Record<string, Float64Array>>;
      return ((group[l.id] ??= {})[l.key] = a);
    });
    // Row by row: each closed bucket's values lie together in memory.
    this.buckets.forEach(({ values }, i) => values.forEach((v, k) => (columns[k]![i] = v)));
    for (const h of this.latencies) {
      const own = out.clients[h.id] as unknown as Record<string, Float64Array>;
      Object.assign(own, h.read(column));
    }
    return out;
  }
}
