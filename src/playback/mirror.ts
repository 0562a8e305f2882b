import { MessageColumns } from './columns';
import type { PlaybackFrame } from './playbackState';
import { initialFrame } from './playbackState';
import type { InFlightDiff } from './protocol';
import type { Effect } from './types';

/** A change to the messages in flight: everything gone, or one diff applied. */
export type ColumnsEvent = { kind: 'clear' } | { kind: 'diff'; diff: InFlightDiff };

/** Recent effects kept for drawing (the canvas worker keeps as many). */
export const MAX_EFFECTS = 512;

/**
 * The playback's copy of what the canvas draws: the messages in flight (columns, built from the
 * engine's diffs, also handed to listeners such as the drawing worker), recent effects, and the
 * frame object the canvas reads every animation frame.
 */
export class RunMirror {
  readonly columns = new MessageColumns();
  readonly effects: Effect[] = [];
  readonly frame: PlaybackFrame;
  private readonly listeners = new Set<(e: ColumnsEvent) => void>();

  constructor() {
    this.frame = initialFrame(this.columns, this.effects);
  }

  /** Everything in flight is gone (a load or reset). */
  clearColumns(): void {
    this.columns.clear();
    for (const l of this.listeners) l({ kind: 'clear' });
  }

  /** Applies one in-flight diff from the engine. */
  applyDiff(diff: InFlightDiff): void {
    this.columns.apply(diff);
    for (const l of this.listeners) l({ kind: 'diff', diff });
  }

  /** Hears every change to the messages in flight, starting with all of them now. Returns the unsubscribe. */
  listen(listener: (e: ColumnsEvent) => void): () => void {
    this.listeners.add(listener);
    listener({ kind: 'diff', diff: this.columns.toDiff() });
    return () => this.listeners.delete(listener);
  }

  /** A new stretch of time: the effects start afresh. */
  newEpoch(): void {
    this.effects.length = 0;
    this.frame.effectsEpoch++;
    this.frame.effectsAdded = 0;
  }

  /** Appends effects from a snapshot, keeping the most recent `MAX_EFFECTS`. */
  addEffects(effects: readonly Effect[]): void {
    for (const fx of effects) this.effects.push(fx);
    this.frame.effectsAdded += effects.length;
    if (this.effects.length > MAX_EFFECTS) this.effects.splice(0, this.effects.length - MAX_EFFECTS);
  }
}
