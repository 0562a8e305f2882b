import type { Breakpoint, Diagram, Fault } from '../model/schema';
import { clockHit, nextClockStop } from './breakpointClock';
import type { HostCommand, HostReply, RunDetail, Snapshot } from './protocol';
import { InFlightDiffer } from './inFlightDiff';
import { Checkpoints, faultsAfter } from './checkpoints';
import { DEFAULT_SERIES_BUCKET_MS } from './types';
import type {
  BreakHit,
  Effect,
  Engine,
  EngineCheckpoint,
  EngineFactory,
  LiveRunState,
  RunState,
} from './types';

/**
 * Owns one engine run and answers protocol commands with compact snapshots. The Web Worker wraps
 * it; the in-process host calls it directly. Seeking backwards restores the latest checkpoint before
 * the target (or rebuilds the engine from the diagram plus the live faults recorded so far) and
 * simulates on from there: the engine is deterministic, so it is the same run.
 */
export class EngineSession {
  private engine: Engine | null = null;
  private diagram: Diagram | null = null;
  private seed = 1;
  private untilMs: number | undefined;
  private readonly wire = new InFlightDiffer();
  private effectsAfter = -1;
  private effectKeysAtBoundary = new Set<string>();
  private failure: string | null = null;
  /** Live faults the app has written into a diagram it gave us: from then on the diagram decides. */
  private adoptedLive = new Set<string>();
  /** Copies of this run for seeking back (see checkpoints.ts). */
  readonly checkpoints: Checkpoints;

  /** `checkpointEvents`: events between checkpoints (the default in checkpoints.ts; tests use fewer). */
  constructor(
    private readonly createEngine: EngineFactory,
    checkpointEvents?: number,
  ) {
    this.checkpoints = new Checkpoints(checkpointEvents);
  }

  /** Runs one command and returns its reply (none for commands that change nothing). */
  handle(cmd: HostCommand): HostReply | null {
    try {
      return this.dispatch(cmd);
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      return { type: 'error', seq: cmd.seq, message: this.failure };
    }
  }

  private dispatch(cmd: HostCommand): HostReply | null {
    switch (cmd.type) {
      case 'load':
        this.checkpoints.clear();
        this.diagram = cmd.diagram;
        this.adoptedLive.clear();
        this.noteAdopted(cmd.diagram);
        this.seed = cmd.seed;
        this.untilMs = cmd.untilMs;
        this.rebuild([]);
        return this.reply(cmd.seq, true);
      case 'reset':
        this.checkpoints.clear();
        this.rebuild([]);
        return this.reply(cmd.seq, true);
      case 'advance': {
        const e = this.requireEngine();
        const hit = cmd.t > e.now ? this.playTo(e, cmd.t) : null;
        return this.reply(cmd.seq, hit ? true : cmd.ui, hit);
      }
      case 'step': {
        const e = this.requireEngine();
        const next = e.nextEventTime();
        e.pauseOn?.(this.breakpoints());
        if (next === null || next > e.untilMs) e.advanceTo(e.untilMs);
        else e.step();
        const hit = e.breakHit ?? null;
        e.pauseOn?.(null);
        return this.reply(cmd.seq, cmd.ui, hit);
      }
      case 'stepBack': {
        const e = this.requireEngine();
        const events = Math.max(0, e.events - 1);
        this.restoreNearest(this.checkpoints.nearestByEvents(events));
        const back = this.requireEngine();
        while (back.events < events && back.step() !== null);
        return this.reply(cmd.seq, cmd.ui);
      }
      case 'seek': {
        const e = this.requireEngine();
        const t = Math.max(0, Math.min(cmd.t, e.untilMs));
        // Back, or forward past a checkpoint: from the nearest checkpoint rather than simulating on.
        if (t < e.now || (this.checkpoints.nearest(t)?.atMs ?? -1) > e.now) this.rewind(t);
        const now = this.requireEngine();
        if (t > now.now) this.checkpoints.advance(now, t);
        return this.reply(cmd.seq, cmd.ui);
      }
      case 'inject': {
        const e = this.requireEngine();
        // A live fault is recorded into the fault script, which people read and edit: it starts on
        // the next whole millisecond, not at the wall clock's fraction of one ("atMs": 179.840000000014).
        const at = Math.min(Math.ceil(Math.max(cmd.t, e.now)), e.untilMs);
        if (at > e.now) this.checkpoints.advance(e, at);
        this.checkpoints.changedFrom(e.now);
        e.inject(cmd.fault);
        return this.reply(cmd.seq, true);
      }
      case 'endFault': {
        const e = this.requireEngine();
        // Ends on a whole millisecond too, at least one after the start, so its duration is whole.
        const start = e.faults().find((f) => f.id === cmd.faultId)?.atMs ?? -Infinity;
        const at = Math.min(Math.max(Math.ceil(Math.max(cmd.t, e.now)), Math.floor(start) + 1), e.untilMs);
        if (at > e.now) this.checkpoints.advance(e, at);
        this.checkpoints.faultChanged(cmd.faultId);
        e.endFault(cmd.faultId);
        return this.reply(cmd.seq, true);
      }
      case 'adopt':
        // Same run, newer diagram (live faults written into its script): resets start from it.
        this.diagram = cmd.diagram;
        this.noteAdopted(cmd.diagram);
        return null;
      case 'envelope': {
        const env = this.engine?.envelope(cmd.messageId);
        return { type: 'envelope', seq: cmd.seq, envelope: env ?? null };
      }
    }
  }

  /** The loaded diagram's breakpoints that are on (a diagram adopted since counts). */
  private breakpoints(): Breakpoint[] {
    return (this.diagram?.breakpoints ?? []).filter((b) => b.enabled);
  }

  /**
   * Plays the run on to `t`, stopping at the first breakpoint hit on the way (the engine's at the
   * event that hits it, the clock's at their moment): the hit, or null when it got to `t`. A seek
   * never stops at breakpoints; only playing and stepping do.
   */
  private playTo(e: Engine, t: number): BreakHit | null {
    const list = this.breakpoints();
    if (list.length === 0 || !this.diagram) {
      this.checkpoints.advance(e, t);
      return null;
    }
    for (;;) {
      const stop = nextClockStop(list, e.now, e, this.diagram);
      const target = Math.min(t, stop);
      e.pauseOn?.(list);
      this.checkpoints.advance(e, target);
      const hit = e.breakHit ?? null;
      e.pauseOn?.(null);
      if (hit) return hit;
      if (e.now >= e.untilMs || e.overloaded !== null) return null;
      if (e.now === stop) {
        const atClock = clockHit(list, e, this.diagram);
        if (atClock) return atClock;
      }
      if (target >= t) return null;
    }
  }

  private requireEngine(): Engine {
    if (!this.engine) throw new Error('No diagram loaded.');
    return this.engine;
  }

  private noteAdopted(d: Diagram): void {
    for (const f of d.faults) if (f.source === 'live') this.adoptedLive.add(f.id);
  }

  /**
   * To `t`: the latest checkpoint at or before it is restored, with the live faults
   * injected since it was taken; without one, the run is rebuilt from 0 with its live faults replayed.
   */
  private rewind(t: number): void {
    this.restoreNearest(this.checkpoints.nearest(t));
  }

  /** Restores `checkpoint` with the live faults recorded since, or (null) rebuilds the run from 0. */
  private restoreNearest(found: EngineCheckpoint | null): void {
    const e = this.requireEngine();
    const faults = e.faults();
    const checkpoint = e.restore ? found : null;
    if (!checkpoint) {
      this.rebuild(faults.filter((f) => f.source === 'live'));
      return;
    }
    e.restore!(checkpoint);
    for (const f of faultsAfter(checkpoint, faults)) e.inject(f);
    this.failure = null;
    this.forgetSent();
  }

  /** The receiving side starts over: the next snapshot sends everything in flight and recent effects. */
  private forgetSent(): void {
    this.wire.reset();
    this.effectsAfter = -1;
    this.effectKeysAtBoundary.clear();
  }

  /** A fresh engine for the loaded diagram, with `liveFaults` replayed as part of its script. */
  private rebuild(liveFaults: Fault[]): void {
    if (!this.diagram) throw new Error('No diagram loaded.');
    // A live fault the app has written into the diagram's script must not apply twice, and one the
    // person has since removed from the script stays removed.
    const known = new Set(this.diagram.faults.map((f) => f.id));
    const extra = liveFaults.filter((f) => !known.has(f.id) && !this.adoptedLive.has(f.id));
    const diagram = extra.length
      ? { ...this.diagram, faults: [...this.diagram.faults, ...extra] }
      : this.diagram;
    this.engine = null;
    this.failure = null;
    this.forgetSent();
    this.engine = this.createEngine(diagram, {
      seed: this.seed,
      untilMs: this.untilMs,
      seriesBucketMs: DEFAULT_SERIES_BUCKET_MS,
    });
  }

  private reply(seq: number, withRun: RunDetail, breakHit: BreakHit | null = null): HostReply {
    const snapshot = this.snapshot(withRun);
    if (breakHit) snapshot.breakHit = breakHit;
    return { type: 'snapshot', seq, snapshot };
  }

  /** The run now, with what changed in flight since the last snapshot. */
  snapshot(withRun: RunDetail): Snapshot {
    const e = this.requireEngine();
    const edges = this.edgeIndex();
    const diff = this.wire.diff(e, (edgeId) => edges.get(edgeId) ?? -1);
    const snap: Snapshot = {
      now: e.now,
      untilMs: e.untilMs,
      events: e.events,
      inFlight: this.wire.size,
      // A run with nothing left to do still plays on to its end, so only time or an overload ends it.
      ended: e.now >= e.untilMs || e.overloaded !== null,
      overloaded: e.overloaded,
      diff,
      effects: this.newEffects(e),
    };
    if (withRun) snap.run = withRun === 'live' ? liveRunState(e) : runState(e);
    if (this.failure) snap.error = this.failure;
    return snap;
  }

  private newEffects(e: Engine): Effect[] {
    const all = e.effects(Math.max(0, this.effectsAfter));
    const out: Effect[] = [];
    const boundary = new Set<string>();
    for (const fx of all) {
      if (fx.at < this.effectsAfter) continue;
      const key = `${fx.kind}|${fx.at}|${fx.serviceId ?? ''}|${fx.edgeId ?? ''}|${fx.messageId ?? ''}`;
      // Effects at the previous snapshot's time may already have been sent (a step stops mid-instant).
      if (fx.at === this.effectsAfter && this.effectKeysAtBoundary.has(key)) continue;
      if (fx.at === e.now) boundary.add(key);
      out.push(fx);
    }
    if (e.now === this.effectsAfter) for (const k of this.effectKeysAtBoundary) boundary.add(k);
    this.effectKeysAtBoundary = boundary;
    this.effectsAfter = e.now;
    return out;
  }

  private cachedEdgeIndex: Map<string, number> | null = null;
  private cachedFor: Diagram | null = null;

  private edgeIndex(): Map<string, number> {
    if (this.cachedFor !== this.diagram || !this.cachedEdgeIndex) {
      this.cachedFor = this.diagram;
      this.cachedEdgeIndex = new Map((this.diagram?.edges ?? []).map((e, i) => [e.id, i]));
    }
    return this.cachedEdgeIndex;
  }
}

/** What the canvas shows, cheap enough to send ten times a second on a big diagram. */
function liveRunState(e: Engine): LiveRunState {
  return { services: e.services(), channels: e.channels(), edges: e.edges(), faults: e.faults() };
}

function runState(e: Engine): RunState {
  return {
    services: e.services(),
    channels: e.channels(),
    edges: e.edges(),
    sagaInstances: e.sagaInstances(),
    metrics: e.metrics(),
    recentTrace: e.recentTrace(200),
    faults: e.faults(),
    series: e.series(),
    invariants: { ...e.check(), atMs: e.now },
  };
}
