import type { InFlightDiff } from './protocol';
import { META_STRIDE, TIMES_STRIDE } from './protocol';

/**
 * The messages in flight, mirrored from the engine's snapshots as columns of typed arrays indexed by
 * slot, so the canvas can walk 2,000+ of them per frame without touching an object. A slot with
 * `alive[slot] === 0` is empty; `highWater` bounds the slots ever used.
 */
export class MessageColumns {
  capacity = 0;
  highWater = 0;
  count = 0;
  alive = new Uint8Array(0);
  sentAt = new Float64Array(0);
  arrivesAt = new Float64Array(0);
  fromT = new Float64Array(0);
  toT = new Float64Array(0);
  /** Index into the loaded diagram's edges; -1 when the engine named an edge the diagram lacks. */
  edge = new Int32Array(0);
  /** Index into MESSAGE_LOOKS. */
  look = new Uint8Array(0);
  step = new Uint16Array(0);
  ids: string[] = [];
  correlations: string[] = [];
  types: string[] = [];
  /** Bumped on every change, so readers can cache per-version work. */
  version = 0;

  constructor(initialCapacity = 256) {
    this.grow(initialCapacity);
  }

  /** Empties every slot. */
  clear(): void {
    this.alive.fill(0, 0, this.highWater);
    this.highWater = 0;
    this.count = 0;
    this.ids.length = 0;
    this.correlations.length = 0;
    this.types.length = 0;
    this.version++;
  }

  /** Applies one snapshot's diff; diffs must be applied in the order they were made. */
  apply(diff: InFlightDiff): void {
    if (diff.full) this.clear();
    for (let i = 0; i < diff.removed.length; i++) {
      const slot = diff.removed[i]!;
      if (slot < this.highWater && this.alive[slot]) {
        this.alive[slot] = 0;
        this.count--;
      }
    }
    for (let i = 0; i < diff.slots.length; i++) {
      const slot = diff.slots[i]!;
      if (slot >= this.capacity) this.grow(Math.max(slot + 1, this.capacity * 2));
      if (!this.alive[slot]) this.count++;
      this.alive[slot] = 1;
      const t = i * TIMES_STRIDE;
      this.sentAt[slot] = diff.times[t]!;
      this.arrivesAt[slot] = diff.times[t + 1]!;
      this.fromT[slot] = diff.times[t + 2]!;
      this.toT[slot] = diff.times[t + 3]!;
      const m = i * META_STRIDE;
      this.edge[slot] = diff.meta[m]!;
      this.look[slot] = diff.meta[m + 1]!;
      this.step[slot] = diff.meta[m + 2]!;
      this.ids[slot] = diff.ids[i]!;
      this.correlations[slot] = diff.correlations[i]!;
      this.types[slot] = diff.types[i]!;
      if (slot >= this.highWater) this.highWater = slot + 1;
    }
    while (this.highWater > 0 && !this.alive[this.highWater - 1]) this.highWater--;
    this.version++;
  }

  /** Everything held, as one full diff (to seed a copy of these columns elsewhere). */
  toDiff(): InFlightDiff {
    const slots: number[] = [];
    for (let s = 0; s < this.highWater; s++) if (this.alive[s]) slots.push(s);
    const n = slots.length;
    const diff: InFlightDiff = {
      full: true,
      removed: new Int32Array(0),
      slots: Int32Array.from(slots),
      times: new Float64Array(n * TIMES_STRIDE),
      meta: new Int32Array(n * META_STRIDE),
      ids: slots.map((s) => this.ids[s]!),
      correlations: slots.map((s) => this.correlations[s]!),
      types: slots.map((s) => this.types[s]!),
    };
    slots.forEach((s, i) => {
      diff.times.set([this.sentAt[s]!, this.arrivesAt[s]!, this.fromT[s]!, this.toT[s]!], i * TIMES_STRIDE);
      diff.meta.set([this.edge[s]!, this.look[s]!, this.step[s]!], i * META_STRIDE);
    });
    return diff;
  }

  /** The slot holding message `id`, or -1. */
  slotOf(id: string): number {
    for (let s = 0; s < this.highWater; s++) if (this.alive[s] && this.ids[s] === id) return s;
    return -1;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.alive = copy(this.alive, (n) => new Uint8Array(n));
    this.sentAt = copy(this.sentAt, (n) => new Float64Array(n));
    this.arrivesAt = copy(this.arrivesAt, (n) => new Float64Array(n));
    this.fromT = copy(this.fromT, (n) => new Float64Array(n));
    this.toT = copy(this.toT, (n) => new Float64Array(n));
    this.edge = copy(this.edge, (n) => new Int32Array(n));
    this.look = copy(this.look, (n) => new Uint8Array(n));
    this.step = copy(this.step, (n) => new Uint16Array(n));
    this.capacity = capacity;
  }
}
