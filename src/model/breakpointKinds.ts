import type { Breakpoint, BreakpointKind } from './schema';

// Types only from the schema: the engine worker reads this without loading zod.

/** What a breakpoint of a kind names: an edge, a saga, a channel, a client, or nothing. */
export type BreakpointTarget = 'edge' | 'saga' | 'channel' | 'client' | 'none';

/** How a breakpoint kind is described, and what it asks a person for. */
export interface BreakpointKindInfo {
  /** In the kind picker: "Circuit opens". */
  label: string;
  target: BreakpointTarget;
  /** The number it reads (`Breakpoint.value`), and how it is asked for; null when it reads none. */
  value: { label: string; unit: string; whole: boolean; fallback: number } | null;
  /**
   * The breakpoint in a few words, `named` resolving a target to what a person calls it:
   * "Circuit opens on POST /pay", "Queue orders deeper than 20".
   */
  describe(breakpoint: Breakpoint, named: string): string;
}

const onAny = (named: string, any: string) => named || any;

/**
 * Every breakpoint kind: what it is called, what it names and which number it reads. The one place
 * the model, the inspector's list and the run learn a kind from; the engine's matchers
 * (runtime/breakpoints.ts) and the run's clock stops (playback/breakpointClock.ts) are keyed by the
 * same kinds, so a new kind does not compile until each says how it is hit.
 */
export const BREAKPOINT_KIND_INFO: Record<BreakpointKind, BreakpointKindInfo> = {
  'circuit-open': {
    label: 'Circuit opens',
    target: 'edge',
    value: null,
    describe: (_b, named) => `Circuit opens on ${onAny(named, 'any edge')}`,
  },
  'saga-compensated': {
    label: 'Saga compensated',
    target: 'saga',
    value: null,
    describe: (_b, named) => `Saga ${onAny(named, '(any)')} compensated`,
  },
  'saga-stuck': {
    label: 'Saga stuck',
    target: 'saga',
    value: null,
    describe: (_b, named) => `Saga ${onAny(named, '(any)')} stuck`,
  },
  'dead-letter': {
    label: 'Message dead-lettered',
    target: 'channel',
    value: null,
    describe: (_b, named) => `Dead letter on ${onAny(named, 'any queue')}`,
  },
  'queue-depth': {
    label: 'Queue depth passes N',
    target: 'channel',
    value: { label: 'Depth over', unit: 'messages', whole: true, fallback: 10 },
    describe: (b, named) => `Queue ${onAny(named, '(any)')} deeper than ${b.value}`,
  },
  'slow-request': {
    label: 'Request slower than X ms',
    target: 'client',
    value: { label: 'Slower than', unit: 'ms', whole: false, fallback: 1000 },
    describe: (b, named) => `Request from ${onAny(named, 'any client')} slower than ${b.value} ms`,
  },
  'objective-missed': {
    label: 'Objective missed',
    target: 'client',
    value: null,
    describe: (_b, named) => `${onAny(named, 'Any client')} misses its objective`,
  },
  time: {
    label: 'At a time',
    target: 'none',
    value: { label: 'At', unit: 'ms', whole: false, fallback: 10_000 },
    describe: (b) => `Time reaches ${b.value} ms`,
  },
};
