import type { MessageFacts } from './api';
import { TraceCorrelator } from './spansCollect';
import type { TraceRecord } from './trace';

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
function outcomeOf(record: TraceRecord): string {
  const n = record.n === undefined ? '' : `#${record.n}`;
  if (!record.detail) return n;
  return n ? `${record.detail} ${n}` : record.detail;
}

/** Whether a record says something went wrong. */
export function isErrorRecord(r: TraceRecord): boolean {
  if (ERROR_TYPES.has(r.type)) return true;
  if (r.type === 'call-done' || r.type === 'retried') return r.detail !== 'ok';
  if (r.type === 'circuit') return r.detail === 'open';
  if (r.type === 'saga-ended') return r.detail !== 'completed';
  return r.type === 'saga-step' && r.detail === 'failed';
}

/**
 * The event log of a run: the last `capacity` records as rows (a ring: memory never grows), a count
 * per type of the rows it dropped, and filtered windows of what it keeps. Fed from `onRecord`.
 */
export class EventLog {
  private readonly ring: LogRow[] = [];
  private start = 0;
  private seen = 0;
  private readonly dropped: Record<string, number> = {};
  private readonly correlator: TraceCorrelator;
  private readonly names = new Map<string, string>();
  private cache: { key: string; seen: number; indexes: number[] } | null = null;

  constructor(
    lookup: (messageId: string) => MessageFacts | undefined,
    private readonly channelOf: (edgeId: string) => string | undefined,
    private readonly capacity = EVENT_LOG_CAPACITY,
  ) {
    // Correlations arrive with their record or just after it (same instant), once its row is kept.
    this.correlator = new TraceCorrelator(lookup, (record, correlationId, facts) => {
      const row = this.rowBySeq(record.seq);
      if (facts) {
        this.rememberName(facts.id, facts.type);
        if (row && row.message === undefined && record.msg === facts.id) row.message = facts.type;
      }
      if (row) row.correlationId = correlationId;
    });
  }

  /** Takes the next record of the run. */
  add(record: TraceRecord): void {
    const row: LogRow = { seq: record.seq, t: record.t, type: record.type, error: isErrorRecord(record) };
    if (record.service !== undefined) row.service = record.service;
    if (record.edge !== undefined) {
      row.edge = record.edge;
      const channel = this.channelOf(record.edge);
      if (channel !== undefined) row.channel = channel;
    }
    if (record.msg !== undefined) {
      const name = this.names.get(record.msg);
      if (name !== undefined) row.message = name;
    }
    const outcome = outcomeOf(record);
    if (outcome) row.outcome = outcome;
    this.push(row);
    this.correlator.add(record);
  }

  /** The request a kept record belongs to, once known. */
  correlationOf(seq: number): string | undefined {
    return this.rowBySeq(seq)?.correlationId;
  }

  private rowBySeq(seq: number): LogRow | undefined {
    const oldest = this.seen - this.ring.length;
    if (seq < oldest || seq >= this.seen) return undefined;
    return this.ring[(this.start + (seq - oldest)) % this.ring.length];
  }

  /** Message names by id, the oldest forgotten past a bound (their messages are long gone). */
  private rememberName(id: string, name: string): void {
    this.names.set(id, name);
    if (this.names.size <= REMEMBERED_NAMES) return;
    const oldest = this.names.keys().next().value;
    if (oldest !== undefined) this.names.delete(oldest);
  }

  private push(row: LogRow): void {
    this.seen++;
    if (this.ring.length < this.capacity) {
      this.ring.push(row);
      return;
    }
    const old = this.ring[this.start]!;
    this.dropped[old.type] = (this.dropped[old.type] ?? 0) + 1;
    this.ring[this.start] = row;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Rows `offset` … `offset + limit` of those matching `filter`, oldest first; offset -1: the last ones. */
  page(filter: LogFilter, offset: number, limit: number): LogPage {
    const indexes = this.matching(filter);
    const from =
      offset < 0 ? Math.max(0, indexes.length - limit) : Math.max(0, Math.min(offset, indexes.length));
    const rows = indexes
      .slice(from, from + Math.max(0, limit))
      .map((i) => this.ring[(this.start + i) % this.ring.length]!);
    return {
      total: indexes.length,
      offset: from,
      rows,
      seen: this.seen,
      kept: this.ring.length,
      dropped: { ...this.dropped },
    };
  }

  private matching(filter: LogFilter): number[] {
    const key = JSON.stringify(filter);
    if (this.cache && this.cache.key === key && this.cache.seen === this.seen) return this.cache.indexes;
    const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const out: number[] = [];
    for (let i = 0; i < this.ring.length; i++) {
      const r = this.ring[(this.start + i) % this.ring.length]!;
      if (filter.service !== undefined && r.service !== filter.service) continue;
      if (filter.edge !== undefined && r.edge !== filter.edge) continue;
      if (filter.channel !== undefined && r.channel !== filter.channel) continue;
      if (filter.type !== undefined && r.type !== filter.type) continue;
      if (filter.errorsOnly && !r.error) continue;
      if (filter.correlationId !== undefined && r.correlationId !== filter.correlationId) continue;
      if (words.length > 0) {
        const text =
          `${r.type} ${r.service ?? ''} ${r.edge ?? ''} ${r.channel ?? ''} ${r.message ?? ''} ${r.correlationId ?? ''} ${r.outcome ?? ''}`.toLowerCase();
        if (!words.every((w) => text.includes(w))) continue;
      }
      out.push(i);
    }
    this.cache = { key, seen: this.seen, indexes: out };
    return out;
  }
}
