import type { InFlightDiff } from './protocol';
import { META_STRIDE, TIMES_STRIDE } from './protocol';
import { MESSAGE_LOOKS } from './types';
import type { Engine, MessageLook, WireMessage } from './types';

/** What was sent to the page of a message still on the wire. */
interface Sent {
  slot: number;
  sentAt: number;
  arrivesAt: number;
  fromHalf: number;
  toHalf: number;
  edge: number;
  seen: number;
}

const LOOK_INDEX = new Map<MessageLook, number>(MESSAGE_LOOKS.map((l, i) => [l, i]));

/**
 * The messages on the wire as the page was last told of them, and what changed since. A message
 * lives in a numbered slot (reused), so one that is unchanged costs nothing: each frame visits the
 * engine's messages as numbers, and only the arrivals and departures are described (strings,
 * looks) and sent. Describing all of them every frame, about 2,000 on a large run, was most of the
 * engine worker's time (issue 17).
 */
export class InFlightDiffer {
  private sent = new Map<number, Sent>();
  private freeSlots: number[] = [];
  private nextSlot = 0;
  private generation = 0;
  private full = true;
  // Reused from frame to frame: the messages that changed, with their arrival times.
  private changed: WireMessage[] = [];
  private changedArrivals: number[] = [];

  /** Messages on the wire after the last diff. */
  get size(): number {
    return this.sent.size;
  }

  /** The page starts over: the next diff drops what it holds and sends everything on the wire. */
  reset(): void {
    this.sent.clear();
    this.freeSlots = [];
    this.nextSlot = 0;
    this.full = true;
  }

  /** What changed on `engine`'s wire since the last diff; `edgeIndex` numbers edges as the page does (-1: unknown). */
  diff(engine: Engine, edgeIndex: (edgeId: string) => number): InFlightDiff {
    const gen = ++this.generation;
    this.collectChanged(engine, edgeIndex, gen);
    // Changed messages take slots oldest sent first, as the engine's sorted list used to give them.
    const order = this.changed.map((_, i) => i);
    order.sort(
      (a, b) => this.changed[a]!.since - this.changed[b]!.since || this.changed[a]!.id - this.changed[b]!.id,
    );
    const removed: number[] = [];
    const added: Array<{ at: number; slot: number; edge: number }> = [];
    for (const i of order) {
      const m = this.changed[i]!;
      const arrivesAt = this.changedArrivals[i]!;
      const edge = edgeIndex(m.edge.id);
      const prev = this.sent.get(m.id);
      if (prev) {
        if (unchanged(prev, m, arrivesAt, edge)) continue; // listed twice, the first copy already sent
        if (prev.seen === gen) continue;
        removed.push(prev.slot);
        this.freeSlots.push(prev.slot);
      }
      const slot = this.freeSlots.pop() ?? this.nextSlot++;
      this.sent.set(m.id, {
        slot,
        sentAt: m.since,
        arrivesAt,
        fromHalf: m.fromHalf,
        toHalf: m.toHalf,
        edge,
        seen: gen,
      });
      added.push({ at: i, slot, edge });
    }
    for (const [id, rec] of this.sent) {
      if (rec.seen === gen) continue;
      removed.push(rec.slot);
      this.freeSlots.push(rec.slot);
      this.sent.delete(id);
    }
    const diff = this.describe(engine, added, removed);
    this.changed.length = 0;
    this.changedArrivals.length = 0;
    return diff;
  }

  /** Marks the unchanged messages seen; keeps the new and changed ones in `changed`. */
  private collectChanged(engine: Engine, edgeIndex: (edgeId: string) => number, gen: number): void {
    engine.visitInFlight((m, arrivesAt) => {
      const prev = this.sent.get(m.id);
      if (prev && unchanged(prev, m, arrivesAt, edgeIndex(m.edge.id))) {
        prev.seen = gen;
        return;
      }
      this.changed.push(m);
      this.changedArrivals.push(arrivesAt);
    });
  }

  private describe(
    engine: Engine,
    added: Array<{ at: number; slot: number; edge: number }>,
    removed: number[],
  ): InFlightDiff {
    const n = added.length;
    const diff: InFlightDiff = {
      full: this.full,
      removed: Int32Array.from(removed),
      slots: new Int32Array(n),
      times: new Float64Array(n * TIMES_STRIDE),
      meta: new Int32Array(n * META_STRIDE),
      ids: new Array<string>(n),
      correlations: new Array<string>(n),
      types: new Array<string>(n),
    };
    for (let i = 0; i < n; i++) {
      const { at, slot, edge } = added[i]!;
      const m = engine.describeInFlight(this.changed[at]!, this.changedArrivals[at]!);
      diff.slots[i] = slot;
      diff.times.set([m.sentAt, m.arrivesAt, m.fromT, m.toT], i * TIMES_STRIDE);
      diff.meta.set([edge, LOOK_INDEX.get(m.look) ?? 0, m.step ?? 0], i * META_STRIDE);
      diff.ids[i] = m.id;
      diff.correlations[i] = m.correlationId;
      diff.types[i] = m.type;
    }
    this.full = false;
    return diff;
  }
}

function unchanged(prev: Sent, m: WireMessage, arrivesAt: number, edge: number): boolean {
  return (
    prev.sentAt === m.since &&
    prev.arrivesAt === arrivesAt &&
    prev.fromHalf === m.fromHalf &&
    prev.toHalf === m.toHalf &&
    prev.edge === edge
  );
}
