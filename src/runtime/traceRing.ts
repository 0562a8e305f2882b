/** Bytes per record: two float64 (time, number) and four int32 (who, detail, message, correlation). */
const RECORD_BYTES = 32;

/**
 * Records per block: a reader of every record (the event log) is called after each block, while the
 * block's 64 KB are still in the processor's cache, rather than for each record as it is made.
 */
export const RING_BLOCK = 2048;

/**
 * The trace's ring of recent records, one 32-byte record after another in a single buffer (read
 * through a float64 and an int32 view), so that each record is written in one place and an event
 * log's 100,000 records need nothing beside them: the last word is the event log's, the record's
 * correlation (-1 while unknown, or with no log). Slot `i` holds record `seq % capacity`.
 */
export class RecordRing {
  /** The slot the next record goes to (`seq % capacity`, kept without dividing on the hot path). */
  private next = 0;
  /** Where the block being written ends (a multiple of `RING_BLOCK`, or the capacity). */
  private blockEnd: number;
  /**
   * Called when a block is full (and when the ring is, before it wraps), so that a reader of every
   * record (the event log) takes them while they are in the cache and before they are overwritten.
   */
  onBlock: (() => void) | null = null;
  /**
   * The records: slot `i`'s time at `doubles[i * 4]`, number at `doubles[i * 4 + 1]`, who, detail,
   * message and correlation at `words[i * 8 + 4 … 7]`. Read directly only by the event log's loop
   * over every record (`LogCorrelator.take`), where each call saved counts.
   */
  readonly doubles: Float64Array;
  readonly words: Int32Array;

  constructor(readonly capacity: number) {
    // Allocated whole: the system hands out zeroed pages as they are first written, so a short run
    // pays only for what it writes (growing by doubling was measured slower: copies and garbage).
    const buffer = new ArrayBuffer(capacity * RECORD_BYTES);
    this.doubles = new Float64Array(buffer);
    this.words = new Int32Array(buffer);
    this.blockEnd = Math.min(RING_BLOCK, capacity);
  }

  /**
   * Writes the next record (who: type | (service + 1) << 5 | (edge + 1) << 17; -1 for none, NaN for
   * no number). `correlation`: the request its maker knew, or -1 (the event log's; it replaces it).
   * Returns where the record starts in `words`: its time's bits are words 0 and 1 from there, its
   * number's 2 and 3 (the trace hashes them from there, with no scratch buffer to write and read).
   */
  write(t: number, who: number, msg: number, detail: number, n: number, correlation: number): number {
    const i = this.next;
    const d = i * 4;
    const w = i * 8;
    this.doubles[d] = t;
    this.doubles[d + 1] = n;
    this.words[w + 4] = who;
    this.words[w + 5] = detail;
    this.words[w + 6] = msg;
    this.words[w + 7] = correlation;
    // One comparison per record, as the wrap alone took: blocks end at the ring's end too.
    if (i + 1 === this.blockEnd) this.endBlock();
    else this.next = i + 1;
    return w;
  }

  private endBlock(): void {
    const next = this.blockEnd === this.capacity ? 0 : this.blockEnd;
    this.next = next;
    this.blockEnd = Math.min(next + RING_BLOCK, this.capacity);
    if (this.onBlock !== null) this.onBlock();
  }

  /** The slot of record `seq` (a record the ring still holds: the caller checks). */
  slotOf(seq: number): number {
    return seq % this.capacity;
  }

  /** Record `seq`'s time. */
  time(seq: number): number {
    return this.doubles[(seq % this.capacity) * 4]!;
  }

  /** Record `seq`'s number, or NaN. */
  number(seq: number): number {
    return this.doubles[(seq % this.capacity) * 4 + 1]!;
  }

  /** Record `seq`'s type, service and edge in one word. */
  who(seq: number): number {
    return this.words[(seq % this.capacity) * 8 + 4]!;
  }

  /** Record `seq`'s detail id, or -1. */
  detail(seq: number): number {
    return this.words[(seq % this.capacity) * 8 + 5]!;
  }

  /** Record `seq`'s message id, or -1. */
  message(seq: number): number {
    return this.words[(seq % this.capacity) * 8 + 6]!;
  }

  /** Record `seq`'s correlation, or -1. */
  correlation(seq: number): number {
    return this.words[(seq % this.capacity) * 8 + 7]!;
  }

  /** Sets record `seq`'s correlation (the event log's). */
  setCorrelation(seq: number, correlation: number): void {
    this.words[(seq % this.capacity) * 8 + 7] = correlation;
  }

  /** The time of the record in `slot` (see `slotOf`: the `…At` readers take slots, not dividing). */
  timeAt(slot: number): number {
    return this.doubles[slot * 4]!;
  }

  /** The detail id of the record in `slot`. */
  detailAt(slot: number): number {
    return this.words[slot * 8 + 5]!;
  }
}
