/** Bytes per record: two float64 (time, number) and four int32 (who, detail, message, correlation). */
const RECORD_BYTES = 32;

/**
 * The trace's ring of recent records, one 32-byte record after another in a single buffer (read
 * through a float64 and an int32 view), so that each record is written in one place and an event
 * log's 100,000 records need nothing beside them: the last word is the event log's, the record's
 * correlation (-1 while unknown, or with no log). Slot `i` holds record `seq % capacity`.
 */
export class RecordRing {
  /** The slot the next record goes to (`seq % capacity`, kept without dividing on the hot path). */
  private next = 0;
  /** The slot of the record written last (its correlation is set without dividing either). */
  private latest = 0;
  private readonly doubles: Float64Array;
  private readonly words: Int32Array;

  constructor(readonly capacity: number) {
    // Allocated whole: the system hands out zeroed pages as they are first written, so a short run
    // pays only for what it writes (growing by doubling was measured slower: copies and garbage).
    const buffer = new ArrayBuffer(capacity * RECORD_BYTES);
    this.doubles = new Float64Array(buffer);
    this.words = new Int32Array(buffer);
  }

  /** Writes the next record (who: type | (service + 1) << 5 | (edge + 1) << 17; -1 for none, NaN for no number). */
  write(t: number, who: number, msg: number, detail: number, n: number): void {
    const i = this.next;
    this.latest = i;
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

  /** Sets the correlation of the record written last (the event log's, on the hot path). */
  setLatestCorrelation(correlation: number): void {
    this.words[this.latest * 8 + 7] = correlation;
  }

  /** Sets record `seq`'s correlation (the event log's). */
  setCorrelation(seq: number, correlation: number): void {
    this.words[(seq % this.capacity) * 8 + 7] = correlation;
  }
}
