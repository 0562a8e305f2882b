import type { StateCreator } from 'zustand';
import type { Fault } from '../model/schema';
import type { ChannelState, EdgeState, PlaybackState, RunSeries, ServiceState } from '../playback';
import type { AppState } from './types';

export type { ChannelState, EdgeState, ServiceState };

/**
 * What a service card shows of the run: no counters, so an idle service does not re-render; for
 * pools over 50 slots, busy and waiting in steps of 1/50 of capacity.
 */
export type ServiceView = Pick<
  ServiceState,
  'id' | 'status' | 'busy' | 'capacity' | 'waiting' | 'inbox' | 'slowFactor' | 'injectedErrorRate'
> & {
  /** Most of its recent handlings failed (whatever the cause: its own errors, a failing callee…). */
  failing: boolean;
};

/** What an edge shows of the run. */
export interface EdgeView {
  id: string;
  circuit: EdgeState['circuit'];
  cut: boolean;
}

/**
 * What the canvas shows of the run, refreshed a few times a second (never per frame). Keyed by ids a
 * person typed, so Maps: a plain object would answer `constructor` or `__proto__` with a built-in.
 */
export interface SimView {
  status: 'idle' | 'playing' | 'paused' | 'ended';
  now: number;
  services: ReadonlyMap<string, ServiceView>;
  edges: ReadonlyMap<string, EdgeView>;
  /** Channels by the edge they are drawn on. */
  channelsByEdge: ReadonlyMap<string, ChannelState>;
}

/** A live fault as the interface asks for it: start one, or end those of some kinds on a target. */
export type FaultRequest =
  | { clear?: false; kind: Fault['kind']; target: string; factor?: number; rate?: number }
  | { clear: true; kinds: readonly Fault['kind'][]; target: string };

export interface SimulationSlice {
  sim: SimView;
  /**
   * The run's time series so far (issue 11; shape and units in `RunSeries`, src/runtime/seriesShape.ts):
   * replaced a few times a second while a run plays (each a new object, so a selector re-renders),
   * null before a run has sent any and again when the run resets (reset, seek, diagram edit). After a
   * seek it is what a fresh run to that moment produces. Read it with `useStore((s) => s.series)`.
   */
  series: RunSeries | null;
  /** The run sends its series here (src/app/run.ts); null clears them. */
  setSeries: (series: RunSeries | null) => void;
  selectedMessage: string | null;
  setSimView: (v: SimView) => void;
  selectMessage: (id: string | null) => void;
  /** Applies or ends a live fault now (context menu, inspector); nothing until a run is connected. */
  liveFault: (f: FaultRequest) => void;
  /** The run connects here (src/app/run.ts), so panels can ask for faults without knowing it. */
  setLiveFaultHandler: (handler: ((f: FaultRequest) => void) | null) => void;
  liveFaultHandler: ((f: FaultRequest) => void) | null;
}

export const idleSimView: SimView = {
  status: 'idle',
  now: 0,
  services: new Map(),
  edges: new Map(),
  channelsByEdge: new Map(),
};

export const createSimulationSlice: StateCreator<AppState, [], [], SimulationSlice> = (set, get) => ({
  sim: idleSimView,
  series: null,
  setSeries: (series) => set({ series }),
  selectedMessage: null,
  setSimView: (sim) => set({ sim }),
  selectMessage: (selectedMessage) => set({ selectedMessage }),
  liveFault: (f) => get().liveFaultHandler?.(f),
  liveFaultHandler: null,
  setLiveFaultHandler: (liveFaultHandler) => set({ liveFaultHandler }),
});

/** Above this many slots, busy and waiting are shown to 1/50 of capacity (bar-sized steps), so a
 * big pool whose counts flicker every refresh does not re-render its card every time. */
const EXACT_UP_TO = 50;

/** `n` of `capacity` in steps of capacity/50 (never rounded to 0 when it is not 0). */
function coarse(n: number, capacity: number): number {
  if (capacity <= EXACT_UP_TO || n === 0) return n;
  const step = capacity / EXACT_UP_TO;
  return Math.max(1, Math.round(Math.round(n / step) * step));
}

/** A service counts as failing when at least this share of its recent handlings failed. */
const FAILING_SHARE = 0.3;
/** Weight of the newest refresh in the smoothed failure share. */
const FAILING_SMOOTHING = 0.35;

/**
 * Turns the playback's panel state into the canvas's SimView with structural sharing: an entry
 * whose shown fields did not change is the same object as before, and a map with no changed entry
 * is the same map, so only the cards and edges that changed re-render.
 */
export class SimViewBuilder {
  private counts = new Map<string, { handled: number; failed: number; share: number }>();

  /** The view of `s`, reusing what it can of `prev`; `edgeIds` are the loaded diagram's edges. */
  build(s: PlaybackState, prev: SimView, edgeIds: ReadonlySet<string>): SimView {
    const services = share(prev.services, s.services, (x) => this.serviceView(x), sameService);
    const edges = share(prev.edges, s.edges, edgeView, (a, b) => a.circuit === b.circuit && a.cut === b.cut);
    const anchored = s.channels.filter((c) => edgeIds.has(c.anchorEdgeId));
    const channelsByEdge = share(
      prev.channelsByEdge,
      anchored,
      (c) => c,
      sameChannel,
      (c) => c.anchorEdgeId,
    );
    if (
      s.status === prev.status &&
      s.now === prev.now &&
      services === prev.services &&
      edges === prev.edges &&
      channelsByEdge === prev.channelsByEdge
    )
      return prev;
    return { status: s.status, now: s.now, services, edges, channelsByEdge };
  }

  /** Forgets failure history (a new run). */
  reset(): void {
    this.counts.clear();
  }

  private serviceView(x: ServiceState): ServiceView {
    const c = this.counts.get(x.id) ?? { handled: 0, failed: 0, share: 0 };
    const handled = x.handled - c.handled;
    const failed = x.failed - c.failed;
    // Counters only grow within a run; they drop when a seek goes back (the run replays from 0).
    if (handled < 0 || failed < 0) c.share = 0;
    else if (handled + failed > 0) c.share += (failed / (handled + failed) - c.share) * FAILING_SMOOTHING;
    c.handled = x.handled;
    c.failed = x.failed;
    this.counts.set(x.id, c);
    return {
      id: x.id,
      status: x.status,
      busy: coarse(x.busy, x.capacity),
      capacity: x.capacity,
      waiting: coarse(x.waiting, x.capacity),
      inbox: x.inbox,
      slowFactor: x.slowFactor,
      injectedErrorRate: x.injectedErrorRate,
      failing: x.status === 'up' && c.share >= FAILING_SHARE,
    };
  }
}

const edgeView = (x: EdgeState): EdgeView => ({ id: x.id, circuit: x.circuit, cut: x.cut });

function sameService(a: ServiceView, b: ServiceView): boolean {
  return (
    a.status === b.status &&
    a.busy === b.busy &&
    a.capacity === b.capacity &&
    a.waiting === b.waiting &&
    a.inbox === b.inbox &&
    a.slowFactor === b.slowFactor &&
    a.injectedErrorRate === b.injectedErrorRate &&
    a.failing === b.failing
  );
}

function sameChannel(a: ChannelState, b: ChannelState): boolean {
  if (a.depth !== b.depth || a.deadLettered !== b.deadLettered || a.name !== b.name) return false;
  if (a.inFlightToConsumers !== b.inFlightToConsumers) return false;
  const h = a.depthHistory;
  const k = b.depthHistory;
  if (h.length !== k.length) return false;
  for (let i = 0; i < h.length; i++) if (h[i] !== k[i]) return false;
  return true;
}

/** A map of `list` by key that reuses `prev`'s entries (and `prev` itself) where nothing changed. */
function share<I, V extends object>(
  prev: ReadonlyMap<string, V>,
  list: readonly I[],
  view: (x: I) => V,
  same: (a: V, b: V) => boolean,
  key: (x: I) => string = (x) => (x as { id: string }).id,
): ReadonlyMap<string, V> {
  const next = new Map<string, V>();
  let changed = false;
  for (const x of list) {
    const k = key(x);
    const v = view(x);
    const old = prev.get(k);
    if (old && same(old, v)) next.set(k, old);
    else {
      next.set(k, v);
      changed = true;
    }
  }
  return changed || next.size !== prev.size ? next : prev;
}
