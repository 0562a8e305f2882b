import type { Breakpoint, BreakpointKind } from '../model/schema';
import type { BreakHit } from './api';
import type { Call } from './messages';
import { Word, type Simulation } from './sim';
import { TraceCode, type TraceType } from './trace';

/**
 * Engine-level breakpoints (issue 13): the run stops after the event that hits one, so a pause is
 * exact and the same in every run of the same diagram and seed. A breakpoint is checked where the
 * engine already records what it watches (a trace record, a client request ending); with none set
 * the engine pays one null check per record.
 */

/** A trace record, as the engine writes it (indexes, interned ids). */
interface RecordFields {
  type: number;
  msg: number;
  service: number;
  edge: number;
  detail: number;
  n: number;
}

/** What a hit says beyond its breakpoint and time. */
type HitFacts = Omit<BreakHit, 'breakpointId' | 'kind' | 'atMs'>;

/** How the engine tells that a breakpoint of one kind is hit. */
export type BreakpointMatcher =
  /** On trace records of these types: the facts of a hit, or null. */
  | {
      watches: 'records';
      types: readonly TraceType[];
      hit(sim: Simulation, b: Breakpoint, r: RecordFields): HitFacts | null;
    }
  /** When a client's request ends (answered, failed or timed out). */
  | { watches: 'requests'; hit(sim: Simulation, b: Breakpoint, call: Call): HitFacts | null }
  /** At moments of the run's clock, which the run's driver stops at (playback/breakpointClock.ts). */
  | { watches: 'clock' };

const edgeOf = (sim: Simulation, r: RecordFields) => sim.edges[r.edge];
const wanted = (b: Breakpoint, name: string | undefined) => b.target === '' || b.target === name;
const message = (r: RecordFields) => (r.msg >= 0 ? `m${r.msg}` : undefined);

/** A queue's record: the channel it happened on, when the breakpoint watches it. */
function onChannel(sim: Simulation, b: Breakpoint, r: RecordFields): HitFacts | null {
  const edge = edgeOf(sim, r);
  const channel = edge?.queue?.name;
  if (!edge || !wanted(b, channel)) return null;
  return { edgeId: edge.id, channel, messageId: message(r), n: r.n };
}

/** A saga instance ended so: the saga it was, when the breakpoint watches it. */
function sagaEnded(word: number) {
  return (sim: Simulation, b: Breakpoint, r: RecordFields): HitFacts | null => {
    if (r.detail !== word) return null;
    // Recorded before the instance leaves the live list: found there by its id.
    const instance = sim.liveSagas.find((s) => s.id === r.n);
    const saga = instance?.def.name;
    if (!wanted(b, saga)) return null;
    return {
      saga,
      serviceId: sim.services[r.service]?.id,
      correlationId: instance ? `c${instance.correlation}` : undefined,
    };
  };
}

/**
 * How each breakpoint kind is hit: the engine's side of `BREAKPOINT_KIND_INFO`, keyed by the same
 * kinds, so a new kind must say here how the engine sees it.
 */
export const BREAKPOINT_MATCHERS: Record<BreakpointKind, BreakpointMatcher> = {
  'circuit-open': {
    watches: 'records',
    types: ['circuit'],
    hit(sim, b, r) {
      const edge = edgeOf(sim, r);
      // The state it just took (reading it interns nothing, so the trace stays as it is).
      if (!edge || edge.breaker?.state !== 'open' || !wanted(b, edge.id)) return null;
      return { edgeId: edge.id, serviceId: edge.from.id };
    },
  },
  'saga-compensated': { watches: 'records', types: ['saga-ended'], hit: sagaEnded(Word.compensated) },
  'saga-stuck': { watches: 'records', types: ['saga-ended'], hit: sagaEnded(Word.stuck) },
  'dead-letter': { watches: 'records', types: ['dead-lettered'], hit: onChannel },
  'queue-depth': {
    watches: 'records',
    types: ['enqueued'],
    // Passing N: this message took the depth from at most N to more than N.
    hit: (sim, b, r) => (r.n > b.value && r.n - 1 <= b.value ? onChannel(sim, b, r) : null),
  },
  'slow-request': {
    watches: 'requests',
    hit(sim, b, call) {
      const tookMs = sim.now - call.startedAt;
      if (tookMs <= b.value || !wanted(b, call.caller.id)) return null;
      return {
        serviceId: call.caller.id,
        edgeId: call.edge.id,
        correlationId: `c${call.correlation}`,
        n: tookMs,
      };
    },
  },
  'objective-missed': { watches: 'clock' },
  time: { watches: 'clock' },
};

/** Whether the engine itself watches this kind (the clock kinds are the run driver's). */
export function engineWatches(kind: BreakpointKind): boolean {
  return BREAKPOINT_MATCHERS[kind].watches !== 'clock';
}

type RecordMatcher = Extract<BreakpointMatcher, { watches: 'records' }>;
type RequestMatcher = Extract<BreakpointMatcher, { watches: 'requests' }>;

/** The enabled breakpoints of one run, sorted by what they watch; the first hit stops the run. */
export class BreakWatch {
  /** The breakpoint hit by the event being processed, or the last one (until cleared). */
  hit: BreakHit | null = null;
  private readonly byType: Array<Array<[Breakpoint, RecordMatcher]> | undefined> = [];
  private readonly onRequests: Array<[Breakpoint, RequestMatcher]> = [];
  private readonly fields: RecordFields = { type: 0, msg: 0, service: 0, edge: 0, detail: 0, n: 0 };

  constructor(
    private readonly sim: Simulation,
    breakpoints: readonly Breakpoint[],
  ) {
    for (const b of breakpoints) {
      if (!b.enabled) continue;
      const matcher = BREAKPOINT_MATCHERS[b.kind];
      if (matcher.watches === 'records') {
        for (const type of matcher.types) (this.byType[TraceCode[type]] ??= []).push([b, matcher]);
      } else if (matcher.watches === 'requests') this.onRequests.push([b, matcher]);
    }
  }

  /** Whether any breakpoint is watched by the engine. */
  get empty(): boolean {
    return this.onRequests.length === 0 && this.byType.every((list) => list === undefined);
  }

  /** Called with every trace record (see Simulation.record). */
  onRecord(type: number, msg: number, service: number, edge: number, detail: number, n: number): void {
    const list = this.byType[type];
    if (list === undefined || this.hit !== null) return;
    const f = this.fields;
    f.type = type;
    f.msg = msg;
    f.service = service;
    f.edge = edge;
    f.detail = detail;
    f.n = n;
    for (const [b, matcher] of list) {
      const facts = matcher.hit(this.sim, b, f);
      if (facts) return this.stop(b, facts);
    }
  }

  /** Called when a client's request ends (see endCall). */
  onRequestEnded(call: Call): void {
    if (this.hit !== null) return;
    for (const [b, matcher] of this.onRequests) {
      const facts = matcher.hit(this.sim, b, call);
      if (facts) return this.stop(b, facts);
    }
  }

  private stop(b: Breakpoint, facts: HitFacts): void {
    const hit: BreakHit = { breakpointId: b.id, kind: b.kind, atMs: this.sim.now };
    for (const [key, value] of Object.entries(facts))
      if (value !== undefined) Object.assign(hit, { [key]: value });
    this.hit = hit;
  }
}
