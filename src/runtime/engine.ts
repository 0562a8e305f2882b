import type { Diagram, Fault } from '../model/schema';
import type { Engine } from './api';
import { checkInvariants } from './check';
import { onBurst, onClientTick, startClient, type ClientTraffic } from './client';
import { compileDiagram } from './compile';
import { LOOKS, Mk, type Call, type Edg, type Msg } from './entities';
import { endFault, resolveFault, scheduleFault, startFault, type ActiveFault } from './faults';
import { buildMetrics } from './metrics';
import { onBrokerArrive, onConsumerArrive, onDeadLetterArrive, onQueueReplyArrive } from './queue';
import { markStuck } from './saga';
import { onHandleDone } from './services';
import { Ev, Sim, WORDS } from './sim';
import { attempt, laneIsStale, onHalfOpen, onLaneDue, onReplyArrive, onRequestArrive } from './sync';
import type { TimeoutLane } from './timeouts';
import { onEventArrive } from './topic';
import { TraceLog, type TraceRecord } from './trace';
import {
  channelsView,
  edgesView,
  envelopeView,
  inFlightView,
  sagaInstancesView,
  servicesView,
} from './views';

export interface EngineOptions {
  /** Overrides the diagram's seed. */
  seed?: number;
  /** Overrides the diagram's run length. */
  untilMs?: number;
  /** How many recent trace records to keep for `recentTrace` (default 2000). */
  traceBuffer?: number;
  /** Called with every trace record as it happens (streaming; slower, for tests and tools). */
  onRecord?: (r: TraceRecord) => void;
}

/** Creates an engine for `diagram`, ready at time 0 with its clients and fault script scheduled. */
export function createEngine(diagram: Diagram, options: EngineOptions = {}): Engine {
  const seed = options.seed ?? diagram.run.seed;
  const untilMs = options.untilMs ?? diagram.run.untilMs;
  const sim = new Sim(seed, untilMs);
  sim.trace = new TraceLog(
    diagram.services.map((s) => s.id),
    diagram.edges.map((e) => e.id),
    options.traceBuffer ?? 2000,
    options.onRecord ?? null,
    [...LOOKS, ...WORDS],
  );
  compileDiagram(sim, diagram);
  const applied: Fault[] = [];
  /** Faults without an end, which the person may end live ("bring back up", "restore"). */
  const openEnded = new Map<string, ActiveFault>();
  for (const f of diagram.faults) {
    const active = resolveFault(sim, f);
    scheduleFault(sim, active);
    applied.push(f);
    if (f.durationMs === 0) openEnded.set(f.id, active);
  }
  diagram.services.forEach((s, i) => {
    if (s.kind !== 'client') return;
    const c: ClientTraffic = {
      svc: sim.svcs[i]!,
      pattern: s.traffic.pattern,
      meanGapMs: s.traffic.rate > 0 ? 1000 / s.traffic.rate : Infinity,
      burstSize: s.traffic.burstSize,
      burstEveryMs: s.traffic.burstEveryMs,
    };
    startClient(sim, c);
  });

  const isStale = (kind: number, obj: unknown, arg: number, t: number): boolean =>
    (kind === Ev.Timeout && laneIsStale(sim, obj as TimeoutLane, t)) ||
    (kind === Ev.HalfOpen && (obj as Edg).breakerToken !== arg);

  const dispatch = (kind: number, obj: unknown): void => {
    switch (kind) {
      case Ev.Arrive: {
        const m = obj as Msg;
        sim.land(m);
        switch (m.kind) {
          case Mk.Request:
            onRequestArrive(sim, m);
            break;
          case Mk.Reply:
            onReplyArrive(sim, m);
            break;
          case Mk.Queue:
            if (m.leg === 0) onBrokerArrive(sim, m);
            else if (m.leg === 1) onConsumerArrive(sim, m);
            else onDeadLetterArrive(sim, m);
            break;
          case Mk.Event:
            onEventArrive(sim, m);
            break;
          default:
            onQueueReplyArrive(sim, m);
        }
        break;
      }
      case Ev.HandleDone:
        onHandleDone(sim, obj as Msg);
        break;
      case Ev.Timeout:
        onLaneDue(sim, obj as TimeoutLane);
        break;
      case Ev.Retry:
        attempt(sim, obj as Call);
        break;
      case Ev.HalfOpen:
        onHalfOpen(sim, obj as Edg);
        break;
      case Ev.ClientTick:
        onClientTick(sim, obj as ClientTraffic);
        break;
      case Ev.Burst:
        onBurst(sim, obj as ClientTraffic);
        break;
      case Ev.FaultStart:
        startFault(sim, obj as ActiveFault);
        break;
      case Ev.FaultEnd:
        endFault(sim, obj as ActiveFault);
        break;
    }
  };

  /** Processes one due event at or before `limit`; false when there is none. */
  /** Processes due events up to `limit`, at most `max` of them; returns how many ran. */
  const run = (limit: number, max: number): number => {
    const q = sim.q;
    let done = 0;
    while (done < max && q.size > 0 && q.peekTime() <= limit && sim.overloaded === null) {
      q.pop();
      const kind = q.topKind;
      const obj = q.topObj;
      if ((kind === Ev.Timeout || kind === Ev.HalfOpen) && isStale(kind, obj, q.topArg, q.topTime)) continue;
      sim.now = q.topTime;
      sim.events++;
      dispatch(kind, obj);
      done++;
    }
    return done;
  };

  const finishIfEnded = () => {
    if (!sim.finished && sim.now >= untilMs) {
      sim.finished = true;
      markStuck(sim);
    }
  };

  const engine: Engine = {
    get now() {
      return sim.now;
    },
    untilMs,
    get events() {
      return sim.events;
    },
    get overloaded() {
      return sim.overloaded;
    },
    advanceTo(t: number) {
      const target = Math.min(t, untilMs);
      run(target, Infinity);
      if (!sim.overloaded && target > sim.now) sim.now = target;
      finishIfEnded();
    },
    step() {
      if (run(untilMs, 1) === 0) {
        finishIfEnded();
        return null;
      }
      return sim.now;
    },
    nextEventTime() {
      const q = sim.q;
      // A stale lane event re-arms itself later, so the front is re-read after each pop.
      while (q.size > 0 && isStale(q.peekKind(), q.peekObj(), q.peekArg(), q.peekTime())) q.pop();
      return q.size > 0 ? q.peekTime() : null;
    },
    inject(fault) {
      const full: Fault = {
        ...fault,
        atMs: Math.max(sim.now, fault.atMs ?? sim.now),
        source: 'live',
      };
      const active = resolveFault(sim, full);
      applied.push(full);
      if (full.durationMs === 0) openEnded.set(full.id, active);
      if (full.atMs <= sim.now) startFault(sim, active);
      else scheduleFault(sim, active);
    },
    endFault(faultId) {
      const active = openEnded.get(faultId);
      const i = applied.findIndex((f) => f.id === faultId);
      if (!active || i < 0 || applied[i]!.atMs > sim.now) return false;
      openEnded.delete(faultId);
      endFault(sim, active);
      // The record gets the duration it had, so a replay ends it at the same moment.
      applied[i] = { ...applied[i]!, durationMs: Math.max(sim.now - applied[i]!.atMs, 0.001) };
      return true;
    },
    faults() {
      return applied
        .map((f, i) => ({ f, i }))
        .sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i)
        .map((x) => x.f);
    },
    inFlight: () => inFlightView(sim),
    effects: (sinceMs: number) => sim.effectsSince(sinceMs),
    services: () => servicesView(sim),
    channels: () => channelsView(sim),
    edges: () => edgesView(sim),
    sagaInstances: () => sagaInstancesView(sim),
    metrics: () => buildMetrics(sim),
    check: () => checkInvariants(sim),
    recentTrace: (limit = 200) => sim.trace.recent(limit),
    traceHash: () => sim.trace.hash(),
    envelope: (id: string) => envelopeView(sim, id),
  };
  return engine;
}
