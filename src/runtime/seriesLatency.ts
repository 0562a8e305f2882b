import { HISTOGRAM_BINS, binValue, type Histogram } from './histogram';

/** The samples of one bucket: the histogram bins they fell in (only those not empty), ascending. */
interface SparseBins {
  index: Uint16Array;
  count: Uint32Array;
  total: number;
}

const NO_BINS: SparseBins = { index: new Uint16Array(0), count: new Uint32Array(0), total: 0 };

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
  private readonly bins: SparseBins[];
  private readonly sums: Float64Array;
  private readonly p50: Float64Array;
  private readonly p95: Float64Array;
  private readonly p99: Float64Array;

  constructor(
    readonly id: string,
    private readonly histogram: Histogram,
    cap: number,
  ) {
    this.bins = new Array<SparseBins>(cap).fill(NO_BINS);
    this.sums = new Float64Array(cap);
    this.p50 = new Float64Array(cap);
    this.p95 = new Float64Array(cap);
    this.p99 = new Float64Array(cap);
  }

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

  private setPercentiles(i: number, bins: SparseBins): void {
    this.bins[i] = bins;
    this.p50[i] = quantile(bins, 0.5);
    this.p95[i] = quantile(bins, 0.95);
    this.p99[i] = quantile(bins, 0.99);
  }

  /** Closes bucket `i` at the current state of the histogram. */
  close(i: number): void {
    const sum = this.histogram.sum - this.baseSum;
    this.setPercentiles(i, this.sinceBase(true));
    this.sums[i] = sum;
  }

  /** Merges buckets 2k and 2k+1 into k, for k < `half`. */
  downsample(half: number): void {
    for (let k = 0; k < half; k++) {
      this.setPercentiles(k, mergeBins(this.bins[2 * k]!, this.bins[2 * k + 1]!));
      this.sums[k] = this.sums[2 * k]! + this.sums[2 * k + 1]!;
    }
    this.bins.fill(NO_BINS, half);
    this.sums.fill(0, half);
  }

  /** p50, p95, p99 and mean per bucket: `closed` closed buckets, then the open one up to now. */
  read(closed: number): { p50: Float64Array; p95: Float64Array; p99: Float64Array; mean: Float64Array } {
    const n = closed + 1;
    const out = {
      p50: new Float64Array(n),
      p95: new Float64Array(n),
      p99: new Float64Array(n),
      mean: new Float64Array(n),
    };
    out.p50.set(this.p50.subarray(0, closed));
    out.p95.set(this.p95.subarray(0, closed));
    out.p99.set(this.p99.subarray(0, closed));
    for (let i = 0; i < closed; i++)
      out.mean[i] = this.bins[i]!.total > 0 ? this.sums[i]! / this.bins[i]!.total : NaN;
    const open = this.sinceBase(false);
    out.p50[closed] = quantile(open, 0.5);
    out.p95[closed] = quantile(open, 0.95);
    out.p99[closed] = quantile(open, 0.99);
    out.mean[closed] = open.total > 0 ? (this.histogram.sum - this.baseSum) / open.total : NaN;
    return out;
  }
}
