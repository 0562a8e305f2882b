import type { Message } from './messages';

/** What the engine remembers of a recently created message (for envelopes and correlation paths). */
export interface RecentMessage {
  id: number;
  kind: number;
  type: string;
  look: number;
  correlation: number;
  cause: number;
  hop: number;
  createdAt: number;
  edge: number;
  source: number;
  /** Request attempt number, or 0. */
  attempt: number;
  /** Async exchange: the request's message id, or -1. */
  requestId: number;
  /** Saga: index of its saga definition and its step, or -1 and 0. */
  saga: number;
  step: number;
}

/**
 * The last messages created, as numbers and shared strings rather than the message objects: keeping
 * the objects would make thousands of them survive each young-generation collection, a large part of
 * the engine's garbage-collection cost. Only what a message was at creation is kept.
 */
export class RecentMessages {
  private readonly id: Float64Array;
  private readonly correlation: Float64Array;
  private readonly cause: Float64Array;
  private readonly createdAt: Float64Array;
  private readonly ints: Int32Array;
  private readonly types: string[];

  /** `capacity - 1`: a slot is `id & mask` (a power of two's remainder without a division). */
  private readonly mask: number;

  constructor(private readonly capacity: number) {
    if ((capacity & (capacity - 1)) !== 0) throw new Error('RecentMessages: capacity must be a power of two');
    this.mask = capacity - 1;
    // One slot past the ring is scratch space for `describe`.
    const slots = capacity + 1;
    this.id = new Float64Array(slots).fill(-1);
    this.correlation = new Float64Array(slots);
    this.cause = new Float64Array(slots);
    this.createdAt = new Float64Array(slots);
    this.ints = new Int32Array(slots * INTS);
    this.types = new Array<string>(slots).fill('');
  }

  /** Remembers a message just created (its call, saga and pending entry are already set). */
  add(m: Message): void {
    this.write(m.id & this.mask, m);
  }

  /** What `add` would remember of `m`, without remembering it (for a live message no longer in the ring). */
  describe(m: Message): RecentMessage {
    const scratch = this.capacity;
    this.write(scratch, m);
    return this.at(scratch);
  }

  private write(i: number, m: Message): void {
    this.id[i] = m.id;
    this.correlation[i] = m.correlation;
    this.cause[i] = m.cause;
    this.createdAt[i] = m.createdAt;
    this.types[i] = m.type;
    const o = i * INTS;
    const ints = this.ints;
    ints[o] = m.kind;
    ints[o + 1] = m.look;
    ints[o + 2] = m.hop;
    ints[o + 3] = m.edge.index;
    ints[o + 4] = m.source.index;
    ints[o + 5] = m.call === null ? 0 : m.call.attempt;
    ints[o + 6] = m.pending === null ? -1 : m.pending.requestId;
    ints[o + 7] = m.saga === null ? -1 : m.saga.def.index;
    ints[o + 8] = m.step;
  }

  /** The remembered message with this id, if it is still remembered. */
  get(id: number): RecentMessage | undefined {
    const i = id & this.mask;
    return this.id[i] === id ? this.at(i) : undefined;
  }

  /** Where the message with this id is remembered, or -1: for the `…At` readers, which build nothing. */
  slotOf(id: number): number {
    const i = id & this.mask;
    return this.id[i] === id ? i : -1;
  }

  /** The correlation of the message in `slot` (see `slotOf`). */
  correlationAt(slot: number): number {
    return this.correlation[slot]!;
  }

  /** The message type (its name: `ChargeCard`) of the message in `slot`. */
  typeAt(slot: number): string {
    return this.types[slot]!;
  }

  /** Remembered messages of a correlation, oldest first. */
  correlated(correlation: number): RecentMessage[] {
    const out: RecentMessage[] = [];
    for (let i = 0; i < this.capacity; i++)
      if (this.id[i]! >= 0 && this.correlation[i] === correlation) out.push(this.at(i));
    return out.sort((a, b) => a.id - b.id);
  }

  private at(i: number): RecentMessage {
    const o = i * INTS;
    const ints = this.ints;
    return {
      id: this.id[i]!,
      kind: ints[o]!,
      type: this.types[i]!,
      look: ints[o + 1]!,
      correlation: this.correlation[i]!,
      cause: this.cause[i]!,
      hop: ints[o + 2]!,
      createdAt: this.createdAt[i]!,
      edge: ints[o + 3]!,
      source: ints[o + 4]!,
      attempt: ints[o + 5]!,
      requestId: ints[o + 6]!,
      saga: ints[o + 7]!,
      step: ints[o + 8]!,
    };
  }
}

/** Int32 fields per remembered message. */
const INTS = 9;
