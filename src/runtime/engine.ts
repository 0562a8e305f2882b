import type { Diagram, Fault } from '../model/schema';
import { MESSAGE_LOOKS, type Engine, type EngineCheckpoint } from './api';
import { type GraphSnapshot, reachableObjects, restoreGraph, snapshotGraph } from './snapshot';
import { checkInvariants } from './check';
import { onBurst, onClientTick, startClient, type ClientTraffic } from './client';
import { compileDiagram } from './compile';
import { attempt, laneIsStale, onLaneDue } from './calls';
import { onHalfOpen } from './breaker';
import { BreakWatch } from './breakpoints';
import { type Edge } from './entities';
import { type Call, type Message } from './messages';
import { FaultAgenda, resolveFault, type ActiveFault } from './faults';
import { DEFAULT_MAX_EVENTS, WorkGuard } from './guard';
import { buildMetrics } from './metrics';
import { streamSeed, Rng } from './rng';
import { SeriesRecorder } from './series';
import { BEHAVIOURS } from './kinds';
import { onHandleDone } from './services';
import { EventKind, Simulation, WORDS } from './sim';
import type { TimeoutLane } from './timeouts';
import { EVENT_LOG_CAPACITY, EventLog } from './spansLog';
import { TraceLog, type TraceRecord } from './trace';
import {
  channelsView,
  edgesView,
  envelopeView,
  messageFactsView,
  inFlightView,
  describeInFlight,
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
  /**
   * Keep the run's event log (`Engine.eventLog`): the last `capacity` records (default
   * `EVENT_LOG_CAPACITY`), each with its request. Costs the run little (see `bench:eventlog`).
   */
  eventLog?: { capacity?: number };
  /** Called with every trace record as it happens (streaming; slower, for tests and tools). */
  onRecord?: (r: TraceRecord) => void;
  /** The most events the run may process before it stops (default `DEFAULT_MAX_EVENTS`). */
  maxEvents?: number;
  /**
   * Collect time series (`Engine.series()`) in buckets of this many simulated ms (doubled as the run
   * grows past `MAX_SERIES_BUCKETS` buckets); off when absent, and then the run pays nothing for them.
   */
  seriesBucketMs?: number;
}

/** A live fault end that can't be at "now" (see endFault) comes this much later. */
const END_NUDGE_MS = 0.001;

/**
 * The smallest duration d with atMs + d ≥ end: a replay ends the fault at atMs + d, a float that
 * may lie an ulp after `end` (atMs + d can skip over `end` itself), so the live run ends it there too.
 */
export function durationReaching(atMs: number, end: number): number {
  let d = end - atMs;
  while (atMs + d < end) d = nextUp(d);
  while (d > 0 && atMs + nextDown(d) >= end) d = nextDown(d);
  return d;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
function nextUp(x: number): number {
  f64[0] = x;
  i64[0]! += 1n;
  return f64[0]!;
}
function nextDown(x: number): number {
  f64[0] = x;
  i64[0]! -= 1n;
  return f64[0]!;
}

/** The whole mutable state of a run: what a checkpoint copies. */
interface CheckpointState {
  sim: Simulation;
  guard: WorkGuard;
  recorder: SeriesRecorder | null;
  seriesBoundary: number;
  agenda: FaultAgenda;
  applied: Fault[];
  openEnded: Map<string, ActiveFault>;
}

interface Checkpoint extends EngineCheckpoint {
  state: GraphSnapshot<CheckpointState>;
}

let shared: Set<object> | null = null;
/** The behaviour registries (code, not state): checkpoints keep them by reference. */
function sharedState(): Set<object> {
  return (shared ??= reachableObjects(BEHAVIOURS));
}

/** An event log for a run of `diagram`, naming what `trace` records by index. */
function createEventLog(trace: TraceLog, diagram: Diagram, capacity?: number): EventLog {
  const channels = diagram.edges.map((e) =>
    e.kind === 'queue' ? e.channel : e.kind === 'topic' ? e.topic : undefined,
  );
  const run = {
    serviceIds: diagram.services.map((s) => s.id),
    edgeIds: diagram.edges.map((e) => e.id),
    channels,
    clients: diagram.services.map((s) => s.kind === 'client'),
    trace,
  };
  return new EventLog(run, capacity);
}

/** Creates an engine for `diagram`, ready at time 0 with its clients and fault script scheduled. */
export function createEngine(diagram: Diagram, options: EngineOptions = {}): Engine {
  const seed = options.seed ?? diagram.run.seed;
  const untilMs = options.untilMs ?? diagram.run.untilMs;
  let sim = new Simulation(seed, untilMs);
  sim.kinds = BEHAVIOURS;
  let guard = new WorkGuard(options.maxEvents ?? DEFAULT_MAX_EVENTS);
  sim.trace = new TraceLog(
    diagram.services.map((s) => s.id),
    diagram.edges.map((e) => e.id),
    // An event log reads its records from the trace's ring, which must then hold as many.
    Math.max(
      options.traceBuffer ?? 2000,
      options.eventLog ? (options.eventLog.capacity ?? EVENT_LOG_CAPACITY) : 0,
    ),
    options.onRecord ?? null,
    [...MESSAGE_LOOKS, ...WORDS],
  );
  sim.trace.clock = sim;
  if (options.eventLog) sim.eventLog = createEventLog(sim.trace, diagram, options.eventLog.capacity);
  compileDiagram(sim, diagram);
  let recorder =
    options.seriesBucketMs === undefined ? null : new SeriesRecorder(sim, options.seriesBucketMs);
  /** Where the open series bucket ends (Infinity without series: one comparison per event either way). */
  let seriesBoundary = recorder === null ? Infinity : recorder.nextBoundary;
  let agenda = new FaultAgenda();
  let applied: Fault[] = [];
  /** Faults without an end, which the person may end live ("bring back up", "restore"). */
  let openEnded = new Map<string, ActiveFault>();
  for (const f of diagram.faults) {
    const active = resolveFault(sim, f, applied.length);
    agenda.add(f.atMs, active, false);
    applied.push(f);
    if (f.durationMs === 0) openEnded.set(f.id, active);
  }
  diagram.services.forEach((s, i) => {
    if (s.kind !== 'client') return;
    const c: ClientTraffic = {
      service: sim.services[i]!,
      pattern: s.traffic.pattern,
      meanGapMs: s.traffic.rate > 0 ? 1000 / s.traffic.rate : Infinity,
      burstSize: s.traffic.burstSize,
      burstEveryMs: s.traffic.burstEveryMs,
      arrivals: new Rng(streamSeed(seed, s.id)),
    };
    startClient(sim, c);
  });

  /** Whether an event that may go stale (HandleDone … HalfOpen) has nothing left to do. */
  const isStale = (kind: number, obj: unknown, arg: number, t: number): boolean => {
    switch (kind) {
      case EventKind.HandleDone:
        return (obj as Message).jobToken !== arg;
      case EventKind.Timeout:
        return laneIsStale(sim, obj as TimeoutLane, t);
      case EventKind.Retry:
        return (obj as Call).done;
      default:
        return (obj as Edge).breaker!.token !== arg;
    }
  };

  const messages = sim.kinds.messages;
  const dispatch = (kind: number, obj: unknown): void => {
    switch (kind) {
      case EventKind.Arrive: {
        const m = obj as Message;
        messages[m.kind]!.arrive(sim, m);
        break;
      }
      case EventKind.HandleDone:
        onHandleDone(sim, obj as Message);
        break;
      case EventKind.Timeout:
        onLaneDue(sim, obj as TimeoutLane);
        break;
      case EventKind.Retry:
        attempt(sim, obj as Call);
        break;
      case EventKind.HalfOpen:
        onHalfOpen(sim, obj as Edge);
        break;
      case EventKind.ClientTick:
        onClientTick(sim, obj as ClientTraffic);
        break;
      case EventKind.Burst:
        onBurst(sim, obj as ClientTraffic);
        break;
    }
  };

  /**
   * Processes due events up to `limit`, at most `max` of them; returns how many ran. A fault event
   * runs after every ordinary event of its moment.
   */
  const run = (limit: number, max: number): number => {
    const q = sim.eventQueue;
    let done = 0;
    // A breakpoint hit by the last event stops the run right after it (see breakpoints.ts).
    while (done < max && sim.overloaded === null && (sim.watch === null || sim.watch.hit === null)) {
      const tq = q.peekTime();
      if (sim.events >= guard.nextCheck) {
        guard.check(sim, Math.min(tq, agenda.nextTime));
        if (sim.overloaded !== null) break;
      }
      if (agenda.nextTime < tq) {
        if (agenda.nextTime > limit) break;
        if (agenda.nextTime >= seriesBoundary) seriesBoundary = recorder!.closeThrough(agenda.nextTime);
        agenda.runNext(sim);
        sim.events++;
        done++;
        continue;
      }
      if (tq > limit) break;
      if (tq >= seriesBoundary) seriesBoundary = recorder!.closeThrough(tq);
      q.pop();
      const kind = q.topKind;
      const obj = q.topObj;
      if (
        kind >= EventKind.HandleDone &&
        kind <= EventKind.HalfOpen &&
        isStale(kind, obj, q.topArg, q.topTime)
      )
        continue;
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
      for (const kind of sim.kinds.edgeList) kind.runEnded?.(sim);
    }
  };

  /** Runs everything due up to `t` and moves the clock there. */
  const advance = (t: number) => {
    const target = Math.min(t, untilMs);
    run(target, Infinity);
    if (!sim.overloaded && !sim.watch?.hit && target > sim.now) sim.now = target;
    if (sim.now > seriesBoundary) seriesBoundary = recorder!.closeBefore(sim.now);
    finishIfEnded();
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
    advanceTo: advance,
    step() {
      if (run(untilMs, 1) === 0) {
        finishIfEnded();
        return null;
      }
      return sim.now;
    },
    nextEventTime() {
      const q = sim.eventQueue;
      // A stale lane event re-arms itself later, so the front is re-read after each pop.
      while (
        q.size > 0 &&
        q.peekKind() >= EventKind.HandleDone &&
        q.peekKind() <= EventKind.HalfOpen &&
        isStale(q.peekKind(), q.peekObj(), q.peekArg(), q.peekTime())
      )
        q.pop();
      const t = Math.min(q.peekTime(), agenda.nextTime);
      return t === Infinity ? null : t;
    },
    inject(fault) {
      const full: Fault = {
        ...fault,
        atMs: Math.max(sim.now, fault.atMs ?? sim.now),
        source: 'live',
      };
      const active = resolveFault(sim, full, applied.length);
      applied.push(full);
      if (full.durationMs === 0) openEnded.set(full.id, active);
      agenda.add(full.atMs, active, false);
      // Applied now, where a replay of the recorded list applies it: after what is left of this moment.
      if (full.atMs <= sim.now) advance(sim.now);
    },
    endFault(faultId) {
      const active = openEnded.get(faultId);
      if (!active || active.fault.atMs > sim.now) return false;
      openEnded.delete(faultId);
      // It ends now, unless a replay would put "now" before a fault event already applied at this
      // moment (or at its own start): then a microsecond later, and the clock moves there.
      let end = sim.now;
      if (end <= active.fault.atMs || agenda.wouldPrecedeLast(end, active)) end = sim.now + END_NUDGE_MS;
      const durationMs = durationReaching(active.fault.atMs, end);
      end = active.fault.atMs + durationMs;
      // The record gets the duration it had, so a replay ends it at the same moment.
      const record = { ...active.fault, durationMs };
      applied[active.index] = record;
      active.fault = record;
      agenda.add(end, active, true);
      advance(end);
      return true;
    },
    faults() {
      return applied
        .map((f, i) => ({ f, i }))
        .sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i)
        .map((x) => x.f);
    },
    inFlight: () => inFlightView(sim),
    visitInFlight: (visit) => sim.forEachInFlight(visit),
    // Only the engine's own messages reach a caller through visitInFlight.
    describeInFlight: (message, arrivesAt) => describeInFlight(message as Message, arrivesAt),
    effects: (sinceMs: number) => sim.effectsSince(sinceMs),
    services: () => servicesView(sim),
    channels: () => channelsView(sim),
    edges: () => edgesView(sim),
    sagaInstances: () => sagaInstancesView(sim),
    metrics: () => buildMetrics(sim),
    series: () => (recorder === null ? null : recorder.read(sim.now)),
    check: () => checkInvariants(sim),
    recentTrace: (limit = 200) => sim.trace.recent(limit),
    traceHash: () => sim.trace.hash(),
    envelope: (id: string) => envelopeView(sim, id),
    messageFacts: (id: string) => messageFactsView(sim, id),
    get eventLog() {
      return sim.eventLog;
    },
    pauseOn(breakpoints) {
      const watch = breakpoints === null ? null : new BreakWatch(sim, breakpoints);
      sim.watch = watch === null || watch.empty ? null : watch;
    },
    get breakHit() {
      return sim.watch?.hit ?? null;
    },
    checkpoint() {
      const state: CheckpointState = { sim, guard, recorder, seriesBoundary, agenda, applied, openEnded };
      // Breakpoints are the driver's, not the run's: a checkpoint neither keeps nor restores them.
      const watch = sim.watch;
      sim.watch = null;
      const saved = snapshotGraph(state, sharedState(), true);
      sim.watch = watch;
      return { atMs: sim.now, faults: applied.slice(), state: saved };
    },
    restore(checkpoint) {
      // The checkpoint stays as it was, for the next seek.
      ({ sim, guard, recorder, seriesBoundary, agenda, applied, openEnded } = restoreGraph(
        (checkpoint as Checkpoint).state,
      ));
    },
  };
  return engine;
}
