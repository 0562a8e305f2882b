import { MessageKind } from './messages';
import type { RecentMessages } from './recent';
import { TraceCode } from './trace';

/**
 * Messages remembered by id (direct-mapped: a message is forgotten when one 2^18 ids younger is
 * remembered), past the engine's short ring of recent messages: a queue message may wait while
 * thousands of newer messages come and go.
 */
const MEMORY_SIZE = 1 << 18;

/** Attempt numbers and correlations share one number in the open-attempt tables. */
const ATTEMPT_SPAN = 4096;

/** The correlation and name of each message seen, by id, in typed arrays (nothing built per message). */
class MessageMemory {
  /** Grows with the ids seen, up to `MEMORY_SIZE`: until then, every id has its own slot. */
  private size = 4096;
  private ids = new Float64Array(this.size).fill(-1);
  private correlations = new Float64Array(this.size);
  /** Index of each message's name in `nameList` (a run has few message names), -1 for none. */
  private names = new Int32Array(this.size);
  private readonly nameList: string[] = [];
  private readonly nameIndex = new Map<string, number>();

  remember(id: number, correlation: number, name: string): void {
    if (id >= this.size && this.size < MEMORY_SIZE) this.grow(id);
    const i = id % this.size;
    this.ids[i] = id;
    this.correlations[i] = correlation;
    let nameIndex = this.nameIndex.get(name);
    if (nameIndex === undefined) {
      nameIndex = this.nameList.push(name) - 1;
      this.nameIndex.set(name, nameIndex);
    }
    this.names[i] = nameIndex;
  }

  /** Makes room for `id`: every id remembered so far is below the old size, so each keeps its slot. */
  private grow(id: number): void {
    let size = this.size;
    while (size <= id && size < MEMORY_SIZE) size *= 2;
    const ids = new Float64Array(size).fill(-1);
    ids.set(this.ids);
    const correlations = new Float64Array(size);
    correlations.set(this.correlations);
    const names = new Int32Array(size);
    names.set(this.names);
    this.size = size;
    this.ids = ids;
    this.correlations = correlations;
    this.names = names;
  }

  /** The remembered correlation of message `id`, or -1. */
  correlationOf(id: number): number {
    const i = id % this.size;
    return this.ids[i] === id ? this.correlations[i]! : -1;
  }

  /** The remembered name of message `id`. */
  nameOf(id: number): string | undefined {
    const i = id % this.size;
    return this.ids[i] === id ? this.nameList[this.names[i]!] : undefined;
  }
}

/**
 * Says which request (correlation) each record of the playing engine belongs to, as the records are
 * made, from the numbers the engine records: the rules of `TraceCorrelator` (spansCollect.ts), which
 * does the same on a stream of record objects, and gives the same answers (a test compares them).
 *
 * A record naming a message takes the message's correlation. A timeout takes the oldest attempt still
 * open on its edge with its attempt number; a saga's end, the instance its start named; any other
 * record, that of the record before it at the same instant, else of the next one at that instant
 * (records wait for it, and `attribute` is told when it comes).
 */
export class LogCorrelator {
  private readonly memory = new MessageMemory();
  /** Open request attempts per edge, oldest first: message id → correlation × ATTEMPT_SPAN + attempt. */
  private readonly openAttempts: (Map<number, number> | undefined)[] = [];
  private readonly sagaCorrelation = new Map<number, number>();
  private lastTime = NaN;
  private lastCorrelation = -1;
  /** Records waiting for a correlation at this instant: the first `waitingCount` of `waiting`. */
  private readonly waiting: number[] = [];
  private waitingCount = 0;

  constructor(private readonly attribute: (seq: number, correlation: number) => void) {}

  /** The correlation of record `seq`, or -1 while unknown; attributes earlier records waiting for it. */
  correlate(
    recent: RecentMessages,
    seq: number,
    type: number,
    t: number,
    msg: number,
    edge: number,
    n: number,
  ) {
    if (t !== this.lastTime) {
      this.waitingCount = 0;
      this.lastCorrelation = -1;
      this.lastTime = t;
    }
    const correlation = this.correlationOf(recent, type, msg, edge, n);
    if (correlation < 0) {
      if (
        type !== TraceCode['fault-start'] &&
        type !== TraceCode['fault-end'] &&
        type !== TraceCode.overloaded
      )
        this.waiting[this.waitingCount++] = seq;
      return -1;
    }
    for (let i = 0; i < this.waitingCount; i++) this.attribute(this.waiting[i]!, correlation);
    this.waitingCount = 0;
    this.lastCorrelation = correlation;
    return correlation;
  }

  /** The name of message `msg`, if it was seen with its correlation and is still remembered. */
  nameOf(msg: number): string | undefined {
    return this.memory.nameOf(msg);
  }

  private correlationOf(recent: RecentMessages, type: number, msg: number, edge: number, n: number): number {
    if (msg >= 0) return this.fromMessage(recent, type, msg, edge, n);
    if (type === TraceCode['timed-out']) return this.fromTimeout(edge, n);
    if (type === TraceCode['saga-ended'] && n === n) {
      const correlation = this.sagaCorrelation.get(n) ?? -1;
      this.sagaCorrelation.delete(n);
      return correlation;
    }
    return this.lastCorrelation;
  }

  private fromMessage(recent: RecentMessages, type: number, msg: number, edge: number, n: number): number {
    let correlation = this.memory.correlationOf(msg);
    let lookedUp = -1;
    if (correlation < 0) {
      lookedUp = recent.slotOf(msg);
      if (lookedUp < 0) return -1;
      correlation = recent.correlationAt(lookedUp);
      this.memory.remember(msg, correlation, recent.typeAt(lookedUp));
    }
    this.trackAttempts(recent, lookedUp, type, msg, edge, correlation);
    if (type === TraceCode['saga-started'] && n === n) this.sagaCorrelation.set(n, correlation);
    return correlation;
  }

  /** Keeps the open attempts per edge, for timeouts; a reply (or a dropped request) closes its attempt. */
  private trackAttempts(
    recent: RecentMessages,
    lookedUp: number,
    type: number,
    msg: number,
    edge: number,
    correlation: number,
  ) {
    // Only when the message was just looked up, that is at its first record (the send).
    if (
      lookedUp >= 0 &&
      type === TraceCode.sent &&
      edge >= 0 &&
      recent.kindAt(lookedUp) === MessageKind.Request
    ) {
      let open = this.openAttempts[edge];
      if (!open) this.openAttempts[edge] = open = new Map();
      open.set(msg, correlation * ATTEMPT_SPAN + Math.max(1, recent.attemptAt(lookedUp)));
      return;
    }
    if (type !== TraceCode.arrived && type !== TraceCode['late-reply'] && type !== TraceCode.dropped) return;
    const slot = recent.slotOf(msg);
    if (slot < 0 || edge < 0) return;
    const kind = recent.kindAt(slot);
    let requestId = -1;
    if (kind === MessageKind.Reply) requestId = recent.causeAt(slot);
    else if (kind === MessageKind.Request && type === TraceCode.dropped) requestId = msg;
    if (requestId >= 0) this.openAttempts[edge]?.delete(requestId);
  }

  private fromTimeout(edge: number, n: number): number {
    const open = edge < 0 ? undefined : this.openAttempts[edge];
    if (!open) return -1;
    const attempt = n === n ? n : 1;
    // Oldest first: a Map iterates in the order its entries were sent.
    for (const [msg, packed] of open) {
      if (packed % ATTEMPT_SPAN !== attempt) continue;
      open.delete(msg);
      return Math.floor(packed / ATTEMPT_SPAN);
    }
    return -1;
  }
}
