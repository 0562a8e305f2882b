import { makeLiveFault } from '../model/defaults';
import type { Diagram } from '../model/schema';
import type { Clock, FrameScheduler } from './clock';
import { animationFrameScheduler, systemClock } from './clock';
import { MessageColumns } from './columns';
import type { EngineHost } from './host';
import type { PlaybackFrame, PlaybackState } from './playbackState';
import { EMPTY_RUN, clampSpeed, initialFrame, initialState } from './playbackState';
import type { HostCommand, HostReply, InFlightDiff, RunDetail, Snapshot } from './protocol';
import { isAnswered } from './protocol';
import type { Effect, EnvelopeView, LiveFaultInput } from './types';

export * from './playbackState';

/** A change to the messages in flight: everything gone, or one diff applied. */
export type ColumnsEvent = { kind: 'clear' } | { kind: 'diff'; diff: InFlightDiff };

export interface PlaybackOptions {
  host: EngineHost;
  clock?: Clock;
  scheduler?: FrameScheduler;
  /** Wall ms between panel refreshes while playing. */
  uiIntervalMs?: number;
}

/** If the engine trails the clock by more than this much wall time, time waits for the engine. */
const LAG_WALL_MS = 250;
/** How far past the engine's time the canvas may draw (wall ms), hiding one round trip. */
const LEAD_WALL_MS = 50;
/**
 * The most simulated time (in wall ms) one advance may cover: a message living longer than this is
 * in flight at some reply, so the canvas draws it. Longer strides keep up with a heavier run.
 */
const STRIDE_WALL_MS = 100;
/** Recent effects kept for drawing (the canvas worker keeps as many). */
export const MAX_EFFECTS = 512;
/** One panel refresh in this many carries the run's full detail (the others: what the canvas shows). */
const FULL_DETAIL_EVERY = 4;

/**
 * The bridge from wall-clock time to simulated time. It drives an engine host (a worker or
 * in-process) towards the time the clock says, mirrors what is in flight for the canvas, and keeps
 * a low-frequency state for panels (subscribe/getSnapshot, for useSyncExternalStore).
 */
export class Playback {
  private readonly host: EngineHost;
  private readonly clock: Clock;
  private readonly scheduler: FrameScheduler;
  private readonly uiIntervalMs: number;
  private readonly listeners = new Set<() => void>();
  private readonly unlisten: () => void;
  private state: PlaybackState;
  private readonly frameData: PlaybackFrame;
  private readonly columns = new MessageColumns();
  private effects: Effect[] = [];
  private diagram: Diagram | null = null;
  private seq = 0;
  /** Replies to commands before this one describe a run the user has since left (reset, seek, load). */
  private epochSeq = 0;
  /** The last command that will be answered, and the last answer heard: replies come in order. */
  private awaitedSeq = 0;
  private answeredSeq = 0;
  /** The last load or reset: its reply starts the in-flight mirror afresh, so older diffs are moot. */
  private freshSeq = 0;
  private simAnchor = 0;
  private wallAnchor = 0;
  private engineNow = 0;
  /** The latest time drawn in this stretch of time: what a person has seen never goes back. */
  private shown = 0;
  /** The furthest time asked of the engine in this stretch: it gets there whatever happens next. */
  private asked = 0;
  /** The advance sent by the latest pause: replies before it were asked for before the pause. */
  private holdSeq = 0;
  private lastUiWall = -Infinity;
  private uiRefreshes = 0;
  private frameHandle: number | null = null;
  private liveFaultCount = 0;
  private envelopeWaiters = new Map<number, (e: EnvelopeView | null) => void>();
  private readonly columnListeners = new Set<(e: ColumnsEvent) => void>();
  /** Numbers that changed between panel refreshes, folded into the next one. */
  private quiet: Partial<PlaybackState> = {};

  constructor(options: PlaybackOptions) {
    this.host = options.host;
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? animationFrameScheduler;
    this.uiIntervalMs = options.uiIntervalMs ?? 100;
    this.state = initialState();
    this.frameData = initialFrame(this.columns, this.effects);
    this.unlisten = this.host.listen((r) => this.onReply(r));
  }

  // ── external store ──────────────────────────────────────────────────────────

  /** Registers a listener for state changes; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current panel state (same object until it changes). */
  getSnapshot = (): PlaybackState => this.state;

  /** The loaded diagram, or null. */
  get loadedDiagram(): Diagram | null {
    return this.diagram;
  }

  /** What the canvas draws now: cheap, allocation-free, call it every animation frame. */
  frame(): PlaybackFrame {
    const f = this.frameData;
    f.time = this.drawTime();
    f.effects = this.effects;
    f.diagram = this.diagram;
    f.speed = this.state.speed;
    f.playing = this.state.status === 'playing';
    return f;
  }

  // ── commands ────────────────────────────────────────────────────────────────

  /** Loads a diagram (new or edited) and resets the run to its start; seed and speed default to the diagram's. */
  load(diagram: Diagram, options: { seed?: number; speed?: number } = {}): void {
    this.stopFrames();
    this.diagram = diagram;
    const seed = options.seed ?? diagram.run.seed;
    const speed = clampSpeed(options.speed ?? diagram.run.speed);
    this.beginEpoch(0);
    this.clearColumns();
    this.freshSeq = this.epochSeq;
    this.update({
      ...EMPTY_RUN,
      status: 'idle',
      seed,
      speed,
      now: 0,
      untilMs: diagram.run.untilMs,
      loaded: true,
      events: 0,
      inFlight: 0,
      overloaded: null,
      lagging: false,
      error: null,
      runId: this.state.runId + 1,
    });
    this.send({ type: 'load', seq: 0, diagram, seed });
  }

  /** Starts or resumes; at the end of a run, plays it again from the start. */
  play(): void {
    if (!this.diagram || this.state.status === 'playing') return;
    if (this.state.status === 'ended') this.reset();
    this.wallAnchor = this.clock.now();
    this.update({ status: 'playing', lagging: false });
    this.scheduleFrame();
  }

  /**
   * Stops time at what the canvas shows, or at the time already asked of the engine (at most one
   * short stride past it, see tick); the engine catches up to exactly that time. An engine
   * that went further (a step still on its way) is brought back to it (see onReply).
   */
  pause(): void {
    if (this.state.status !== 'playing') return;
    this.simAnchor = Math.max(this.drawTime(), this.asked);
    this.shown = this.simAnchor;
    this.stopFrames();
    this.update({ status: 'paused', now: this.simAnchor });
    this.holdSeq = this.send({ type: 'advance', seq: 0, t: this.simAnchor, ui: true });
  }

  /** Play when paused, pause when playing. */
  toggle(): void {
    if (this.state.status === 'playing') this.pause();
    else this.play();
  }

  /** Pauses and processes the next event only. */
  step(): void {
    if (!this.diagram || this.state.status === 'ended') return;
    if (this.state.status === 'playing') this.pause();
    this.update({ status: 'paused' });
    this.send({ type: 'step', seq: 0, ui: true });
  }

  /**
   * Back to time 0 with the loaded diagram and seed. Live faults the app wrote into the diagram's
   * script (see adopt) replay; others are dropped.
   */
  reset(): void {
    if (!this.diagram) return;
    this.stopFrames();
    this.beginEpoch(0);
    this.clearColumns();
    this.freshSeq = this.epochSeq;
    // The run restarts now, not when the engine answers: the run bar (and a step counting events
    // from it) must not show the old run's figures meanwhile.
    this.update({
      ...EMPTY_RUN,
      status: 'idle',
      now: 0,
      events: 0,
      inFlight: 0,
      overloaded: null,
      lagging: false,
      error: null,
      runId: this.state.runId + 1,
    });
    this.send({ type: 'reset', seq: 0 });
  }

  /** Jumps to simulated time `t`; backwards replays the run from the start, so it is deterministic. */
  seek(t: number): void {
    if (!this.diagram) return;
    const target = Math.max(0, Math.min(t, this.state.untilMs));
    this.beginEpoch(target);
    const status =
      this.state.status === 'ended' && target < this.state.untilMs ? 'paused' : this.state.status;
    this.update({ status, now: target });
    this.send({ type: 'seek', seq: 0, t: target, ui: true });
  }

  /** Sets simulated ms per wall ms (0.1–100); simulated time goes on from what is shown. */
  setSpeed(speed: number): void {
    const s = clampSpeed(speed);
    if (this.state.status === 'playing') {
      // Not the clock's own time: it may have run ahead of a busy engine, and of what the canvas drew.
      this.simAnchor = this.drawTime();
      this.wallAnchor = this.clock.now();
    }
    this.update({ speed: s, lagging: false });
  }

  /** Changes the seed: the run restarts with it. */
  setSeed(seed: number): void {
    if (!this.diagram) return;
    this.load(this.diagram, { seed, speed: this.state.speed });
  }

  /** Applies a fault now (at the current simulated time); the engine records it into the run. */
  inject(fault: LiveFaultInput): void {
    if (!this.diagram) return;
    const taken = new Set(this.diagram.faults.map((f) => f.id));
    let id = fault.id;
    while (!id || taken.has(id)) id = `live-${++this.liveFaultCount}`;
    const full = makeLiveFault({ ...fault, id });
    this.send({ type: 'inject', seq: 0, t: this.askTime(this.drawTime()), fault: full });
  }

  /** Ends a live fault that is in force (bring a service back up, restore an edge) now. */
  endFault(faultId: string): void {
    if (!this.diagram) return;
    this.send({ type: 'endFault', seq: 0, t: this.askTime(this.drawTime()), faultId });
  }

  /**
   * Takes a newer version of the loaded diagram that the run does not depend on differently (its
   * simulation signature is the same): the run goes on, and a reset or seek starts from it. The
   * engine does not answer this command, so it never holds up time.
   */
  adopt(diagram: Diagram): void {
    if (!this.diagram) return;
    this.diagram = diagram;
    this.frameData.diagram = diagram;
    this.send({ type: 'adopt', seq: 0, diagram });
  }

  /**
   * Hears every change to the messages in flight, starting with all of them now: for a copy of the
   * columns kept elsewhere (the message layer's drawing worker). Returns the unsubscribe.
   */
  onColumns(listener: (e: ColumnsEvent) => void): () => void {
    this.columnListeners.add(listener);
    listener({ kind: 'diff', diff: this.columns.toDiff() });
    return () => this.columnListeners.delete(listener);
  }

  /** Asks the engine for a message's envelope and the path its causal chain took. */
  envelope(messageId: string): Promise<EnvelopeView | null> {
    return new Promise((resolve) => {
      // Registered before sending: an in-process host may answer synchronously.
      this.envelopeWaiters.set(this.seq + 1, resolve);
      this.send({ type: 'envelope', seq: 0, messageId });
    });
  }

  /** Stops everything and releases the host. */
  dispose(): void {
    this.stopFrames();
    this.unlisten();
    this.host.dispose();
    this.listeners.clear();
  }

  private clearColumns(): void {
    this.columns.clear();
    for (const l of this.columnListeners) l({ kind: 'clear' });
  }

  private send(cmd: HostCommand): number {
    const seq = ++this.seq;
    // An envelope is answered too, but time need not wait for it.
    if (isAnswered(cmd) && cmd.type !== 'envelope') this.awaitedSeq = seq;
    this.host.send({ ...cmd, seq });
    return seq;
  }

  /** Marks the next command as the start of a new stretch of time at `t`. */
  private beginEpoch(t: number): void {
    this.epochSeq = this.seq + 1;
    this.simAnchor = t;
    this.engineNow = t;
    this.shown = t;
    this.asked = t;
    this.wallAnchor = this.clock.now();
    this.effects.length = 0;
    this.frameData.effectsEpoch++;
    this.frameData.effectsAdded = 0;
  }

  /** Simulated time according to the clock. */
  private simTime(): number {
    if (this.state.status !== 'playing') return this.simAnchor;
    const t = this.simAnchor + (this.clock.now() - this.wallAnchor) * this.state.speed;
    return Math.min(t, this.state.untilMs);
  }

  /**
   * The time the canvas shows: the clock's, but no further than a little past the engine (it can
   * only guess what happens beyond), and never earlier than what it showed before in this stretch
   * of time (a reply asked for before a pause or a speed change may be behind it).
   */
  private drawTime(): number {
    if (this.state.status !== 'playing') return this.simAnchor;
    const t = this.simTime();
    const lead = this.engineNow + this.state.speed * LEAD_WALL_MS;
    const drawn = t < this.engineNow ? this.engineNow : t > lead ? lead : t;
    if (drawn > this.shown) this.shown = drawn;
    return this.shown;
  }

  /** Notes that the engine is asked to reach `t`; returns `t`. */
  private askTime(t: number): number {
    if (t > this.asked) this.asked = t;
    return t;
  }

  private scheduleFrame(): void {
    if (this.frameHandle === null) this.frameHandle = this.scheduler.request(this.tick);
  }

  private stopFrames(): void {
    if (this.frameHandle !== null) this.scheduler.cancel(this.frameHandle);
    this.frameHandle = null;
  }

  private tick = (): void => {
    this.frameHandle = null;
    if (this.state.status !== 'playing') return;
    // One advance at a time, each a short stride past the engine (or up to what the canvas already
    // showed): the canvas sees what is in flight only at the engine's replies, so a longer stride on
    // a busy machine would skip messages a person could have watched (time runs slower instead,
    // marked as lagging).
    const reach = Math.max(this.engineNow + this.state.speed * STRIDE_WALL_MS, this.shown);
    const target = Math.min(this.simTime(), reach);
    if (this.answeredSeq >= this.awaitedSeq && target > this.engineNow) {
      const wall = this.clock.now();
      let ui: RunDetail = false;
      if (wall - this.lastUiWall >= this.uiIntervalMs) {
        this.lastUiWall = wall;
        // Metrics, sagas and the trace weigh the most and change the least visibly: every few refreshes.
        ui = this.uiRefreshes++ % FULL_DETAIL_EVERY === 0 ? true : 'live';
      }
      this.send({ type: 'advance', seq: 0, t: this.askTime(target), ui });
    }
    this.scheduleFrame();
  };

  private onReply(reply: HostReply): void {
    // seq -1: the host itself failed and nothing more will be answered.
    this.answeredSeq = reply.seq < 0 ? this.seq : Math.max(this.answeredSeq, reply.seq);
    if (reply.type === 'envelope') {
      this.envelopeWaiters.get(reply.seq)?.(reply.envelope);
      this.envelopeWaiters.delete(reply.seq);
      return;
    }
    if (reply.type === 'error') {
      if (reply.seq >= this.epochSeq || reply.seq < 0) {
        this.stopFrames();
        this.update({ status: 'paused', error: reply.message });
      }
      return;
    }
    const s = reply.snapshot;
    // Diffs build on each other, so each is applied, even for a stretch of time the user has left;
    // only a load or reset (whose reply starts afresh) makes the ones before it moot.
    if (reply.seq >= this.freshSeq) {
      this.columns.apply(s.diff);
      for (const l of this.columnListeners) l({ kind: 'diff', diff: s.diff });
    }
    if (reply.seq < this.epochSeq) return;
    if (this.state.status === 'paused' && reply.seq <= this.holdSeq && s.now > this.simAnchor) {
      // Asked for before the pause, this took the engine past the moment of the pause: the run holds
      // there, so the engine goes back to it (a seek replays the same run); until then it is not shown.
      if (reply.seq === this.holdSeq) this.seek(this.simAnchor);
      return;
    }
    this.onSnapshot(s);
  }

  private onSnapshot(s: Snapshot): void {
    this.engineNow = s.now;
    for (const fx of s.effects) this.effects.push(fx);
    this.frameData.effectsAdded += s.effects.length;
    if (this.effects.length > MAX_EFFECTS) this.effects.splice(0, this.effects.length - MAX_EFFECTS);
    const playing = this.state.status === 'playing';
    const patch: Partial<PlaybackState> = {
      untilMs: s.untilMs,
      events: s.events,
      inFlight: s.inFlight,
      overloaded: s.overloaded,
      error: s.error ?? null,
    };
    // Paused, time only moves on (a step); a reply asked for before the pause is behind it.
    if (!playing) this.simAnchor = Math.max(this.simAnchor, s.now);
    if (playing && s.now < s.untilMs) {
      const lag = this.simTime() - s.now;
      if (lag > this.state.speed * LAG_WALL_MS) {
        // Time waits for the engine, but goes on from what the canvas has already shown.
        this.simAnchor = Math.max(s.now, this.shown);
        this.wallAnchor = this.clock.now();
        patch.lagging = true;
      } else if (this.state.lagging && lag < this.state.speed * LEAD_WALL_MS) patch.lagging = false;
    }
    if (s.ended) {
      this.stopFrames();
      this.simAnchor = s.now;
      patch.status = 'ended';
      // A run that ends between full refreshes gets one at its end: the report's badges, the
      // metrics and the series then describe the whole run, not a moment a few seconds before.
      if (!(s.run && 'metrics' in s.run)) this.send({ type: 'advance', seq: 0, t: s.now, ui: true });
    }
    if (s.run || patch.status || !playing) {
      // A reply asked for before a pause may be behind the time the clock already showed.
      const now = playing ? Math.max(this.state.now, s.now) : this.simAnchor;
      this.update({ ...patch, ...s.run, now });
    } else {
      // Panels refresh at the UI rate only; these numbers ride along with the next refresh.
      Object.assign(this.quiet, patch);
    }
  }

  private update(patch: Partial<PlaybackState>): void {
    this.state = { ...this.state, ...this.quiet, ...patch };
    this.quiet = {};
    this.frameData.speed = this.state.speed;
    this.frameData.runId = this.state.runId;
    for (const l of [...this.listeners]) l();
  }
}
