import type { CircuitState } from './api';
import type { Edge } from './entities';
import type { Call } from './messages';
import { EffectCode, EventKind, Word, type Simulation } from './sim';
import { TraceCode } from './trace';

/*
 * A sync edge's circuit breaker: after `threshold` consecutive failures it opens (calls fail fast,
 * unsent), after `openMs` it lets one trial through (half-open), and that trial's outcome closes or
 * re-opens it.
 */

/**
 * An attempt meets a circuit that is not closed: open (or half-open with its trial out) fails it
 * fast; half-open lets it through as the one trial. False when it failed fast.
 */
export function breakerLetsThrough(sim: Simulation, e: Edge, call: Call): boolean {
  const breaker = e.breaker!;
  if (breaker.state === 'open' || breaker.trialOut) {
    sim.record(
      TraceCode.failed,
      -1,
      call.caller.index,
      e.index,
      Word['circuit open'],
      call.attempt + 1,
      call.correlation,
    );
    sim.effect(EffectCode['circuit-open'], -1, e.index, -1);
    call.lastFailure = Word['circuit open'];
    breaker.shortCircuited++;
    return false;
  }
  breaker.trialOut = true;
  call.trial = true;
  return true;
}

/** An attempt through the breaker settled: count it, and open or close the circuit. */
export function breakerOutcome(sim: Simulation, e: Edge, ok: boolean, call: Call): void {
  const breaker = e.breaker!;
  if (call.trial) {
    call.trial = false;
    breaker.trialOut = false;
  }
  if (ok) {
    breaker.consecutiveFailures = 0;
    if (breaker.state === 'half-open') setCircuit(sim, e, 'closed');
    return;
  }
  breaker.consecutiveFailures++;
  if (
    breaker.state === 'half-open' ||
    (breaker.state === 'closed' && breaker.consecutiveFailures >= breaker.threshold)
  ) {
    setCircuit(sim, e, 'open');
    breaker.opened++;
    sim.effect(EffectCode['circuit-open'], -1, e.index, -1);
    sim.schedule(sim.now + breaker.openMs, EventKind.HalfOpen, e, ++breaker.token);
  }
}

/**
 * The open period is over: let one trial through. A trial of an earlier half-open period that is
 * still pending (the circuit re-opened on another call's failure) stays the one trial.
 */
export function onHalfOpen(sim: Simulation, e: Edge): void {
  setCircuit(sim, e, 'half-open');
}

function setCircuit(sim: Simulation, e: Edge, state: CircuitState): void {
  e.breaker!.state = state;
  sim.record(TraceCode.circuit, -1, e.from.index, e.index, sim.intern(state), NaN);
}
