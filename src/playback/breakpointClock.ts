import type { Breakpoint, BreakpointKind, Diagram } from '../model/schema';
import { evaluateObjective } from '../runtime/objectives';
import type { BreakHit, Engine } from './types';

/**
 * The breakpoints the run's driver stops at on its clock (the engine stops at the others itself, at
 * the event that hits them): a moment of simulated time, and the end of a window in which a client
 * missed its objective (objectives are judged per window, from the run's series).
 */
interface ClockStop {
  /** The next moment after `afterMs` to stop and look, or null for none. */
  next(b: Breakpoint, afterMs: number, engine: Engine, diagram: Diagram): number | null;
  /** At such a moment: whether it is hit, and what hit it (null: play on). */
  check(
    b: Breakpoint,
    engine: Engine,
    diagram: Diagram,
  ): Omit<BreakHit, 'breakpointId' | 'kind' | 'atMs'> | null;
}

/** The objective windows' length, as the series judge them (a whole number of its buckets). */
function windowMs(b: Breakpoint, engine: Engine, diagram: Diagram): number | null {
  const clients = diagram.services.filter(
    (s) => s.kind === 'client' && s.objective && (b.target === '' || b.target === s.id),
  );
  const series = clients.length ? engine.series() : null;
  if (!series) return null;
  const lengths = clients.map(
    (s) => Math.max(1, Math.round(s.objective!.windowMs / series.bucketMs)) * series.bucketMs,
  );
  return Math.min(...lengths);
}

/**
 * What each breakpoint kind does on the driver's clock: null for the kinds the engine watches. Keyed
 * by every kind, so a new kind says here whether the clock is its business.
 */
export const CLOCK_STOPS: Record<BreakpointKind, ClockStop | null> = {
  'circuit-open': null,
  'saga-compensated': null,
  'saga-stuck': null,
  'dead-letter': null,
  'queue-depth': null,
  'slow-request': null,
  time: {
    next: (b, afterMs) => (b.value > afterMs ? b.value : null),
    check: () => ({}),
  },
  'objective-missed': {
    // Every window end is looked at (the smallest window of the clients it watches).
    next(b, afterMs, engine, diagram) {
      const w = windowMs(b, engine, diagram);
      return w === null ? null : (Math.floor(afterMs / w) + 1) * w;
    },
    check(b, engine, diagram) {
      const series = engine.series();
      if (!series) return null;
      for (const s of diagram.services) {
        if (s.kind !== 'client' || !s.objective || (b.target !== '' && b.target !== s.id)) continue;
        const client = series.clients[s.id];
        if (!client) continue;
        const result = evaluateObjective(series, client, s.objective);
        const window = result.windows.find(
          (w) => w.endMs === engine.now && w.endMs - w.startMs === result.windowMs,
        );
        if (window?.verdict === 'missed') return { serviceId: s.id };
      }
      return null;
    },
  },
};

/** The earliest clock stop after `afterMs` among `breakpoints` (Infinity: none). */
export function nextClockStop(
  breakpoints: readonly Breakpoint[],
  afterMs: number,
  engine: Engine,
  diagram: Diagram,
): number {
  let next = Infinity;
  for (const b of breakpoints) {
    const at = CLOCK_STOPS[b.kind]?.next(b, afterMs, engine, diagram) ?? null;
    if (at !== null && at < next) next = at;
  }
  return next;
}

/** At a clock stop: the first breakpoint hit there, or null. */
export function clockHit(
  breakpoints: readonly Breakpoint[],
  engine: Engine,
  diagram: Diagram,
): BreakHit | null {
  for (const b of breakpoints) {
    const stop = CLOCK_STOPS[b.kind];
    if (!stop || stop.next(b, engine.now - 1e-9, engine, diagram) !== engine.now) continue;
    const facts = stop.check(b, engine, diagram);
    if (facts) return { breakpointId: b.id, kind: b.kind, atMs: engine.now, ...facts };
  }
  return null;
}
