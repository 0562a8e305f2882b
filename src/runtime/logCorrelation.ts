import { TraceCode } from './trace';
import type { RecordRing } from './traceRing';

/**
 * How many ids the event log remembers messages for: a message is forgotten once one 2^18 ids
 * younger has made a record (a queue message may wait while thousands of newer ones come and go).
 */
const REMEMBERED_IDS = 1 << 18;

/**
 * Slots in the memory: twice the ids remembered, so that a message stays in its slot while the
 * records that name it wait to be taken (a block of the ring: fewer than 2^18 newer messages).
 */
const MEMORY_SLOTS = REMEMBERED_IDS * 2;

/** Int32 words per slot: the message's id + 1 (0: none, as the buffer starts), correlation and name index. */
const STRIDE = 3;

/**
 * The correlation and name of each message created, by id, in one typed array (nothing built per
 * message; ids and correlations stay far below 2^31 within the event budget). A message's three
 * words lie together, so looking one up touches one cache line, not one per field. Allocated whole:
 * the system hands out zeroed pages as they are first written, and zero means "none", so nothing is
 * filled or copied as ids grow.
 */
export class MessageMemory {
  private readonly words = new Int32Array(MEMORY_SLOTS * STRIDE);
  /** The names (a run has few message names), by the index a message's third word holds. */
  private readonly nameList: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  /**
   * The last name remembered on each edge (by index) and its index: an edge carries one or two
   * names, so nearly every message needs no lookup by string.
   */
  private readonly edgeNames: string[] = [];
  private readonly edgeNameIndexes: number[] = [];

  /** Remembers message `id` (created on edge `edge`) with its request and name. */
  remember(id: number, correlation: number, name: string, edge: number): void {
    const o = (id & (MEMORY_SLOTS - 1)) * STRIDE;
    this.words[o] = id + 1;
    this.words[o + 1] = correlation;
    this.words[o + 2] =
      this.edgeNames[edge] === name ? this.edgeNameIndexes[edge]! : this.indexOf(name, edge);
  }

  private indexOf(name: string, edge: number): number {
    let index = this.nameIndex.get(name);
    if (index === undefined) {
      index = this.nameList.push(name) - 1;
      this.nameIndex.set(name, index);
    }
    // Grown one edge at a time up to the edge seen (no holes: the arrays stay packed and fast).
    while (this.edgeNames.length <= edge) {
      this.edgeNames.push('');
      this.edgeNameIndexes.push(-1);
    }
    this.edgeNames[edge] = name;
    this.edgeNameIndexes[edge] = index;
    return index;
  }

  /** The correlation of message `id`, or -1 if it is not in its slot. */
  correlationOf(id: number): number {
    const o = (id & (MEMORY_SLOTS - 1)) * STRIDE;
    return this.words[o] === id + 1 ? this.words[o + 1]! : -1;
  }

  /** The name of message `id`, if it is in its slot. */
  nameOf(id: number): string | undefined {
    const o = (id & (MEMORY_SLOTS - 1)) * STRIDE;
    return this.words[o] === id + 1 ? this.nameList[this.words[o + 2]!] : undefined;
  }
}

/** What the correlator tells of each record that has its request: the notable requests' part. */
export interface CorrelatedRecords {
  /** Whether a record of this type and service (or -1) matters to it (kept cheap: asked of every record). */
  wants(type: number, service: number): boolean;
  /** Takes the record in ring slot `slot`, with its type, service and correlation. */
  add(slot: number, type: number, service: number, correlation: number): void;
}

/**
 * Says which request (correlation) each record belongs to, taking the records in order from the
 * trace's ring (the event log hands it each block). A record naming a message takes the message's
 * correlation; one naming none takes the correlation its maker knew (a call's timeout, retry or end,
 * a saga's steps and end), else that of the record before it at the same instant, else of the next
 * one at that instant (records wait for it). `TraceCorrelator` (spansCollect.ts) infers the same
 * from a stream of record objects alone; a test holds the two to the same answers.
 */
export class LogCorrelator {
  readonly memory = new MessageMemory();
  /**
   * The youngest message a record taken so far names: every message is named by a record as soon
   * as it is made, so those 2^18 ids older are forgotten, whenever their records are taken.
   */
  private youngest = -1;
  private lastTime = NaN;
  private lastCorrelation = -1;
  /** Records waiting for a correlation at this instant (`lastTime`): the first `waitingCount` of `waiting`. */
  private readonly waiting: number[] = [];
  private waitingCount = 0;

  /** `ring`: where the records are; `kept`: how many of the latest records get their correlation written. */
  constructor(
    private readonly ring: RecordRing,
    private readonly kept: number,
  ) {}

  /**
   * Writes the correlation of records `from` … `end - 1` (all still in the ring) over the word that
   * held the one their maker knew (-1: none yet), counts them by type and tells `notable` of those
   * it wants. One loop with its state in locals, reading the ring's arrays directly: it runs for
   * every record of a run with a log.
   */
  take(from: number, end: number, byType: Uint32Array, notable: CorrelatedRecords): void {
    const { words, doubles, capacity } = this.ring;
    const memory = this.memory;
    let lastTime = this.lastTime;
    let lastCorrelation = this.lastCorrelation;
    let youngest = this.youngest;
    let slot = from % capacity;
    for (let seq = from; seq < end; seq++) {
      const w = slot * 8;
      const who = words[w + 4]!;
      const type = who & 31;
      byType[type]!++;
      const t = doubles[slot * 4]!;
      if (t !== lastTime) {
        lastTime = t;
        lastCorrelation = -1;
        this.waitingCount = 0;
      }
      const msg = words[w + 6]!;
      const hint = words[w + 7]!;
      let correlation = hint >= 0 ? hint : lastCorrelation;
      if (msg >= 0) {
        youngest = Math.max(youngest, msg);
        correlation = msg + REMEMBERED_IDS > youngest ? memory.correlationOf(msg) : -1;
      }
      words[w + 7] = correlation;
      if (correlation < 0) {
        this.wait(seq, type);
      } else {
        if (this.waitingCount > 0) this.attributeWaiting(seq, correlation);
        lastCorrelation = correlation;
        const service = ((who >>> 5) & 0xfff) - 1;
        if (notable.wants(type, service)) notable.add(slot, type, service, correlation);
      }
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
    this.lastTime = lastTime;
    this.lastCorrelation = lastCorrelation;
    this.youngest = youngest;
  }

  /** Record `seq` waits for the next correlation at its instant (a fault's records belong to none). */
  private wait(seq: number, type: number): void {
    if (type !== TraceCode['fault-start'] && type !== TraceCode['fault-end'] && type !== TraceCode.overloaded)
      this.waiting[this.waitingCount++] = seq;
  }

  /** The records waiting at this instant get `correlation`, those the log still keeps (`seq` is taken). */
  private attributeWaiting(seq: number, correlation: number): void {
    const oldestKept = seq + 1 - this.kept;
    for (let i = 0; i < this.waitingCount; i++) {
      const waiting = this.waiting[i]!;
      if (waiting >= oldestKept) this.ring.setCorrelation(waiting, correlation);
    }
    this.waitingCount = 0;
  }

  /** The name of message `msg` (named by a record taken), unless it is forgotten. */
  nameOf(msg: number): string | undefined {
    return msg + REMEMBERED_IDS > this.youngest ? this.memory.nameOf(msg) : undefined;
  }
}
