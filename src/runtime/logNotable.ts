import { TraceCode, type TraceLog } from './trace';

const SAGA_ENDED = TraceCode['saga-ended'];

/** Open client requests kept in typed arrays (a power of two: a slot is `correlation & (size - 1)`). */
const STARTED_SLOTS = 4096;

/**
 * The slowest finished request, the latest failed one and the latest compensated saga, as the run
 * goes (what the Metrics panel's "the slowest", "a failed one", "a compensated saga" open). A request
 * is a client's: from its first send to its call's end.
 */
export class NotableRequests {
  /**
   * When each open client request started (its first send), by correlation: direct-mapped typed
   * arrays (correlation -1: none), and a map for a request whose slot another open one holds.
   */
  private readonly startKeys = new Int32Array(STARTED_SLOTS).fill(-1);
  private readonly startTimes = new Float64Array(STARTED_SLOTS);
  private readonly startedElsewhere = new Map<number, number>();
  /** 1 for a client, by service index + 1 (0: no service): read for every record, so a typed array. */
  private readonly isClient: Uint8Array;
  private slowestMs = -1;
  /** The correlations themselves (-1 for none): their ids are built only when read. */
  private slowestCorrelation = -1;
  private failedCorrelation = -1;
  private compensatedCorrelation = -1;

  /** `takeRecords`: makes the log take the records it has not yet taken (before an answer is read). */
  constructor(
    clients: readonly boolean[],
    private readonly trace: TraceLog,
    private readonly takeRecords: () => void,
  ) {
    this.isClient = Uint8Array.from([0, ...clients.map((client) => (client ? 1 : 0))]);
  }

  /** The slowest finished request's correlation id, or null. */
  get slowest(): string | null {
    this.takeRecords();
    return correlationId(this.slowestCorrelation);
  }

  /** The latest failed request's correlation id, or null. */
  get failed(): string | null {
    this.takeRecords();
    return correlationId(this.failedCorrelation);
  }

  /** The latest compensated saga's correlation id, or null. */
  get compensated(): string | null {
    this.takeRecords();
    return correlationId(this.compensatedCorrelation);
  }

  /** Whether a record of this type and service (or -1) can change an answer: a client's, or a saga's end. */
  wants(type: number, service: number): boolean {
    return this.isClient[service + 1] === 1 || type === SAGA_ENDED;
  }

  /** Takes the record in the trace's ring slot `slot`, of this type, service and correlation. */
  add(slot: number, type: number, service: number, correlation: number): void {
    const ring = this.trace.ring;
    if (this.isClient[service + 1] !== 1) {
      if (type === SAGA_ENDED && this.trace.detailText(ring.detailAt(slot)) === 'compensated')
        this.compensatedCorrelation = correlation;
    } else if (type === TraceCode.sent) this.started(correlation, slot);
    else if (type === TraceCode['call-done']) this.ended(correlation, slot);
  }

  /** A client's request sent: its start, unless this is a retry. */
  private started(correlation: number, slot: number): void {
    const i = correlation & (STARTED_SLOTS - 1);
    if (this.startKeys[i] === correlation) return;
    if (this.startedElsewhere.size > 0 && this.startedElsewhere.has(correlation)) return;
    const t = this.trace.ring.timeAt(slot);
    if (this.startKeys[i] !== -1) this.startedElsewhere.set(correlation, t);
    else {
      this.startKeys[i] = correlation;
      this.startTimes[i] = t;
    }
  }

  /** A client's request ended: the latest failed one, or perhaps the slowest. */
  private ended(correlation: number, slot: number): void {
    const i = correlation & (STARTED_SLOTS - 1);
    let start: number | undefined;
    if (this.startKeys[i] === correlation) {
      start = this.startTimes[i]!;
      this.startKeys[i] = -1;
    } else {
      start = this.startedElsewhere.get(correlation);
      this.startedElsewhere.delete(correlation);
    }
    const ring = this.trace.ring;
    const t = ring.timeAt(slot);
    if (this.trace.detailText(ring.detailAt(slot)) !== 'ok') this.failedCorrelation = correlation;
    else if (start !== undefined && t - start > this.slowestMs) {
      this.slowestMs = t - start;
      this.slowestCorrelation = correlation;
    }
  }
}

/** A correlation's id (`c12`), or null for -1. */
function correlationId(correlation: number): string | null {
  return correlation < 0 ? null : `c${correlation}`;
}
