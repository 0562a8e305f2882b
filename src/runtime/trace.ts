import { RecordRing } from './traceRing';

/**
 * Trace records: the one module that names them. The engine writes numbers into a ring buffer and
 * folds them into the trace hash; record objects are only built when someone reads or streams them.
 */
export const TRACE_TYPES = [
  'sent',
  'arrived',
  'refused',
  'started',
  'handled',
  'failed',
  'timed-out',
  'retried',
  'late-reply',
  'call-done',
  'published',
  'enqueued',
  'delivered',
  'acked',
  'ack-lost',
  'nacked',
  'dead-lettered',
  'dropped',
  'duplicate',
  'held',
  'correlated',
  'circuit',
  'saga-started',
  'saga-step',
  'compensation',
  'saga-ended',
  'fault-start',
  'fault-end',
  'overloaded',
] as const;

export type TraceType = (typeof TRACE_TYPES)[number];

/** Numeric code of each record type, for the hot path. */
export const TraceCode = Object.fromEntries(TRACE_TYPES.map((t, i) => [t, i])) as {
  [K in TraceType]: number;
};

/** One thing that happened in the run. Fields not relevant to a record are left out. */
export interface TraceRecord {
  /** Position in the whole trace, from 0. */
  seq: number;
  t: number;
  type: TraceType;
  /** Envelope id of the message concerned. */
  msg?: string;
  service?: string;
  edge?: string;
  /** A reason, state or name: `timeout`, `open`, `partition`, a channel or saga name… */
  detail?: string;
  /** A number that goes with it: attempt, delivery count, depth, step, replica… */
  n?: number;
}

/** The high word of the quiet NaN that JavaScript's `NaN` is (0x7ff8000000000000). */
const CANONICAL_NAN_HIGH = 0x7ff80000;

/** Where the trace reads the time of the records the engine makes: the run's simulation. */
export interface Clock {
  readonly now: number;
}

/** Records the trace: bounded ring of recent records, running hash, optional live listener. */
export class TraceLog {
  count = 0;
  /**
   * The time of the records `addNow` makes (the engine sets its simulation here). Read here rather
   * than passed: a double passed to a call too large to inline (this one) is boxed into a new heap
   * number on every call, about 40 bytes an event, a tenth of what the engine allocates.
   */
  clock: Clock = { now: 0 };
  private h1 = 0x811c9dc5;
  private h2 = 0x9747b28c;
  /** The recent records (all of a run's last `capacity`, for an event log). */
  readonly ring: RecordRing;
  private readonly details: string[] = [];
  private readonly detailIds = new Map<string, number>();

  /** `serviceIds`/`edgeIds` resolve the indexes the engine records. */
  constructor(
    private readonly serviceIds: readonly string[],
    private readonly edgeIds: readonly string[],
    capacity: number,
    private readonly listener: ((r: TraceRecord) => void) | null,
    preinterned: readonly string[] = [],
  ) {
    for (const s of preinterned) this.intern(s);
    this.ring = new RecordRing(Math.max(1, capacity));
  }

  /** How many records the ring holds (the most recent ones). */
  get capacity(): number {
    return this.ring.capacity;
  }

  /** Record `seq`'s type code (a record the ring still holds). */
  typeOf(seq: number): number {
    return this.ring.who(seq) & 31;
  }

  /** Record `seq`'s service index, or -1. */
  serviceOf(seq: number): number {
    return ((this.ring.who(seq) >>> 5) & 0xfff) - 1;
  }

  /** Record `seq`'s edge index, or -1. */
  edgeOf(seq: number): number {
    return (this.ring.who(seq) >>> 17) - 1;
  }

  /** The id of a detail string, interned in first-use order (so hashes are stable). */
  intern(s: string): number {
    let id = this.detailIds.get(s);
    if (id === undefined) {
      id = this.details.length;
      this.details.push(s);
      this.detailIds.set(s, id);
    }
    return id;
  }

  /** The text of an interned detail id (undefined for -1, "none"). */
  detailText(id: number): string | undefined {
    return id < 0 ? undefined : this.details[id];
  }

  /** Appends a record at time `t` (for tools and tests: the engine's records use `addNow`). */
  add(type: number, t: number, msg: number, service: number, edge: number, detail: number, n: number): void {
    const clock = this.clock;
    this.clock = { now: t };
    this.addNow(type, msg, service, edge, detail, n, -1);
    this.clock = clock;
  }

  /**
   * Appends a record at the clock's time; -1 means "none" for msg/service/edge/detail and NaN for n.
   * `correlation`: the request its maker knew, for an event log (not part of the trace), or -1.
   */
  addNow(
    type: number,
    msg: number,
    service: number,
    edge: number,
    detail: number,
    n: number,
    correlation: number,
  ): void {
    const t = this.clock.now;
    const seq = this.count++;
    // Counted before it is written: the ring may hand a full block to the event log, which reads `count`.
    const w = this.ring.write(
      t,
      type | ((service + 1) << 5) | ((edge + 1) << 17),
      msg,
      detail,
      n,
      correlation,
    );
    // Word-wise FNV-1a and a murmur-style lane: 64 bits of hash with no allocation. The bits of the
    // time and the number are read back from the ring, where the record has just been written.
    const words = this.ring.words;
    let h1 = this.h1;
    let h2 = this.h2;
    const t0 = words[w]!;
    const t1 = words[w + 1]!;
    // NaN ("no number") has many bit patterns, and which one a computation yields differs between
    // JavaScript engines and JIT tiers (0/0 may be a negative NaN): hash one canonical NaN, so the
    // same run has the same hash in Node, in a browser's worker and in optimised code.
    let n0 = 0;
    let n1 = CANONICAL_NAN_HIGH;
    if (n === n) {
      n0 = words[w + 2]!;
      n1 = words[w + 3]!;
    }
    h1 = Math.imul(h1 ^ type, 0x01000193);
    h1 = Math.imul(h1 ^ t0, 0x01000193);
    h1 = Math.imul(h1 ^ t1, 0x01000193);
    h1 = Math.imul(h1 ^ msg, 0x01000193);
    h1 = Math.imul(h1 ^ service, 0x01000193);
    h1 = Math.imul(h1 ^ edge, 0x01000193);
    h1 = Math.imul(h1 ^ detail, 0x01000193);
    h1 = Math.imul(h1 ^ n0, 0x01000193);
    h1 = Math.imul(h1 ^ n1, 0x01000193);
    h2 = Math.imul(h2 ^ (type + (service << 8) + (edge << 20)), 0x5bd1e995);
    h2 = Math.imul(h2 ^ (h2 >>> 15) ^ t0, 0x5bd1e995);
    h2 = Math.imul(h2 ^ (h2 >>> 15) ^ t1, 0x5bd1e995);
    h2 = Math.imul(h2 ^ (h2 >>> 15) ^ msg ^ (detail << 16), 0x5bd1e995);
    h2 = Math.imul(h2 ^ (h2 >>> 15) ^ n0 ^ n1, 0x5bd1e995);
    this.h1 = h1;
    this.h2 = h2;
    if (this.listener) this.listener(this.materialize(seq));
  }

  /** The hash of every record so far, as 16 hex digits. */
  hash(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }

  /** The most recent `limit` records, oldest first. */
  recent(limit: number): TraceRecord[] {
    const n = Math.min(limit, this.count, this.ring.capacity);
    const out: TraceRecord[] = [];
    for (let s = this.count - n; s < this.count; s++) out.push(this.materialize(s));
    return out;
  }

  private materialize(seq: number): TraceRecord {
    const ring = this.ring;
    const who = ring.who(seq);
    const r: TraceRecord = { seq, t: ring.time(seq), type: TRACE_TYPES[who & 31]! };
    const msg = ring.message(seq);
    if (msg >= 0) r.msg = `m${msg}`;
    const service = ((who >>> 5) & 0xfff) - 1;
    if (service >= 0) r.service = this.serviceIds[service];
    const edge = (who >>> 17) - 1;
    if (edge >= 0) r.edge = this.edgeIds[edge];
    const d = ring.detail(seq);
    if (d >= 0) r.detail = this.details[d];
    const n = ring.number(seq);
    if (!Number.isNaN(n)) r.n = n;
    return r;
  }
}
