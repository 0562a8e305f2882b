import type { Traffic } from '../model/schema';
import type { CallOwnerBehaviour } from './behaviours';
import type { Service } from './entities';
import type { Rng } from './rng';
import { CLIENT_ROUTE, routeFor } from './services';
import { EventKind, Word, type Simulation } from './sim';

/** A client's traffic, compiled. */
export interface ClientTraffic {
  service: Service;
  pattern: Traffic['pattern'];
  meanGapMs: number;
  burstSize: number;
  burstEveryMs: number;
  /** The client's own random stream, for its arrival gaps only (see `streamSeed`). */
  arrivals: Rng;
}

/** Bursts come at most once per millisecond (a shorter period would stall the clock). */
const MIN_BURST_EVERY_MS = 1;

/** Schedules a client's first request (and first burst); a client with nowhere to send sends nothing. */
export function startClient(sim: Simulation, c: ClientTraffic): void {
  if (routeFor(sim, c.service, CLIENT_ROUTE, false).length === 0) return;
  if (c.meanGapMs > 0 && Number.isFinite(c.meanGapMs))
    sim.schedule(nextGap(sim, c), EventKind.ClientTick, c, 0);
  if (c.pattern === 'bursts' && c.burstEveryMs > 0) {
    c.burstEveryMs = Math.max(MIN_BURST_EVERY_MS, c.burstEveryMs);
    sim.schedule(c.burstEveryMs, EventKind.Burst, c, 0);
  }
}

function nextGap(sim: Simulation, c: ClientTraffic): number {
  return sim.now + (c.pattern === 'steady' ? c.meanGapMs : c.arrivals.exponential(c.meanGapMs));
}

/** The client sends one request (on each of its outgoing edges) and schedules the next. */
export function onClientTick(sim: Simulation, c: ClientTraffic): void {
  sendRequest(sim, c.service);
  sim.schedule(nextGap(sim, c), EventKind.ClientTick, c, 0);
}

/** A burst: `burstSize` requests at once, on top of the steady Poisson background. */
export function onBurst(sim: Simulation, c: ClientTraffic): void {
  for (let i = 0; i < c.burstSize; i++) sendRequest(sim, c.service);
  sim.schedule(sim.now + c.burstEveryMs, EventKind.Burst, c, 0);
}

/** One request: on each of the client's outgoing edges, as its edge kind sends it. */
function sendRequest(sim: Simulation, service: Service): void {
  if (service.down > 0) return;
  const correlation = sim.nextCorrelation++;
  for (const action of routeFor(sim, service, CLIENT_ROUTE, false))
    action.behaviour.sendFromClient(sim, service, action, correlation);
}

/** A client waiting on a sync call: the outcome is its request's. */
export const clientCallOwner: CallOwnerBehaviour = {
  done(sim: Simulation, call, ok: boolean): void {
    if (ok) sim.clientSucceeded(call.caller, sim.now - call.startedAt);
    else if (call.lastFailure === Word.timeout) sim.clientTimedOut(call.caller);
    else sim.clientFailed(call.caller);
  },
  abandoned(sim: Simulation, call): void {
    sim.clientFailed(call.caller);
  },
};
