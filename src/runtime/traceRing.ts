/** Bytes per record: two float64 (time, number) and four int32 (who, detail, message, correlation). */
const RECORD_BYTES = 32;
/** The first size of a ring allocated to grow. */
const INITIAL_SLOTS = 4096;

/**
 * The trace's ring of recent records, one 32-byte record after another in a single buffer (read
 * through a float64 and an int32 view): an event log keeps 100,000 records here, and writing one
 * record into one place was measured much cheaper than into five or six columns of that size. The
 * last word is the event log's: the record's correlation (-1 while unknown, or with no log).
 * Starts at 4,096 slots and doubles up to its capacity; slot `i` is record `seq % capacity`.
 */
export class RecordRing {
  /** Slots allocated so far. */
  private size: number;
  /** The slot the next record goes to (`seq % capacity`, kept without dividing on the hot path). */
  private next = 0;
  private doubles!: Float64Array;
  private words!: Int32Array;

  constructor(readonly capacity: number) {
    this.size = Math.min(capacity, INITIAL_SLOTS);
    this.allocate(null);
  }

  private allocate(previous: ArrayBuffer | null): void {
    const buffer = new ArrayBuffer(this.size * RECORD_BYTES);
    if (previous) new Uint8Array(buffer).set(new Uint8Array(previous));
    this.doubles = new Float64Array(buffer);
    this.words = new Int32Array(buffer);
  }

  /** Writes record `seq`, the one after the last written (who: type | (service + 1) << 5 | (edge + 1) << 17; -1 for none, NaN for no number). */
  write(seq: number, t: number, who: number, msg: number, detail: number, n: number): void {
    // Grows before it first wraps, so every record keeps its slot.
    if (seq === this.size && this.size < this.capacity) {
      this.size = Math.min(this.capacity, this.size * 2);
      this.allocate(this.doubles.buffer as ArrayBuffer);
    }
    const i = this.next;
    this.next = i + 1 === this.capacity ? 0 : i + 1;
    const d = i * 4;
    const w = i * 8;
    this.doubles[d] = t;
    this.doubles[d + 1] = n;
    this.words[w + 4] = who;
    this.words[w + 5] = detail;
    this.words[w + 6] = msg;
    this.words[w + 7] = -1;
  }

  /** Record `seq`'s time (a record the ring still holds: the caller checks). */
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
}
