import { LogCorrelator } from './logCorrelation';
import { NotableRequests } from './logNotable';
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
 * The event log of a run: the last `capacity` records, a count per type of the records it dropped,
 * each kept record's request, and filtered windows of what it keeps. Kept by the playing engine
 * (`createEngine(…, { eventLog: {} })`): the records themselves stay where the engine keeps them, in
 * its trace's ring (made as large as the log), and the engine tells the log each message it creates
 * (`remember`). The log takes the records a block at a time, when the ring has filled one (and
 * before any read), and writes beside each its request: nothing is added to the engine's work per
 * record, no record object is built and no message looked up by its string id (`bench:eventlog`).
 * Rows are built only for the window a page shows.
 */
export class EventLog {
  /** Records taken so far (every record before `seen` has its correlation, or waits for it). */
  private seen = 0;
  private readonly seenByType = new Uint32Array(TRACE_TYPES.length);
  private readonly correlator: LogCorrelator;
  /** The slowest finished request, the latest failed one and the latest compensated saga. */
  readonly notable: NotableRequests;
  private cache: { key: string; seen: number; seqs: number[] } | null = null;
  private droppedCache: { seen: number; dropped: Record<string, number> } | null = null;
  private readonly trace: TraceLog;

  constructor(
    private readonly run: EventLogRun,
    private readonly capacity = EVENT_LOG_CAPACITY,
  ) {
    this.trace = run.trace;
    if (this.trace.capacity < capacity) throw new Error('the trace keeps fewer records than the event log');
    this.notable = new NotableRequests(run.clients, run.trace, () => this.takeRecords());
    this.correlator = new LogCorrelator(this.trace.ring, capacity);
    this.trace.ring.onBlock = () => this.takeRecords();
  }

  /** Remembers a message the engine has just created, before its first record: its request and name. */
  remember(id: number, correlation: number, name: string, edge: number): void {
    this.correlator.memory.remember(id, correlation, name, edge);
  }

  /**
   * Takes the records the trace has made since the last call, oldest first: each one's request, in
   * its ring's correlation word (which held the request its maker knew), and the notable requests.
   * Called by the ring after each block and before anything is read, so the records are all still
   * in the ring (`LogCorrelator` says why their messages are still remembered).
   */
  private takeRecords(): void {
    const end = this.trace.count;
    if (this.seen === end) return;
    this.correlator.take(this.seen, end, this.seenByType, this.notable);
    this.seen = end;
  }

  /** The request a kept record belongs to, once known. */
  correlationOf(seq: number): string | undefined {
    this.takeRecords();
    if (!this.isKept(seq)) return undefined;
    const correlation = this.trace.ring.correlation(seq);
    return correlation < 0 ? undefined : `c${correlation}`;
  }

  private isKept(seq: number): boolean {
    return seq >= this.oldest() && seq < this.seen;
  }

  private oldest(): number {
    return Math.max(0, this.seen - this.capacity);
  }

  /** Whether record `seq` says something went wrong. */
  private errorAt(seq: number): boolean {
    return isError(TRACE_TYPES[this.trace.typeOf(seq)]!, this.trace.detailText(this.trace.ring.detail(seq)));
  }

  /** The name of the message record `seq` names, once known. */
  private messageAt(seq: number): string | undefined {
    const msg = this.trace.ring.message(seq);
    return msg < 0 ? undefined : this.correlator.nameOf(msg);
  }

  private outcomeAt(seq: number): string | undefined {
    return outcomeOf(this.trace.detailText(this.trace.ring.detail(seq)), this.trace.ring.number(seq));
  }

  /** Kept record `seq` as a row. */
  private rowAt(seq: number): LogRow {
    const row: LogRow = {
      seq,
      t: this.trace.ring.time(seq),
      type: TRACE_TYPES[this.trace.typeOf(seq)]!,
      error: this.errorAt(seq),
    };
    const service = this.trace.serviceOf(seq);
    if (service >= 0) row.service = this.run.serviceIds[service];
    const edge = this.trace.edgeOf(seq);
    if (edge >= 0) {
      row.edge = this.run.edgeIds[edge];
      const channel = this.run.channels[edge];
      if (channel !== undefined) row.channel = channel;
    }
    const message = this.messageAt(seq);
    if (message !== undefined) row.message = message;
    const correlationId = this.correlationOf(seq);
    if (correlationId !== undefined) row.correlationId = correlationId;
    const outcome = this.outcomeAt(seq);
    if (outcome !== undefined) row.outcome = outcome;
    return row;
  }

  /** Rows `offset` … `offset + limit` of those matching `filter`, oldest first; offset -1: the last ones. */
  page(filter: LogFilter, offset: number, limit: number): LogPage {
    this.takeRecords();
    const seqs = this.matching(filter);
    const from = offset < 0 ? Math.max(0, seqs.length - limit) : Math.max(0, Math.min(offset, seqs.length));
    const rows = seqs.slice(from, from + Math.max(0, limit)).map((seq) => this.rowAt(seq));
    return {
      total: seqs.length,
      offset: from,
      rows,
      seen: this.seen,
      kept: this.seen - this.oldest(),
      dropped: this.dropped(),
    };
  }

  /** Records dropped to stay within the bound, by type: those seen less those kept (kept until a record comes). */
  private dropped(): Record<string, number> {
    if (this.droppedCache?.seen !== this.seen)
      this.droppedCache = { seen: this.seen, dropped: this.countDropped() };
    return { ...this.droppedCache.dropped };
  }

  private countDropped(): Record<string, number> {
    const dropped = Array.from(this.seenByType);
    for (let seq = this.oldest(); seq < this.seen; seq++) dropped[this.trace.typeOf(seq)]!--;
    const out: Record<string, number> = {};
    dropped.forEach((n, code) => {
      if (n > 0) out[TRACE_TYPES[code]!] = n;
    });
    return out;
  }

  /** The kept records matching `filter`, oldest first (kept until a record comes). */
  private matching(filter: LogFilter): number[] {
    const key = JSON.stringify(filter);
    if (this.cache && this.cache.key === key && this.cache.seen === this.seen) return this.cache.seqs;
    const matches = this.matcher(filter);
    const seqs: number[] = [];
    for (let seq = this.oldest(); seq < this.seen; seq++) if (matches(seq)) seqs.push(seq);
    this.cache = { key, seen: this.seen, seqs };
    return seqs;
  }

  /** A test of one record against `filter`, with the filter's ids turned into the indexes kept. */
  private matcher(filter: LogFilter): (seq: number) => boolean {
    const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const type = filter.type === undefined ? -1 : ((TraceCode as Record<string, number>)[filter.type] ?? -2);
    const service = filter.service === undefined ? -1 : indexIn(this.run.serviceIds, filter.service);
    const edge = filter.edge === undefined ? -1 : indexIn(this.run.edgeIds, filter.edge);
    const correlation = filter.correlationId === undefined ? -1 : correlationNumber(filter.correlationId);
    const channel = filter.channel;
    const trace = this.trace;
    return (seq) => {
      if (type !== -1 && trace.typeOf(seq) !== type) return false;
      if (filter.service !== undefined && trace.serviceOf(seq) !== service) return false;
      if (filter.edge !== undefined && trace.edgeOf(seq) !== edge) return false;
      if (filter.errorsOnly && !this.errorAt(seq)) return false;
      if (filter.correlationId !== undefined && trace.ring.correlation(seq) !== correlation) return false;
      if (channel !== undefined && this.run.channels[trace.edgeOf(seq)] !== channel) return false;
      if (words.length === 0) return true;
      const text = this.textOf(seq);
      return words.every((w) => text.includes(w));
    };
  }

  /** What a search looks through in a record, lower-cased. */
  private textOf(seq: number): string {
    const row = this.rowAt(seq);
    return `${row.type} ${row.service ?? ''} ${row.edge ?? ''} ${row.channel ?? ''} ${row.message ?? ''} ${row.correlationId ?? ''} ${row.outcome ?? ''}`.toLowerCase();
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
