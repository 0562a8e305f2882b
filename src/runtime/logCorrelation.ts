import type { RecentMessages } from './recent';
import { TraceCode, type TraceLog } from './trace';

/**
 * Messages remembered by id (direct-mapped: a message is forgotten when one 2^18 ids younger is
 * remembered), past the engine's short ring of recent messages: a queue message may wait while
 * thousands of newer messages come and go.
 */
const MEMORY_SIZE = 1 << 18;

/** Int32 words per remembered message: its id, correlation and name index, side by side. */
const STRIDE = 3;

/**
 * The correlation and name of each message seen, by id, in one typed array (nothing built per
 * message; ids and correlations stay far below 2^31 within the event budget). A message's three
 * words lie together, so looking one up touches one cache line, not one per field: the memory
 * outgrows the processor's cache, and the log looks up nearly every record's message.
 */
class MessageMemory {
  /** Grows with the ids seen, up to `MEMORY_SIZE`: until then, every id has its own slot. */
  private size = 4096;
  private words = emptyWords(this.size);
  /** The names (a run has few message names), by the index a message's third word holds. */
  private readonly nameList: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  /** The name remembered last and its index: messages come in runs of one name, so most need no lookup. */
  private lastName = '';
  private lastNameIndex = -1;

  remember(id: number, correlation: number, name: string): void {
    if (id >= this.size && this.size < MEMORY_SIZE) this.grow(id);
    const o = (id & (this.size - 1)) * STRIDE;
    this.words[o] = id;
    this.words[o + 1] = correlation;
    this.words[o + 2] = name === this.lastName ? this.lastNameIndex : this.indexOfName(name);
  }

  private indexOfName(name: string): number {
    let index = this.nameIndex.get(name);
    if (index === undefined) {
      index = this.nameList.push(name) - 1;
      this.nameIndex.set(name, index);
    }
    this.lastName = name;
    this.lastNameIndex = index;
    return index;
  }

  /** Makes room for `id`: every id remembered so far is below the old size, so each keeps its slot. */
  private grow(id: number): void {
    let size = this.size;
    while (size <= id && size < MEMORY_SIZE) size *= 2;
    const words = emptyWords(size);
    words.set(this.words);
    this.size = size;
    this.words = words;
  }

  /** The remembered correlation of message `id`, or -1. */
  correlationOf(id: number): number {
    const o = (id & (this.size - 1)) * STRIDE;
    return this.words[o] === id ? this.words[o + 1]! : -1;
  }

  /** The remembered name of message `id`. */
  nameOf(id: number): string | undefined {
    const o = (id & (this.size - 1)) * STRIDE;
    return this.words[o] === id ? this.nameList[this.words[o + 2]!] : undefined;
  }
}

/** Words for `size` messages, none remembered (id -1). */
function emptyWords(size: number): Int32Array {
  const words = new Int32Array(size * STRIDE);
  for (let o = 0; o < words.length; o += STRIDE) words[o] = -1;
  return words;
}

/**
 * Says which request (correlation) each record of the playing engine belongs to, as the records are
 * made. A record naming a message takes the message's correlation; one naming none takes the
 * correlation its maker knew (a call's timeout, retry or end, a saga's steps and end), else that of
 * the record before it at the same instant, else of the next one at that instant (records wait for
 * it, and `attribute` is told when it comes). `TraceCorrelator` (spansCollect.ts) infers the same
 * from a stream of record objects alone; a test holds the two to the same answers.
 */
export class LogCorrelator {
  private readonly memory = new MessageMemory();
  private lastTime = NaN;
  private lastCorrelation = -1;
  /** Records waiting for a correlation at this instant: the first `waitingCount` of `waiting`. */
  private readonly waiting: number[] = [];
  private waitingCount = 0;

  /** `trace`: the records' time is its clock's (read, not passed: a passed double is boxed per call). */
  constructor(
    private readonly trace: Pick<TraceLog, 'clock'>,
    private readonly attribute: (seq: number, correlation: number) => void,
  ) {}

  /** The correlation of record `seq`, or -1 while unknown; attributes earlier records waiting for it. */
  correlate(recent: RecentMessages, seq: number, type: number, msg: number, hint: number): number {
    const t = this.trace.clock.now;
    if (t !== this.lastTime) {
      this.waitingCount = 0;
      this.lastCorrelation = -1;
      this.lastTime = t;
    }
    const correlation = msg >= 0 ? this.fromMessage(recent, msg) : hint >= 0 ? hint : this.lastCorrelation;
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

  /** The correlation of message `msg`: remembered, or read from the engine's recent messages; -1 if gone. */
  private fromMessage(recent: RecentMessages, msg: number): number {
    const correlation = this.memory.correlationOf(msg);
    if (correlation >= 0) return correlation;
    const slot = recent.slotOf(msg);
    if (slot < 0) return -1;
    this.memory.remember(msg, recent.correlationAt(slot), recent.typeAt(slot));
    return recent.correlationAt(slot);
  }
}
