import { LogCorrelator } from './logCorrelation';
import type { RecentMessages } from './recent';
import { TRACE_TYPES, TraceCode, type TraceLog, type TraceRecord, type TraceType } from './trace';

/** One row of the event log: a trace record with its request, message name, channel and outcome. */
export interface LogRow {
  seq: number;
  t: number;
  type: string;
  service?: string;
  edge?: string;
  /** The queue or topic of a record on a queue or topic edge. */
  channel?: string;
  /** Message name (`ChargeCard`). */
  message?: string;
  correlationId?: string;
  /** What came of it: a reason, a state, a count (the record's detail and number, read). */
  outcome?: string;
  /** Something went wrong here (failure, timeout, refusal, drop, dead letter, nack, open circuit…). */
  error: boolean;
}

/** Which rows to show. Every field left out matches everything. */
export interface LogFilter {
  service?: string;
  edge?: string;
  channel?: string;
  type?: string;
  errorsOnly?: boolean;
  correlationId?: string;
  /** Words that must all appear in the row's text (case-insensitive). */
  search?: string;
}

/** A window of the filtered rows, and how much the log holds and has dropped. */
export interface LogPage {
  /** Rows matching the filter among those kept. */
  total: number;
  offset: number;
  rows: LogRow[];
  /** Records seen since the run started, and how many the log still keeps. */
  seen: number;
  kept: number;
  /** Records dropped to stay within the bound, by type. */
  dropped: Record<string, number>;
}

/** How many records the event log keeps by default: older ones are summarised by type. */
export const EVENT_LOG_CAPACITY = 100_000;

/** The ring's first size; it doubles as records come, up to the log's capacity. */
const INITIAL_SLOTS = 4096;

const ERROR_TYPES = new Set([
  'failed',
  'timed-out',
  'refused',
  'dropped',
  'dead-lettered',
  'nacked',
  'duplicate',
  'ack-lost',
  'overloaded',
]);

/** A record's detail and number, read: `timeout #2`. */
function outcomeOf(detail: string | undefined, n: number): string | undefined {
  const number = Number.isNaN(n) ? '' : `#${n}`;
  if (!detail) return number || undefined;
  return number ? `${detail} ${number}` : detail;
}

/** Whether a record of this type and detail says something went wrong. */
function isError(type: TraceType, detail: string | undefined): boolean {
  if (ERROR_TYPES.has(type)) return true;
  if (type === 'call-done' || type === 'retried') return detail !== 'ok';
  if (type === 'circuit') return detail === 'open';
  if (type === 'saga-ended') return detail !== 'completed';
  return type === 'saga-step' && detail === 'failed';
}

/** Whether a record says something went wrong. */
export function isErrorRecord(r: TraceRecord): boolean {
  return isError(r.type, r.detail);
}

/** What the event log needs of its run, besides the records: names for the indexes it keeps. */
export interface EventLogRun {
  /** Service and edge ids by the indexes the engine records. */
  serviceIds: readonly string[];
  edgeIds: readonly string[];
  /** The queue or topic of each edge (by index), if it has one. */
  channels: readonly (string | undefined)[];
  /** Which services (by index) are clients: the requests they start are the ones `notable` picks among. */
  clients: readonly boolean[];
  /** The run's trace, for the text of the detail ids it records. */
  trace: TraceLog;
}

/**
 * The event log of a run: the last `capacity` records (a ring: memory never grows), a count per
 * type of the records it dropped, each kept record's request, and filtered windows of what it keeps.
 * Fed by the playing engine as it records (`createEngine(…, { eventLog: {} })`), with the numbers
 * it records: no record object is built and no message looked up by its string id, so a run with its
 * log is nearly as fast as one without (`bench:eventlog`).
 *
 * Kept as columns (a typed array per number, an array of references per string), one slot per
 * record at `seq % capacity`. Rows are built only for the window a page shows.
 */
export class EventLog {
  /** Slots allocated so far: the ring starts small and doubles up to `capacity` (most runs are short). */
  private size: number;
  private times: Float64Array;
  private types: Uint8Array;
  private numbers: Float64Array;
  private services: Int32Array;
  private edges: Int32Array;
  private details: Int32Array;
  /** The message each record names, or -1 (its name is read from the correlator's memory). */
  private messages: Float64Array;
  /** Each record's correlation number, -1 while unknown. */
  private correlations: Float64Array;
  private seen = 0;
  private readonly droppedByType = new Uint32Array(TRACE_TYPES.length);
  private readonly correlator: LogCorrelator;
  /** The slowest finished request, the latest failed one and the latest compensated saga. */
  readonly notable: NotableRequests;
  private cache: { key: string; seen: number; slots: number[] } | null = null;

  constructor(
    private readonly run: EventLogRun,
    private readonly capacity = EVENT_LOG_CAPACITY,
  ) {
    this.size = Math.min(INITIAL_SLOTS, capacity);
    this.times = new Float64Array(this.size);
    this.types = new Uint8Array(this.size);
    this.numbers = new Float64Array(this.size);
    this.services = new Int32Array(this.size);
    this.edges = new Int32Array(this.size);
    this.details = new Int32Array(this.size);
    this.messages = new Float64Array(this.size);
    this.correlations = new Float64Array(this.size);
    this.notable = new NotableRequests(run.clients, run.trace);
    // Correlations arrive with their record or just after it (same instant), once its slot is kept.
    this.correlator = new LogCorrelator((seq, correlation) => {
      const slot = this.slotOf(seq);
      if (slot >= 0) this.correlations[slot] = correlation;
    });
  }

  /** Takes the engine's next record (its arguments to `Simulation.record`, and the time). */
  add(
    recent: RecentMessages,
    type: number,
    t: number,
    msg: number,
    service: number,
    edge: number,
    detail: number,
    n: number,
  ) {
    if (this.seen === this.size && this.size < this.capacity) this.grow();
    const slot = this.seen % this.capacity;
    if (this.seen >= this.capacity) this.droppedByType[this.types[slot]!]!++;
    const seq = this.seen++;
    this.times[slot] = t;
    this.types[slot] = type;
    this.numbers[slot] = n;
    this.services[slot] = service;
    this.edges[slot] = edge;
    this.details[slot] = detail;
    this.messages[slot] = msg;
    const correlation = this.correlator.correlate(recent, seq, type, t, msg, edge, n);
    this.correlations[slot] = correlation;
    if (correlation >= 0) this.notable.add(type, t, service, detail, correlation);
  }

  /** Doubles the ring (before it first wraps, so every slot keeps its place). */
  private grow(): void {
    this.size = Math.min(this.capacity, this.size * 2);
    const grown = <T extends Float64Array | Int32Array | Uint8Array>(column: T): T => {
      const next = new (column.constructor as new (length: number) => T)(this.size);
      next.set(column);
      return next;
    };
    this.times = grown(this.times);
    this.types = grown(this.types);
    this.numbers = grown(this.numbers);
    this.services = grown(this.services);
    this.edges = grown(this.edges);
    this.details = grown(this.details);
    this.messages = grown(this.messages);
    this.correlations = grown(this.correlations);
  }

  /** Whether the record in `slot` says something went wrong. */
  private errorAt(slot: number): boolean {
    return isError(TRACE_TYPES[this.types[slot]!]!, this.run.trace.detailText(this.details[slot]!));
  }

  /** The name of the message the record in `slot` names, once known. */
  private messageAt(slot: number): string | undefined {
    const msg = this.messages[slot]!;
    return msg < 0 ? undefined : this.correlator.nameOf(msg);
  }

  /** The request a kept record belongs to, once known. */
  correlationOf(seq: number): string | undefined {
    const slot = this.slotOf(seq);
    return slot < 0 || this.correlations[slot]! < 0 ? undefined : `c${this.correlations[slot]}`;
  }

  /** Where a kept record's columns are; -1 for one never seen or dropped. */
  private slotOf(seq: number): number {
    if (seq < this.seen - this.kept() || seq >= this.seen) return -1;
    return seq % this.capacity;
  }

  private kept(): number {
    return Math.min(this.seen, this.capacity);
  }

  /** The kept record in `slot` as a row. */
  private rowAt(slot: number, seq: number): LogRow {
    const row: LogRow = {
      seq,
      t: this.times[slot]!,
      type: TRACE_TYPES[this.types[slot]!]!,
      error: this.errorAt(slot),
    };
    const service = this.services[slot]!;
    if (service >= 0) row.service = this.run.serviceIds[service];
    const edge = this.edges[slot]!;
    if (edge >= 0) {
      row.edge = this.run.edgeIds[edge];
      const channel = this.run.channels[edge];
      if (channel !== undefined) row.channel = channel;
    }
    const message = this.messageAt(slot);
    if (message !== undefined) row.message = message;
    const correlationId = this.correlationOf(seq);
    if (correlationId !== undefined) row.correlationId = correlationId;
    const outcome = this.outcomeAt(slot);
    if (outcome !== undefined) row.outcome = outcome;
    return row;
  }

  private outcomeAt(slot: number): string | undefined {
    return outcomeOf(this.run.trace.detailText(this.details[slot]!), this.numbers[slot]!);
  }

  /** Rows `offset` … `offset + limit` of those matching `filter`, oldest first; offset -1: the last ones. */
  page(filter: LogFilter, offset: number, limit: number): LogPage {
    const slots = this.matching(filter);
    const from = offset < 0 ? Math.max(0, slots.length - limit) : Math.max(0, Math.min(offset, slots.length));
    const oldest = this.seen - this.kept();
    const rows = slots.slice(from, from + Math.max(0, limit)).map((slot) => {
      // A slot's seq: the kept record whose seq is that slot modulo the capacity.
      const seq = oldest + ((slot - (oldest % this.capacity) + this.capacity) % this.capacity);
      return this.rowAt(slot, seq);
    });
    const dropped: Record<string, number> = {};
    this.droppedByType.forEach((n, code) => {
      if (n > 0) dropped[TRACE_TYPES[code]!] = n;
    });
    return { total: slots.length, offset: from, rows, seen: this.seen, kept: this.kept(), dropped };
  }

  /** The slots of the kept records matching `filter`, oldest first (kept until a record comes). */
  private matching(filter: LogFilter): number[] {
    const key = JSON.stringify(filter);
    if (this.cache && this.cache.key === key && this.cache.seen === this.seen) return this.cache.slots;
    const matches = this.matcher(filter);
    const out: number[] = [];
    for (let seq = this.seen - this.kept(); seq < this.seen; seq++) {
      const slot = seq % this.capacity;
      if (matches(slot)) out.push(slot);
    }
    this.cache = { key, seen: this.seen, slots: out };
    return out;
  }

  /** A test of one slot against `filter`, with the filter's ids turned into the indexes kept. */
  private matcher(filter: LogFilter): (slot: number) => boolean {
    const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const type = filter.type === undefined ? -1 : ((TraceCode as Record<string, number>)[filter.type] ?? -2);
    const service = filter.service === undefined ? -1 : indexIn(this.run.serviceIds, filter.service);
    const edge = filter.edge === undefined ? -1 : indexIn(this.run.edgeIds, filter.edge);
    const correlation = filter.correlationId === undefined ? -1 : correlationNumber(filter.correlationId);
    const channel = filter.channel;
    return (slot) => {
      if (type !== -1 && this.types[slot] !== type) return false;
      if (filter.service !== undefined && this.services[slot] !== service) return false;
      if (filter.edge !== undefined && this.edges[slot] !== edge) return false;
      if (filter.errorsOnly && !this.errorAt(slot)) return false;
      if (filter.correlationId !== undefined && this.correlations[slot] !== correlation) return false;
      if (channel !== undefined && this.run.channels[this.edges[slot]!] !== channel) return false;
      return words.length === 0 || words.every((w) => this.textOf(slot).includes(w));
    };
  }

  /** What a search looks through in a record, lower-cased. */
  private textOf(slot: number): string {
    const service = this.services[slot]!;
    const edge = this.edges[slot]!;
    const correlation = this.correlations[slot]!;
    return `${TRACE_TYPES[this.types[slot]!]} ${service >= 0 ? this.run.serviceIds[service] : ''} ${edge >= 0 ? this.run.edgeIds[edge] : ''} ${this.run.channels[edge] ?? ''} ${this.messageAt(slot) ?? ''} ${correlation >= 0 ? `c${correlation}` : ''} ${this.outcomeAt(slot) ?? ''}`.toLowerCase();
  }
}

/** The index of `id` in `ids`; -2 (matching nothing, not even "none") when it is not there. */
function indexIn(ids: readonly string[], id: string): number {
  const index = ids.indexOf(id);
  return index < 0 ? -2 : index;
}

/** The number of a correlation id (`c12` → 12); -2 (matching nothing) for anything else. */
function correlationNumber(id: string): number {
  const match = /^c(\d+)$/.exec(id);
  return match ? Number(match[1]) : -2;
}

/**
 * The slowest finished request, the latest failed one and the latest compensated saga, as the run
 * goes (what the Metrics panel's "the slowest", "a failed one", "a compensated saga" open). A request
 * is a client's: from its first send to its call's end.
 */
export class NotableRequests {
  private readonly started = new Map<number, number>();
  private slowestMs = -1;
  slowest: string | null = null;
  failed: string | null = null;
  compensated: string | null = null;

  constructor(
    private readonly clients: readonly boolean[],
    private readonly trace: TraceLog,
  ) {}

  /** Takes a record with its correlation, as known when it is made. */
  add(type: number, t: number, service: number, detail: number, correlation: number): void {
    if (service < 0 || !this.clients[service]) {
      if (type === TraceCode['saga-ended'] && this.trace.detailText(detail) === 'compensated')
        this.compensated = `c${correlation}`;
      return;
    }
    if (type === TraceCode.sent && !this.started.has(correlation)) this.started.set(correlation, t);
    if (type !== TraceCode['call-done']) return;
    const start = this.started.get(correlation);
    this.started.delete(correlation);
    if (this.trace.detailText(detail) !== 'ok') this.failed = `c${correlation}`;
    else if (start !== undefined && t - start > this.slowestMs) {
      this.slowestMs = t - start;
      this.slowest = `c${correlation}`;
    }
  }
}
