/** A figure over several runs: the median (of an even count, the mean of the middle two), lowest and highest. */
export interface Range {
  median: number;
  min: number;
  max: number;
}

/** The median, lowest and highest of `values`. */
export function range(values: number[]): Range {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: Math.round(median * 10) / 10, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Frames per second, the 95th-percentile and the longest frame, from requestAnimationFrame times (ms). */
export function frameStats(times: number[]): { fps: number; p95FrameMs: number; maxFrameMs: number } {
  const deltas = times.slice(1).map((t, i) => t - times[i]!);
  const sorted = [...deltas].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  const span = (times[times.length - 1]! - times[0]!) / 1000;
  return {
    fps: Math.round((deltas.length / span) * 10) / 10,
    p95FrameMs: Math.round(p95 * 10) / 10,
    maxFrameMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
  };
}
