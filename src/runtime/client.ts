import { Call, Look, CallOwner, type Service } from './entities';
import { publishQueue } from './queue';
import { startSaga } from './saga';
import { CLIENT_ROUTE, routeFor } from './services';
import { EventKind, type Simulation } from './sim';
import { startCall } from './sync';
import { publishTopic } from './topic';
import type { Traffic } from '../model/schema';

/** A client's traffic, compiled. */
export interface ClientTraffic {
  service: Service;
  pattern: Traffic['pattern'];
  meanGapMs: number;
  burstSize: number;
  burstEveryMs: number;
}

/** Bursts come at most once per millisecond (a shorter period would stall the clock). */
const MIN_BURST_EVERY_MS = 1;

/** Schedules a client's first request (and first burst); a client with nowhere to send sends nothing. */
export function startClient(sim: Simulation, c: ClientTraffic): void {
  if (routeFor(c.service, CLIENT_ROUTE, false).length === 0) return;
  if (c.meanGapMs > 0 && Number.isFinite(c.meanGapMs))
    sim.schedule(nextGap(sim, c), EventKind.ClientTick, c, 0);
  if (c.pattern === 'bursts' && c.burstEveryMs > 0) {
    c.burstEveryMs = Math.max(MIN_BURST_EVERY_MS, c.burstEveryMs);
    sim.schedule(c.burstEveryMs, EventKind.Burst, c, 0);
  }
}

function nextGap(sim: Simulation, c: ClientTraffic): number {
  return sim.now + (c.pattern === 'steady' ? c.meanGapMs : sim.rng.exponential(c.meanGapMs));
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

function sendRequest(sim: Simulation, service: Service): void {
  if (service.down > 0) return;
  const correlation = sim.nextCorrelation++;
  const r = sim.requests;
  for (const a of routeFor(service, CLIENT_ROUTE, false)) {
    const e = a.edge;
    if (a.kind === 'sync') {
      r.sent++;
      const call = new Call(
        e,
        service,
        e.to,
        false,
        e.message || 'request',
        Look.Request,
        e.policy!,
        CallOwner.Client,
        null,
        correlation,
        -1,
        1,
      );
      call.startedAt = sim.now;
      startCall(sim, call);
    } else if (a.kind === 'saga') startSaga(sim, a.saga!, -1, correlation, 1);
    else {
      r.sent++;
      // The broker acknowledges at once; the producer's wait is one round trip to it.
      const ok =
        a.kind === 'queue'
          ? publishQueue(sim, a.queue!, e, service, -1, correlation, 1)
          : publishTopic(sim, a.topic!, e, service, -1, correlation, 1);
      if (ok) {
        r.succeeded++;
        r.latency.add(e.latencyMs);
      } else r.failed++;
    }
  }
}
