import type { MessageFacts } from './api';
import type { TraceRecord } from './trace';

/**
 * Follows a stream of trace records and says which request (correlation) each belongs to, keeping
 * the records and message facts of the correlations it tracks. Pure: it sees only records and facts.
 *
 * Most records name their message, whose facts carry the correlation. A few do not (a timeout, a
 * retry, a call's end, a saga step, a compensation, a saga's end); they are attributed as follows:
 * - `timed-out` (caller, edge, attempt): the oldest attempt still open on that edge with that attempt
 *   number, since one edge's attempts share one timeout and so expire in the order they were sent;
 * - `saga-ended`: the instance number `saga-started` gave;
 * - any other: the correlation of the record just before it at the same simulated instant (the
 *   engine records one event's consequences together), else of the next record at that instant.
 */
/**
 * Told of each record once its request is known (records are not copied: the listener adds the
 * correlation where it keeps them); `facts` when the record's message was looked up for it, and on a
 * timeout the request message whose attempt ran out.
 */
type Attributed = (
  record: TraceRecord,
  correlationId: string,
  facts?: MessageFacts,
  timedOutMessage?: string,
) => void;

export class TraceCorrelator {
  /** Correlation of each message seen (facts are looked up once per message). */
  private readonly messageCorrelation = new Map<string, string>();
  /** Open request attempts per edge, oldest first: message id, attempt, correlation. */
  private readonly openAttempts = new Map<string, Map<string, { attempt: number; correlation: string }>>();
  private readonly sagaCorrelation = new Map<number, string>();
  private lastTime = NaN;
  private lastCorrelation: string | undefined;
  private waiting: TraceRecord[] = [];

  constructor(
    private readonly lookup: (messageId: string) => MessageFacts | undefined,
    private readonly onAttributed: Attributed,
  ) {}

  /** Takes the next record of the run (in trace order). */
  add(record: TraceRecord): void {
    if (record.t !== this.lastTime) {
      this.waiting = [];
      this.lastCorrelation = undefined;
      this.lastTime = record.t;
    }
    const correlation = this.correlationOf(record);
    if (correlation === undefined) {
      if (record.type !== 'fault-start' && record.type !== 'fault-end' && record.type !== 'overloaded')
        this.waiting.push(record);
      return;
    }
    for (const waiting of this.waiting) this.onAttributed(waiting, correlation);
    this.waiting = [];
    this.lastCorrelation = correlation;
  }

  private correlationOf(record: TraceRecord): string | undefined {
    if (record.msg !== undefined) return this.fromMessage(record);
    if (record.type === 'timed-out') return this.fromTimeout(record);
    if (record.type === 'saga-ended' && record.n !== undefined) {
      const correlation = this.sagaCorrelation.get(record.n);
      this.sagaCorrelation.delete(record.n);
      if (correlation !== undefined) this.onAttributed(record, correlation);
      return correlation;
    }
    if (this.lastCorrelation !== undefined) this.onAttributed(record, this.lastCorrelation);
    return this.lastCorrelation;
  }

  private fromMessage(record: TraceRecord): string | undefined {
    const msg = record.msg!;
    let correlation = this.messageCorrelation.get(msg);
    let facts: MessageFacts | undefined;
    if (correlation === undefined) {
      facts = this.lookup(msg);
      if (facts === undefined) return undefined;
      correlation = facts.correlationId;
      this.remember(msg, correlation);
    }
    this.trackAttempts(record, correlation, facts);
    if (record.type === 'saga-started' && record.n !== undefined)
      this.sagaCorrelation.set(record.n, correlation);
    this.onAttributed(record, correlation, facts);
    return correlation;
  }

  /** Remembers a message's correlation; the oldest are forgotten past a bound (long-finished messages). */
  private remember(msg: string, correlation: string): void {
    this.messageCorrelation.set(msg, correlation);
    if (this.messageCorrelation.size <= REMEMBERED_MESSAGES) return;
    const oldest = this.messageCorrelation.keys().next().value;
    if (oldest !== undefined) this.messageCorrelation.delete(oldest);
  }

  /** Keeps the open attempts per edge, for timeouts; drops a message's entry when it is done. */
  private trackAttempts(record: TraceRecord, correlation: string, facts: MessageFacts | undefined): void {
    if (facts?.kind === 'request' && record.type === 'sent' && record.edge !== undefined) {
      let open = this.openAttempts.get(record.edge);
      if (!open) this.openAttempts.set(record.edge, (open = new Map()));
      open.set(record.msg!, { attempt: Math.max(1, facts.attempt), correlation });
      return;
    }
    if (record.type !== 'arrived' && record.type !== 'late-reply' && record.type !== 'dropped') return;
    // A reply (or a dropped request or reply) closes its attempt; the reply's cause is the request.
    const known = facts ?? this.lookup(record.msg!);
    let requestId: string | null | undefined;
    if (known?.kind === 'reply') requestId = known.causationId;
    else if (known?.kind === 'request' && record.type === 'dropped') requestId = record.msg;
    if (requestId && record.edge !== undefined) this.closeAttempt(record.edge, requestId);
  }

  private closeAttempt(edge: string, requestId: string): void {
    this.openAttempts.get(edge)?.delete(requestId);
  }

  private fromTimeout(record: TraceRecord): string | undefined {
    const open = record.edge === undefined ? undefined : this.openAttempts.get(record.edge);
    if (!open) return undefined;
    // Oldest first: a Map iterates in the order its entries were sent.
    for (const [msg, attempt] of open) {
      if (attempt.attempt !== (record.n ?? 1)) continue;
      open.delete(msg);
      this.onAttributed(record, attempt.correlation, undefined, msg);
      return attempt.correlation;
    }
    return undefined;
  }
}

/** How many message → correlation entries the correlator keeps (a message alive longer is rare). */
const REMEMBERED_MESSAGES = 200_000;

/** A trace record with the request it belongs to, and, for a timeout, the request message that timed out. */
export interface CorrelatedRecord extends TraceRecord {
  correlationId: string;
  /** On a `timed-out` record: the request message whose attempt ran out. */
  timedOutMessage?: string;
}

/** What the span builder needs of one request: its records (in trace order) and its messages' facts. */
export interface RequestTrace {
  correlationId: string;
  records: CorrelatedRecord[];
  facts: Map<string, MessageFacts>;
}

/** Which requests a collector keeps. */
export interface CollectOptions {
  /** Keep only these correlations (e.g. the one the trace view shows); default: every one. */
  only?: ReadonlySet<string>;
  /** Keep at most this many requests (the first ones seen); default 1,000. */
  maxRequests?: number;
}

/**
 * Collects whole requests from a record stream (an engine's `onRecord`): each tracked correlation's
 * records and facts. Bounded by `maxRequests`; requests past the bound are counted, not kept.
 */
export class RequestCollector {
  private readonly requests = new Map<string, RequestTrace>();
  private readonly correlator: TraceCorrelator;
  private readonly maxRequests: number;
  /** Requests started but not kept (past `maxRequests`). */
  skipped = 0;

  constructor(lookup: (messageId: string) => MessageFacts | undefined, options: CollectOptions = {}) {
    this.maxRequests = options.maxRequests ?? 1000;
    const only = options.only;
    this.correlator = new TraceCorrelator(lookup, (plain, id, facts, timedOutMessage) => {
      let request = this.requests.get(id);
      if (request === undefined) {
        if ((only && !only.has(id)) || this.requests.size >= this.maxRequests) {
          // A root message's first send starts a request: count each skipped request once.
          if (!only && facts?.causationId === null && plain.type === 'sent') this.skipped++;
          return;
        }
        request = { correlationId: id, records: [], facts: new Map() };
        this.requests.set(id, request);
      }
      // Copied only for a request kept: most records of a long run belong to requests skipped.
      const record: CorrelatedRecord = timedOutMessage
        ? { ...plain, correlationId: id, timedOutMessage }
        : { ...plain, correlationId: id };
      request.records.push(record);
      if (facts) request.facts.set(facts.id, facts);
    });
  }

  /** Takes the next record of the run. */
  add(record: TraceRecord): void {
    this.correlator.add(record);
  }

  /** The requests kept, in the order they started, each with its records in trace order. */
  all(): RequestTrace[] {
    return [...this.requests.values()].map((r) => ({
      ...r,
      records: [...r.records].sort((a, b) => a.seq - b.seq),
    }));
  }

  /** One kept request, or undefined. */
  get(correlationId: string): RequestTrace | undefined {
    const r = this.requests.get(correlationId);
    return r && { ...r, records: [...r.records].sort((a, b) => a.seq - b.seq) };
  }
}
