import type { Fault } from '../model/schema';
import type { Engine, EngineCheckpoint } from './types';

/** Checkpoints fall on whole multiples of this much simulated time, so a run's are the same wherever it paused. */
export const CHECKPOINT_GRID_MS = 1000;
/**
 * Events between checkpoints at first: a snapshot of a 20-service run costs less than simulating
 * 3k events (its closed series buckets are kept, not copied), so at this spacing checkpoints cost
 * the engine a few percent of its speed, and a seek re-simulates at most about this many
 * events after restoring the nearest one (bench:seek).
 */
export const CHECKPOINT_EVENTS = 50_000;
/**
 * The most checkpoints kept (a 10-minute reference-20 run takes 83, holding about 115 MB); past it
 * every other one is dropped and the spacing doubles.
 */
export const MAX_CHECKPOINTS = 96;

interface Entry {
  checkpoint: EngineCheckpoint;
  events: number;
  faultIds: Set<string>;
}

/**
 * Periodic copies of one run, for seeking back without re-simulating from 0. Memory is bounded by
 * `MAX_CHECKPOINTS`; the spacing (in events) doubles each time the list is thinned. A checkpoint
 * holds the fault list of its moment, so a live fault (or the end of one) drops those it outdates.
 */
export class Checkpoints {
  private entries: Entry[] = [];
  private spacing: number;

  /** `spacingEvents`: events between checkpoints at first (tests use fewer). */
  constructor(private readonly spacingEvents = CHECKPOINT_EVENTS) {
    this.spacing = spacingEvents;
  }

  /** Forgets every checkpoint (a new run or a reset). */
  clear(): void {
    this.entries = [];
    this.spacing = this.spacingEvents;
  }

  /** How many are held, and their spacing in events (for tests and the benchmark). */
  get stats(): { count: number; spacing: number; times: number[] } {
    return {
      count: this.entries.length,
      spacing: this.spacing,
      times: this.entries.map((e) => e.checkpoint.atMs),
    };
  }

  /**
   * Advances `engine` to `t`, stopping on the grid to take a checkpoint wherever one is due (at least
   * `spacing` events after the last one before it). Splitting an advance changes nothing in the run.
   */
  advance(engine: Engine, t: number): void {
    const target = Math.min(t, engine.untilMs);
    if (!engine.checkpoint) {
      engine.advanceTo(target);
      return;
    }
    let grid = Math.floor(engine.now / CHECKPOINT_GRID_MS) * CHECKPOINT_GRID_MS + CHECKPOINT_GRID_MS;
    // A breakpoint that stopped the engine stops the advance there too.
    const stopped = () => engine.overloaded !== null || (engine.breakHit ?? null) !== null;
    while (grid <= target && !stopped()) {
      engine.advanceTo(grid);
      if (engine.now === grid && !stopped() && this.due(engine)) this.take(engine);
      grid += CHECKPOINT_GRID_MS;
    }
    if (target > engine.now && !stopped()) engine.advanceTo(target);
  }

  /** Whether enough work lies between the checkpoint before now and now. */
  private due(engine: Engine): boolean {
    const before = this.latestAtOrBefore(engine.now);
    if (before?.checkpoint.atMs === engine.now) return false;
    return engine.events - (before?.events ?? 0) >= this.spacing;
  }

  private take(engine: Engine): void {
    const checkpoint = engine.checkpoint!();
    const entry = {
      checkpoint,
      events: engine.events,
      faultIds: new Set(checkpoint.faults.map((f) => f.id)),
    };
    const i = this.entries.findIndex((e) => e.checkpoint.atMs > checkpoint.atMs);
    if (i < 0) this.entries.push(entry);
    else this.entries.splice(i, 0, entry);
    if (this.entries.length > MAX_CHECKPOINTS) {
      this.entries = this.entries.filter((_, k) => k % 2 === 1);
      this.spacing *= 2;
    }
  }

  private latestAtOrBefore(t: number): Entry | undefined {
    let found: Entry | undefined;
    for (const e of this.entries) if (e.checkpoint.atMs <= t) found = e;
    return found;
  }

  /** The latest checkpoint taken after at most `events` events, if any. */
  nearestByEvents(events: number): EngineCheckpoint | null {
    let found: Entry | undefined;
    for (const e of this.entries) if (e.events <= events) found = e;
    return found?.checkpoint ?? null;
  }

  /** The latest checkpoint at or before `t`, if any. */
  nearest(t: number): EngineCheckpoint | null {
    return this.latestAtOrBefore(t)?.checkpoint ?? null;
  }

  /** A live fault changed the run from `atMs` on: later checkpoints show a future that no longer happens. */
  changedFrom(atMs: number): void {
    this.entries = this.entries.filter((e) => e.checkpoint.atMs < atMs);
  }

  /** A fault's record changed (a live fault ended): checkpoints holding its old record go. */
  faultChanged(faultId: string): void {
    this.entries = this.entries.filter((e) => !e.faultIds.has(faultId));
  }
}

/**
 * The faults of `current` (a run's fault list in the order applied) that `checkpoint` lacks: live
 * faults injected after it was taken, all starting after it, to be injected again after a restore.
 */
export function faultsAfter(checkpoint: EngineCheckpoint, current: readonly Fault[]): Fault[] {
  const have = new Set(checkpoint.faults.map((f) => f.id));
  return current.filter((f) => !have.has(f.id));
}
