import { Immutable } from './snapshot';
import { HISTOGRAM_BINS, binValue, type Histogram } from './histogram';

/** The samples of one bucket: the histogram bins they fell in (only those not empty), ascending. */
interface SparseBins {
  index: Uint16Array;
  count: Uint32Array;
  total: number;
}

const NO_BINS: SparseBins = { index: new Uint16Array(0), count: new Uint32Array(0), total: 0 };

/**
 * One closed bucket's latency: its samples and what they come to. Never written once closed
 * (downsampling makes new ones), so a run's copies share it rather than copy it.
 */
class ClosedLatency extends Immutable {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;

  constructor(
    readonly bins: SparseBins,
    readonly sum: number,
  ) {
    super();
    this.p50 = quantile(bins, 0.5);
    this.p95 = quantile(bins, 0.95);
    this.p99 = quantile(bins, 0.99);
  }
}

/** The value below which a share `q` of a bucket's samples lie (its bin's midpoint, to 0.001 ms); NaN if none. */
function quantile(bins: SparseBins, q: number): number {
  if (bins.total === 0) return NaN;
  const target = Math.max(1, Math.ceil(q * bins.total));
  let seen = 0;
  for (let k = 0; k < bins.index.length; k++) {
    seen += bins.count[k]!;
    if (seen >= target) return Math.round(binValue(bins.index[k]!) * 1000) / 1000;
  }
  return NaN;
}

/** The exact sum of two buckets' bins (a merge: nothing is re-binned). */
function mergeBins(a: SparseBins, b: SparseBins): SparseBins {
  if (a.total === 0) return b;
  if (b.total === 0) return a;
  const index: number[] = [];
  const count: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.index.length || j < b.index.length) {
    const ai = i < a.index.length ? a.index[i]! : Infinity;
    const bj = j < b.index.length ? b.index[j]! : Infinity;
    index.push(Math.min(ai, bj));
    count.push((ai <= bj ? a.count[i++]! : 0) + (bj <= ai ? b.count[j++]! : 0));
  }
  return { index: Uint16Array.from(index), count: Uint32Array.from(count), total: a.total + b.total };
}

/**
 * One client's latency per bucket: the difference of its cumulative histogram between boundaries,
 * kept as sparse bins so downsampling merges buckets exactly and percentiles are recomputed from
 * the merged bins, never from stored samples.
 */
export class LatencyBuckets {
  private readonly scratch = new Uint32Array(HISTOGRAM_BINS);
  private readonly base = new Uint32Array(HISTOGRAM_BINS);
  private baseCount = 0;
  private baseSum = 0;
  /** The closed buckets, oldest first. */
  private readonly closed: ClosedLatency[] = [];

  constructor(
    readonly id: string,
    private readonly histogram: Histogram,
  ) {}

  /** The samples since the last boundary, as sparse bins (`move`: the boundary moves here). */
  private sinceBase(move: boolean): SparseBins {
    const h = this.histogram;
    const total = h.count - this.baseCount;
    if (total === 0) return NO_BINS;
    h.copyBins(this.scratch);
    const s = this.scratch;
    const base = this.base;
    let nonEmpty = 0;
    for (let k = 0; k < HISTOGRAM_BINS; k++) if (s[k] !== base[k]) nonEmpty++;
    const out: SparseBins = { index: new Uint16Array(nonEmpty), count: new Uint32Array(nonEmpty), total };
    let n = 0;
    for (let k = 0; k < HISTOGRAM_BINS; k++)
      if (s[k] !== base[k]) {
        out.index[n] = k;
        out.count[n++] = s[k]! - base[k]!;
      }
    if (move) {
      base.set(s);
      this.baseCount = h.count;
      this.baseSum = h.sum;
    }
    return out;
  }

  /** Closes the next bucket at the current state of the histogram. */
  close(): void {
    const sum = this.histogram.sum - this.baseSum;
    this.closed.push(new ClosedLatency(this.sinceBase(true), sum));
  }

  /** Merges buckets 2k and 2k+1 into k, for k < `half`. */
  downsample(half: number): void {
    const merged: ClosedLatency[] = [];
    for (let k = 0; k < half; k++) {
      const a = this.closed[2 * k]!;
      const b = this.closed[2 * k + 1]!;
      merged.push(new ClosedLatency(mergeBins(a.bins, b.bins), a.sum + b.sum));
    }
    this.closed.splice(0, this.closed.length, ...merged);
  }

  /** p50, p95, p99 and mean per bucket: the closed buckets, then the open one up to now. */
  read(column: () => Float64Array): {
    p50: Float64Array;
    p95: Float64Array;
    p99: Float64Array;
    mean: Float64Array;
  } {
    const closed = this.closed.length;
    const out = { p50: column(), p95: column(), p99: column(), mean: column() };
    this.closed.forEach((bucket, i) => {
      out.p50[i] = bucket.p50;
      out.p95[i] = bucket.p95;
      out.p99[i] = bucket.p99;
      out.mean[i] = bucket.bins.total > 0 ? bucket.sum / bucket.bins.total : NaN;
    });
    const open = this.sinceBase(false);
    out.p50[closed] = quantile(open, 0.5);
    out.p95[closed] = quantile(open, 0.95);
    out.p99[closed] = quantile(open, 0.99);
    out.mean[closed] = open.total > 0 ? (this.histogram.sum - this.baseSum) / open.total : NaN;
    return out;
  }
}
