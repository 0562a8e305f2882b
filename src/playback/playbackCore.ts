import type { Diagram } from '../model/schema';
import type { Clock, FrameScheduler } from './clock';
import { animationFrameScheduler, systemClock } from './clock';
import type { EngineHost } from './host';
import { RunMirror } from './mirror';
import type { PlaybackFrame, PlaybackState } from './playbackState';
import { initialState } from './playbackState';
import type { HostCommand, HostReply, RunDetail, Snapshot } from './protocol';
import { isAnswered } from './protocol';
import { FULL_DETAIL_EVERY, LAG_WALL_MS, LEAD_WALL_MS, STRIDE_WALL_MS, type PlaybackOptions } from './timing';
import type { EnvelopeView } from './types';

/**
 * The machinery under `Playback`: simulated time against the wall clock (anchors, what was shown
 * and asked), one advance per frame while playing, the engine's replies applied in order (the
 * in-flight mirror, effects, panel state at the UI rate). `Playback` adds the commands.
 */
export abstract class PlaybackCore {
  /** Jumps to simulated time `t` (the commands are `Playback`'s; a reply may need this one). */
  abstract seek(t: number): void;

  protected readonly host: EngineHost;
  protected readonly clock: Clock;
  protected readonly scheduler: FrameScheduler;
  protected readonly uiIntervalMs: number;
  protected readonly listeners = new Set<() => void>();
  protected readonly unlisten: () => void;
  protected state: PlaybackState;
  protected readonly mirror = new RunMirror();
  protected readonly frameData: PlaybackFrame = this.mirror.frame;
  protected diagram: Diagram | null = null;
  protected seq = 0;
  /** Replies to commands before this one describe a run the user has since left (reset, seek, load). */
  protected epochSeq = 0;
  /** The last command that will be answered, and the last answer heard: replies come in order. */
  protected awaitedSeq = 0;
  protected answeredSeq = 0;
  /** The last load or reset: its reply starts the in-flight mirror afresh, so older diffs are moot. */
  protected freshSeq = 0;
  protected simAnchor = 0;
  protected wallAnchor = 0;
  protected engineNow = 0;
  /** The latest time drawn in this stretch of time: what a person has seen never goes back. */
  protected shown = 0;
  /** The furthest time asked of the engine in this stretch: it gets there whatever happens next. */
  protected asked = 0;
  /** The advance sent by the latest pause: replies before it were asked for before the pause. */
  protected holdSeq = 0;
  /** The latest step back: its reply sets the time. */
  protected backSeq = 0;
  protected lastUiWall = -Infinity;
  protected uiRefreshes = 0;
  protected readonly detailHeld: () => boolean;
  /** Refreshes were skipped while held: the next one carries the full detail. */
  protected skippedDetail = false;
  protected frameHandle: number | null = null;
  protected liveFaultCount = 0;
  protected envelopeWaiters = new Map<number, (e: EnvelopeView | null) => void>();
  /** Numbers that changed between panel refreshes, folded into the next one. */
  protected quiet: Partial<PlaybackState> = {};

  constructor(options: PlaybackOptions) {
    this.host = options.host;
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? animationFrameScheduler;
    this.uiIntervalMs = options.uiIntervalMs ?? 100;
    this.detailHeld = options.detailHeld ?? (() => false);
    this.state = initialState();
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
    f.effects = this.mirror.effects;
    f.diagram = this.diagram;
    f.speed = this.state.speed;
    f.playing = this.state.status === 'playing';
    return f;
  }

  protected clearColumns(): void {
    this.mirror.clearColumns();
  }

  protected send(cmd: HostCommand): number {
    const seq = ++this.seq;
    // An envelope is answered too, but time need not wait for it.
    if (isAnswered(cmd) && cmd.type !== 'envelope') this.awaitedSeq = seq;
    this.host.send({ ...cmd, seq });
    return seq;
  }

  /** Marks the next command as the start of a new stretch of time at `t`. */
  protected beginEpoch(t: number): void {
    this.epochSeq = this.seq + 1;
    this.simAnchor = t;
    this.engineNow = t;
    this.shown = t;
    this.asked = t;
    this.wallAnchor = this.clock.now();
    this.mirror.newEpoch();
  }

  /** Simulated time according to the clock. */
  protected simTime(): number {
    if (this.state.status !== 'playing') return this.simAnchor;
    const t = this.simAnchor + (this.clock.now() - this.wallAnchor) * this.state.speed;
    return Math.min(t, this.state.untilMs);
  }

  /**
   * The time the canvas shows: the clock's, but no further than a little past the engine (it can
   * only guess what happens beyond), and never earlier than what it showed before in this stretch
   * of time (a reply asked for before a pause or a speed change may be behind it).
   */
  protected drawTime(): number {
    if (this.state.status !== 'playing') return this.simAnchor;
    const t = this.simTime();
    const lead = this.engineNow + this.state.speed * LEAD_WALL_MS;
    const drawn = t < this.engineNow ? this.engineNow : t > lead ? lead : t;
    if (drawn > this.shown) this.shown = drawn;
    return this.shown;
  }

  /** Notes that the engine is asked to reach `t`; returns `t`. */
  protected askTime(t: number): number {
    if (t > this.asked) this.asked = t;
    return t;
  }

  protected scheduleFrame(): void {
    if (this.frameHandle === null) this.frameHandle = this.scheduler.request(this.tick);
  }

  protected stopFrames(): void {
    if (this.frameHandle !== null) this.scheduler.cancel(this.frameHandle);
    this.frameHandle = null;
  }

  protected tick = (): void => {
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
        if (this.detailHeld()) this.skippedDetail = true;
        else {
          this.lastUiWall = wall;
          // Metrics, sagas and the trace weigh the most and change the least visibly: every few refreshes.
          ui = this.uiRefreshes++ % FULL_DETAIL_EVERY === 0 || this.skippedDetail ? true : 'live';
          this.skippedDetail = false;
        }
      }
      this.send({ type: 'advance', seq: 0, t: this.askTime(target), ui });
    }
    this.scheduleFrame();
  };

  protected onReply(reply: HostReply): void {
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
      this.mirror.applyDiff(s.diff);
    }
    if (reply.seq < this.epochSeq) return;
    if (this.state.status === 'paused' && reply.seq <= this.holdSeq && s.now > this.simAnchor) {
      // Asked for before the pause, this took the engine past the moment of the pause: the run holds
      // there, so the engine goes back to it (a seek replays the same run); until then it is not shown.
      if (reply.seq === this.holdSeq) this.seek(this.simAnchor);
      return;
    }
    // A step back is a seek whose time only the engine knows: shown time goes back to it.
    if (reply.seq === this.backSeq) this.simAnchor = this.shown = this.asked = s.now;
    this.onSnapshot(s);
  }

  protected onSnapshot(s: Snapshot): void {
    this.engineNow = s.now;
    this.mirror.addEffects(s.effects);
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
    if (s.breakHit && !s.ended) {
      // A breakpoint stopped the engine at the event that hit it: time stops there too.
      this.stopFrames();
      this.simAnchor = this.shown = this.asked = s.now;
      patch.status = 'paused';
      patch.breakHit = s.breakHit;
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
      const now = playing && !s.breakHit ? Math.max(this.state.now, s.now) : this.simAnchor;
      this.update({ ...patch, ...s.run, now });
    } else {
      // Panels refresh at the UI rate only; these numbers ride along with the next refresh.
      Object.assign(this.quiet, patch);
    }
  }

  protected update(patch: Partial<PlaybackState>): void {
    this.state = { ...this.state, ...this.quiet, ...patch };
    this.quiet = {};
    this.frameData.speed = this.state.speed;
    this.frameData.runId = this.state.runId;
    for (const l of [...this.listeners]) l();
  }
}
