import { makeLiveFault } from '../model/defaults';
import type { Diagram } from '../model/schema';
import type { ColumnsEvent } from './mirror';
import { EMPTY_RUN, clampSpeed, type PlaybackStatus } from './playbackState';
import { PlaybackCore } from './playbackCore';
import type { EnvelopeView, LiveFaultInput } from './types';

export * from './playbackState';
export { MAX_EFFECTS, type ColumnsEvent } from './mirror';
export type { PlaybackOptions } from './timing';

/**
 * The bridge from wall-clock time to simulated time. It drives an engine host (a worker or
 * in-process) towards the time the clock says, mirrors what is in flight for the canvas, and keeps
 * a low-frequency state for panels (subscribe/getSnapshot, for useSyncExternalStore).
 */
export class Playback extends PlaybackCore {
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
      breakHit: null,
    });
    this.send({ type: 'load', seq: 0, diagram, seed });
  }

  /** Starts or resumes; at the end of a run, plays it again from the start. */
  play(): void {
    if (!this.diagram || this.state.status === 'playing') return;
    if (this.state.status === 'ended') this.reset();
    this.wallAnchor = this.clock.now();
    this.update({ status: 'playing', lagging: false, breakHit: null });
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
    this.update({ status: 'paused', breakHit: null });
    this.send({ type: 'step', seq: 0, ui: true });
  }

  /** Pauses and goes back one event: to just after the one before the last processed (a seek). */
  stepBack(): void {
    if (!this.diagram) return;
    if (this.state.status === 'playing') this.pause();
    this.beginEpoch(this.simAnchor);
    this.update({ status: 'paused', breakHit: null });
    // Noted before sending: an in-process host may answer synchronously.
    this.backSeq = this.seq + 1;
    this.send({ type: 'stepBack', seq: 0, ui: true });
  }

  /** Pauses and goes back to the start of this run, keeping its live faults (unlike reset). */
  rewind(): void {
    if (!this.diagram) return;
    if (this.state.status === 'playing') this.pause();
    this.seek(0);
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
      breakHit: null,
    });
    this.send({ type: 'reset', seq: 0 });
  }

  /**
   * Jumps to simulated time `t`; backwards replays the run from the start, so it is deterministic.
   * A playing run plays on from there; any other run is held paused at `t` (a run not yet played
   * that is sought to a moment is no longer at its start, and one that ended is no longer over),
   * unless nothing moved (a fresh run sought to 0) or `t` is the end (the reply says it ended).
   */
  seek(t: number): void {
    if (!this.diagram) return;
    const target = Math.max(0, Math.min(t, this.state.untilMs));
    this.beginEpoch(target);
    this.update({ status: this.statusAfterSeek(target), now: target, breakHit: null });
    this.send({ type: 'seek', seq: 0, t: target, ui: true });
  }

  private statusAfterSeek(target: number): PlaybackStatus {
    const { status, untilMs } = this.state;
    if (status === 'playing') return 'playing';
    if (status === 'idle' && target === 0) return 'idle';
    if (status === 'ended' && target >= untilMs) return 'ended';
    return 'paused';
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
    return this.mirror.listen(listener);
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
}
