import type { Percentiles } from './api';

const SUB_BITS = 5;
const SUB = 1 << SUB_BITS;
const MIN_EXP = -14;
const MAX_EXP = 27;
const BUCKETS = (MAX_EXP - MIN_EXP + 1) * SUB;
/** Bins of a histogram laid flat (`copyBins`): index 0 counts samples below 2^-14 ms, 1… the log-linear bins. */
export const HISTOGRAM_BINS = BUCKETS + 1;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * A streaming histogram with log-linear buckets (about 3% wide), so percentiles of millions of
 * samples need a few kilobytes. The mean is exact.
 */
export class Histogram {
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;
  private zeros = 0;
  private buckets: Uint32Array | null = null;

  /**
   * Adds one sample (ms, not negative). Kept small, so that it is inlined where samples are added: a
   * double passed to a call that is not inlined is boxed into a new heap number. Its bin is counted
   * from the high word of its bits (`addBits`), an integer.
   */
  add(v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    f64[0] = v;
    this.addBits(u32[1]!);
  }

  /** Counts a sample in its bin, from the high word of its bits (sign, exponent, top of the mantissa). */
  private addBits(hi: number): void {
    const e = ((hi >>> 20) & 0x7ff) - 1023;
    if (e < MIN_EXP) {
      this.zeros++;
      return;
    }
    const index =
      e > MAX_EXP ? BUCKETS - 1 : ((e - MIN_EXP) << SUB_BITS) | ((hi >>> (20 - SUB_BITS)) & (SUB - 1));
    const b = this.buckets ?? (this.buckets = new Uint32Array(BUCKETS));
    b[index]!++;
  }

  /** The value below which a share `q` of samples lie (bucket midpoint, clamped to min..max). */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const target = Math.max(1, Math.ceil(q * this.count));
    let seen = this.zeros;
    if (seen >= target || !this.buckets) return Math.min(this.max, Math.max(this.min, 0));
    const b = this.buckets;
    for (let i = 0; i < BUCKETS; i++) {
      seen += b[i]!;
      if (seen >= target) {
        const e = (i >> SUB_BITS) + MIN_EXP;
        const m = i & (SUB - 1);
        const lo = 2 ** e * (1 + m / SUB);
        const mid = lo + 2 ** e / SUB / 2;
        return Math.min(this.max, Math.max(this.min, mid));
      }
    }
    return this.max;
  }

  /** Adds every sample of `other` (exact: same bins, so nothing is re-binned). */
  merge(other: Histogram): void {
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.zeros += other.zeros;
    if (other.buckets === null) return;
    const b = this.buckets ?? (this.buckets = new Uint32Array(BUCKETS));
    const o = other.buckets;
    for (let i = 0; i < BUCKETS; i++) b[i]! += o[i]!;
  }

  /** Writes the bin counts into `out` (length `HISTOGRAM_BINS`, layout as documented there). */
  copyBins(out: Uint32Array): void {
    out[0] = this.zeros;
    if (this.buckets === null) out.fill(0, 1);
    else out.set(this.buckets, 1);
  }

  /** Mean and p50/p95/p99, rounded to 0.001 ms so printed figures are stable. */
  summary(): Percentiles {
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return {
      mean: r(this.count ? this.sum / this.count : 0),
      p50: r(this.quantile(0.5)),
      p95: r(this.quantile(0.95)),
      p99: r(this.quantile(0.99)),
    };
  }
}

/** The value a flat bin (see `HISTOGRAM_BINS`) stands for: its midpoint, 0 for the first. */
export function binValue(flatIndex: number): number {
  if (flatIndex === 0) return 0;
  const i = flatIndex - 1;
  const e = (i >> SUB_BITS) + MIN_EXP;
  const m = i & (SUB - 1);
  return 2 ** e * (1 + m / SUB) + 2 ** e / SUB / 2;
}
