import type { MessageColumns } from './columns';
import { MESSAGE_LOOKS } from './types';

/**
 * Where along its edge a message is at simulated time `t`: its travel time (sentAt → arrivesAt)
 * mapped onto its stretch of the edge (fromT → toT), clamped to that stretch.
 */
export function messageFraction(
  sentAt: number,
  arrivesAt: number,
  fromT: number,
  toT: number,
  t: number,
): number {
  const span = arrivesAt - sentAt;
  if (!(span > 0)) return t >= sentAt ? toT : fromT;
  let p = (t - sentAt) / span;
  if (p < 0) p = 0;
  else if (p > 1) p = 1;
  return fromT + (toT - fromT) * p;
}

/** An edge carrying more messages than this is drawn bundled. */
export const BUNDLE_THRESHOLD = 12;
/** Stretches per edge within which a bundled edge's messages of one look merge into one particle. */
export const BUNDLE_BINS = 16;

/**
 * What to draw this frame: one particle per message, or per bundle of messages that share an edge,
 * a look and a short stretch of the edge. Columns, reused frame after frame.
 */
export interface Particles {
  n: number;
  edge: Int32Array;
  /** Position along the edge, 0..1 (for a bundle, the mean of its members). */
  pos: Float64Array;
  look: Uint8Array;
  count: Int32Array;
  /** A member's slot in the message columns (the message itself when count is 1). */
  slot: Int32Array;
  step: Uint16Array;
  /** 1 when the message belongs to the highlighted correlation (never bundled). */
  highlighted: Uint8Array;
}

const LOOKS = MESSAGE_LOOKS.length;

/**
 * Turns the messages in flight into particles at time `t`, bundling busy edges. Allocates only
 * when the number of messages or edges grows past what it has seen.
 */
export class Bundler {
  readonly out: Particles = {
    n: 0,
    edge: new Int32Array(0),
    pos: new Float64Array(0),
    look: new Uint8Array(0),
    count: new Int32Array(0),
    slot: new Int32Array(0),
    step: new Uint16Array(0),
    highlighted: new Uint8Array(0),
  };
  private perEdge = new Int32Array(0);
  /** Each edge's capacity this frame, after the budget. */
  private room = new Float64Array(0);
  private binCount = new Int32Array(0);
  private binSum = new Float64Array(0);
  private binSlot = new Int32Array(0);
  private touched = new Int32Array(0);

  /**
   * Particles for `cols` at simulated time `t`; `edgeCount` is the loaded diagram's edge count.
   * `capacity` is how many messages an edge can show one by one (a number for all, or one per
   * edge, e.g. from its length on screen; negative for an edge out of sight, whose messages are
   * left out); a busier edge is bundled into that many stretches (at most BUNDLE_BINS). When the
   * particles would still number more than `budget`, every busy edge gets fewer stretches.
   */
  run(
    cols: MessageColumns,
    t: number,
    edgeCount: number,
    highlightCorrelation: string | null = null,
    capacity: number | ArrayLike<number> = BUNDLE_THRESHOLD,
    budget = Infinity,
  ): Particles {
    this.ensure(cols.count, edgeCount);
    const { perEdge, binCount, binSum, binSlot, touched, out, room } = this;
    perEdge.fill(0);
    const hw = cols.highWater;
    for (let s = 0; s < hw; s++) {
      if (!cols.alive[s]) continue;
      const e = cols.edge[s]!;
      if (e >= 0 && e < edgeCount) perEdge[e]!++;
    }
    // About how many particles that makes (a bundled edge: its stretches, for ~2 looks each).
    let estimate = 0;
    for (let e = 0; e < edgeCount; e++) {
      const r = typeof capacity === 'number' ? capacity : capacity[e]!;
      room[e] = r;
      const c = perEdge[e]!;
      if (r >= 0) estimate += c <= r ? c : Math.min(c, 2 * Math.max(1, Math.min(BUNDLE_BINS, r)));
    }
    if (estimate > budget) {
      const scale = budget / estimate;
      for (let e = 0; e < edgeCount; e++) if (room[e]! >= 0) room[e] = Math.max(1, room[e]! * scale);
    }
    let n = 0;
    let touchedN = 0;
    for (let s = 0; s < hw; s++) {
      if (!cols.alive[s]) continue;
      const e = cols.edge[s]!;
      if (e < 0 || e >= edgeCount) continue;
      const pos = messageFraction(cols.sentAt[s]!, cols.arrivesAt[s]!, cols.fromT[s]!, cols.toT[s]!, t);
      const look = cols.look[s]!;
      const r = room[e]!;
      if (r < 0) continue;
      const hl = highlightCorrelation !== null && cols.correlations[s] === highlightCorrelation;
      if (hl || perEdge[e]! <= r) {
        out.edge[n] = e;
        out.pos[n] = pos;
        out.look[n] = look;
        out.count[n] = 1;
        out.slot[n] = s;
        out.step[n] = cols.step[s]!;
        out.highlighted[n] = hl ? 1 : 0;
        n++;
        continue;
      }
      const bins = r < 1 ? 1 : r < BUNDLE_BINS ? Math.floor(r) : BUNDLE_BINS;
      const bin = Math.min(bins - 1, Math.floor(pos * bins));
      const key = (e * BUNDLE_BINS + bin) * LOOKS + look;
      if (binCount[key] === 0) {
        touched[touchedN++] = key;
        binSlot[key] = s;
      }
      binCount[key]!++;
      binSum[key]! += pos;
    }
    for (let i = 0; i < touchedN; i++) {
      const key = touched[i]!;
      const c = binCount[key]!;
      out.edge[n] = Math.floor(key / (BUNDLE_BINS * LOOKS));
      out.pos[n] = binSum[key]! / c;
      out.look[n] = key % LOOKS;
      out.count[n] = c;
      out.slot[n] = binSlot[key]!;
      out.step[n] = cols.step[binSlot[key]!]!;
      out.highlighted[n] = 0;
      n++;
      binCount[key] = 0;
      binSum[key] = 0;
    }
    out.n = n;
    return out;
  }

  private ensure(messages: number, edges: number): void {
    if (this.perEdge.length < edges) {
      this.perEdge = new Int32Array(edges);
      this.room = new Float64Array(edges);
      this.binCount = new Int32Array(edges * BUNDLE_BINS * LOOKS);
      this.binSum = new Float64Array(edges * BUNDLE_BINS * LOOKS);
      this.binSlot = new Int32Array(edges * BUNDLE_BINS * LOOKS);
    }
    if (this.touched.length < messages) this.touched = new Int32Array(Math.max(64, messages * 2));
    const out = this.out;
    if (out.edge.length < messages) {
      const n = Math.max(64, messages * 2);
      out.edge = new Int32Array(n);
      out.pos = new Float64Array(n);
      out.look = new Uint8Array(n);
      out.count = new Int32Array(n);
      out.slot = new Int32Array(n);
      out.step = new Uint16Array(n);
      out.highlighted = new Uint8Array(n);
    }
  }
}
