import type { Simulation } from './sim';

/**
 * Bounds on the work of one run, counted in events and simulated time only (never the wall clock),
 * so where a run stops is as deterministic as the run itself.
 */

/** The most events one run may process unless told otherwise (the CLI's `--max-events` default). */
export const DEFAULT_MAX_EVENTS = 100_000_000;

/** Events per block: the clock must move at least `DENSE_SPAN_MS` over every block of this many. */
export const DENSE_EVENTS = 500_000;

/**
 * The simulated time a block of `DENSE_EVENTS` events must at least span: more than 10,000 events
 * per simulated millisecond is more work than any playable diagram makes (a client sends at most
 * 10 requests per millisecond) and more than the engine could show at any speed.
 */
export const DENSE_SPAN_MS = 50;

/** 1000000 → "1,000,000" (no locale: the message is the same everywhere). */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Checks a run's work every `DENSE_EVENTS` events (and at its event budget): the engine calls
 * `check` when `sim.events` reaches `nextCheck`, so the hot path pays one comparison per event.
 * A run stops when a block of events spans too little simulated time from its first event to its
 * last (none at all is what a cycle of instant services makes), or when it reaches its budget. A
 * dense stretch is caught within two blocks.
 */
export class WorkGuard {
  /** `sim.events` at which `check` runs next (0: before the first event, which starts a block). */
  nextCheck = 0;
  /** Time of the current block's first event; -1 before the first block. */
  private blockStartMs = -1;
  private blockStartEvents = 0;

  constructor(readonly maxEvents: number) {}

  /**
   * Stops the run when it reached its budget or its last block of events was too dense; otherwise
   * starts a new block when one is full. `nextAtMs` is the time of the event about to run.
   */
  check(sim: Simulation, nextAtMs: number): void {
    if (sim.events >= this.maxEvents) {
      sim.stop(
        `Stopped at ${Math.round(sim.now)} ms after ${count(sim.events)} events, the most one run may do. ` +
          'The run makes more work than can be simulated in reasonable time; shorten it or lower its traffic.',
        this.maxEvents,
      );
      return;
    }
    const first = this.blockStartMs < 0;
    if (first || sim.events - this.blockStartEvents >= DENSE_EVENTS) {
      const span = sim.now - this.blockStartMs;
      if (!first && span < DENSE_SPAN_MS) {
        sim.stop(denseMessage(sim.now, span), DENSE_EVENTS);
        return;
      }
      this.blockStartMs = Number.isFinite(nextAtMs) ? nextAtMs : sim.now;
      this.blockStartEvents = sim.events;
    }
    this.nextCheck = Math.min(this.maxEvents, this.blockStartEvents + DENSE_EVENTS);
  }
}

function denseMessage(now: number, spanMs: number): string {
  const what =
    spanMs === 0
      ? `${count(DENSE_EVENTS)} events happened without the clock moving`
      : `${count(DENSE_EVENTS)} events in ${spanMs < 1 ? spanMs.toPrecision(2) : Math.round(spanMs)} ms of ` +
        `simulated time, more than ${count(DENSE_EVENTS / DENSE_SPAN_MS)} per millisecond`;
  return (
    `Overloaded at ${Math.round(now)} ms: ${what}. Services that take 0 ms joined in a cycle by 0 ms edges, ` +
    'or bursts too large and too frequent, make more work than a run can hold; the run stopped here.'
  );
}
