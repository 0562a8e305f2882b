import type { MessageFacts } from './api';
import { TraceCorrelator } from './spansCollect';
import { TRACE_TYPES, TraceCode, type TraceRecord } from './trace';

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

const REMEMBERED_NAMES = 200_000;

/** How many records the event log keeps by default: older ones are summarised by type. */
export const EVENT_LOG_CAPACITY = 100_000;

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

/** Whether a record says something went wrong. */
export function isErrorRecord(r: TraceRecord): boolean {
  if (ERROR_TYPES.has(r.type)) return true;
  if (r.type === 'call-done' || r.type === 'retried') return r.detail !== 'ok';
  if (r.type === 'circuit') return r.detail === 'open';
  if (r.type === 'saga-ended') return r.detail !== 'completed';
  return r.type === 'saga-step' && r.detail === 'failed';
}

/** A column of strings the records already hold (ids, names, details): references, no copies. */
type StringColumn = (string | undefined)[];

/**
 * The event log of a run: the last `capacity` records (a ring: memory never grows), a count per
 * type of the records it dropped, and filtered windows of what it keeps. Fed from `onRecord`.
 *
 * Kept as columns (a typed array per number, an array of references per string), one slot per
 * record at `seq % capacity`: a long replay feeds it hundreds of thousands of records, and an
 * object per record cost the replay a fifth of its time in garbage collection. Rows are built only
 * for the window a page shows.
 */
export class EventLog {
  private readonly times: Float64Array;
  private readonly types: Uint8Array;
  private readonly errors: Uint8Array;
  private readonly numbers: Float64Array;
  private readonly services: StringColumn;
  private readonly edges: StringColumn;
  private readonly details: StringColumn;
  private readonly messages: StringColumn;
  private readonly correlations: StringColumn;
  private seen = 0;
  private readonly droppedByType = new Uint32Array(TRACE_TYPES.length);
  private readonly correlator: TraceCorrelator;
  private readonly names = new Map<string, string>();
  private cache: { key: string; seen: number; slots: number[] } | null = null;

  constructor(
    lookup: (messageId: string) => MessageFacts | undefined,
    private readonly channelOf: (edgeId: string) => string | undefined,
    private readonly capacity = EVENT_LOG_CAPACITY,
  ) {
    this.times = new Float64Array(capacity);
    this.types = new Uint8Array(capacity);
    this.errors = new Uint8Array(capacity);
    this.numbers = new Float64Array(capacity);
    this.services = new Array<string | undefined>(capacity);
    this.edges = new Array<string | undefined>(capacity);
    this.details = new Array<string | undefined>(capacity);
    this.messages = new Array<string | undefined>(capacity);
    this.correlations = new Array<string | undefined>(capacity);
    // Correlations arrive with their record or just after it (same instant), once its slot is kept.
    this.correlator = new TraceCorrelator(lookup, (record, correlationId, facts) => {
      const slot = this.slotOf(record.seq);
      if (facts) {
        this.rememberName(facts.id, facts.type);
        if (slot >= 0 && this.messages[slot] === undefined && record.msg === facts.id)
          this.messages[slot] = facts.type;
      }
      if (slot >= 0) this.correlations[slot] = correlationId;
    });
  }

  /** Takes the next record of the run. */
  add(record: TraceRecord): void {
    const slot = this.seen % this.capacity;
    if (this.seen >= this.capacity) this.droppedByType[this.types[slot]!]!++;
    this.seen++;
    this.times[slot] = record.t;
    this.types[slot] = TraceCode[record.type];
    this.errors[slot] = isErrorRecord(record) ? 1 : 0;
    this.numbers[slot] = record.n ?? NaN;
    this.services[slot] = record.service;
    this.edges[slot] = record.edge;
    this.details[slot] = record.detail;
    this.messages[slot] = record.msg === undefined ? undefined : this.names.get(record.msg);
    this.correlations[slot] = undefined;
    this.correlator.add(record);
  }

  /** The request a kept record belongs to, once known. */
  correlationOf(seq: number): string | undefined {
    const slot = this.slotOf(seq);
    return slot < 0 ? undefined : this.correlations[slot];
  }

  /** Where a kept record's columns are; -1 for one never seen or dropped. */
  private slotOf(seq: number): number {
    if (seq < this.seen - this.kept() || seq >= this.seen) return -1;
    return seq % this.capacity;
  }

  private kept(): number {
    return Math.min(this.seen, this.capacity);
  }

  /** Message names by id, the oldest forgotten past a bound (their messages are long gone). */
  private rememberName(id: string, name: string): void {
    this.names.set(id, name);
    if (this.names.size <= REMEMBERED_NAMES) return;
    const oldest = this.names.keys().next().value;
    if (oldest !== undefined) this.names.delete(oldest);
  }

  /** The kept record in `slot` as a row. */
  private rowAt(slot: number, seq: number): LogRow {
    const row: LogRow = {
      seq,
      t: this.times[slot]!,
      type: TRACE_TYPES[this.types[slot]!]!,
      error: this.errors[slot] === 1,
    };
    const service = this.services[slot];
    if (service !== undefined) row.service = service;
    const edge = this.edges[slot];
    if (edge !== undefined) {
      row.edge = edge;
      const channel = this.channelOf(edge);
      if (channel !== undefined) row.channel = channel;
    }
    const message = this.messages[slot];
    if (message !== undefined) row.message = message;
    const correlationId = this.correlations[slot];
    if (correlationId !== undefined) row.correlationId = correlationId;
    const outcome = outcomeOf(this.details[slot], this.numbers[slot]!);
    if (outcome !== undefined) row.outcome = outcome;
    return row;
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
    const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const type = filter.type === undefined ? -1 : (TraceCode as Record<string, number>)[filter.type];
    const out: number[] = [];
    const oldest = this.seen - this.kept();
    for (let seq = oldest; seq < this.seen; seq++) {
      const slot = seq % this.capacity;
      if (type !== -1 && this.types[slot] !== type) continue;
      if (filter.service !== undefined && this.services[slot] !== filter.service) continue;
      if (filter.edge !== undefined && this.edges[slot] !== filter.edge) continue;
      if (filter.errorsOnly && this.errors[slot] === 0) continue;
      if (filter.correlationId !== undefined && this.correlations[slot] !== filter.correlationId) continue;
      if (filter.channel !== undefined) {
        const edge = this.edges[slot];
        if (edge === undefined || this.channelOf(edge) !== filter.channel) continue;
      }
      if (words.length > 0 && !words.every((w) => this.textOf(slot).includes(w))) continue;
      out.push(slot);
    }
    this.cache = { key, seen: this.seen, slots: out };
    return out;
  }

  /** What a search looks through in a record, lower-cased. */
  private textOf(slot: number): string {
    const edge = this.edges[slot];
    const channel = edge === undefined ? undefined : this.channelOf(edge);
    const outcome = outcomeOf(this.details[slot], this.numbers[slot]!);
    return `${TRACE_TYPES[this.types[slot]!]} ${this.services[slot] ?? ''} ${edge ?? ''} ${channel ?? ''} ${this.messages[slot] ?? ''} ${this.correlations[slot] ?? ''} ${outcome ?? ''}`.toLowerCase();
  }
}
