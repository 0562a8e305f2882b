import { useSyncExternalStore } from 'react';
import type { Diagram, Fault } from '../model/schema';
import { allIds, uniqueId } from '../model/defaults';
import { Playback, simulationSignature, type PlaybackState } from '../playback';
import { createEngineHost } from '../playback/workerHost';
import type { AppStore, SimView } from '../store';
import type { FaultRequest } from './ContextMenu';

let instance: Playback | null = null;

/** The app's one playback (engine in a Web Worker), created on first use. */
export function playback(): Playback {
  instance ??= new Playback({ host: createEngineHost() });
  return instance;
}

/** The playback's panel state, for components. */
export function usePlaybackState(): PlaybackState {
  const p = playback();
  return useSyncExternalStore(p.subscribe, p.getSnapshot);
}

function toSimView(s: PlaybackState, d: Diagram | null): SimView {
  const services: SimView['services'] = {};
  for (const x of s.services) services[x.id] = x;
  const edges: SimView['edges'] = {};
  for (const x of s.edges) edges[x.id] = x;
  const channelsByEdge: SimView['channelsByEdge'] = {};
  for (const c of s.channels)
    if (d?.edges.some((e) => e.id === c.anchorEdgeId)) channelsByEdge[c.anchorEdgeId] = c;
  return { status: s.status, now: s.now, services, edges, channelsByEdge };
}

/**
 * Keeps the run and the diagram in step: an edit that changes what the run depends on reloads it
 * (moving nodes or renaming does not), the run's state flows back into the store for the canvas, and
 * live faults the run recorded are written into the diagram's fault script so the run replays.
 */
export function connectPlayback(store: AppStore): () => void {
  const p = playback();
  let signature = '';
  let adoptedFaults: Diagram['faults'] | null = null;
  const load = (d: Diagram) => {
    const next = simulationSignature(d);
    if (next === signature) {
      if (d.faults !== adoptedFaults) {
        adoptedFaults = d.faults;
        p.adopt(d);
      }
      return;
    }
    const first = signature === '';
    signature = next;
    adoptedFaults = d.faults;
    recorded.clear();
    const speed = first ? d.run.speed : p.getSnapshot().speed;
    p.load(d, { seed: d.run.seed, speed });
  };
  /** Live fault ids already written into the diagram: one the person then removes stays removed. */
  const recorded = new Map<string, number>();
  const recordLiveFaults = (faults: readonly Fault[]) => {
    const fresh = faults.filter((f) => f.source === 'live' && recorded.get(f.id) !== f.durationMs);
    if (!fresh.length) return;
    store.getState().amendFromRun((d) => {
      let list = d.faults;
      for (const f of fresh) {
        const known = recorded.has(f.id);
        recorded.set(f.id, f.durationMs);
        const i = list.findIndex((x) => x.id === f.id);
        if (i >= 0) {
          if (list[i]!.durationMs !== f.durationMs) list = list.map((x, j) => (j === i ? f : x));
        } else if (!known) list = [...list, f];
      }
      return list === d.faults ? d : { ...d, faults: list };
    });
  };
  load(store.getState().diagram);
  const offDiagram = store.subscribe((s) => s.diagram, load);
  let last: PlaybackState | null = null;
  const offPlayback = p.subscribe(() => {
    const s = p.getSnapshot();
    if (s === last) return;
    last = s;
    store.getState().setSimView(toSimView(s, p.loadedDiagram));
    recordLiveFaults(s.faults);
  });
  return () => {
    offDiagram();
    offPlayback();
  };
}

/** Reloads the run from the diagram (a new link or example gets its own speed). */
export function reloadRun(d: Diagram) {
  playback().load(d, { seed: d.run.seed, speed: d.run.speed });
}

/** Applies a live fault now, or ends the live fault of that kind in force on the target. */
export function applyLiveFault(store: AppStore, f: FaultRequest) {
  const p = playback();
  if (f.clear) {
    const open = [...store.getState().diagram.faults]
      .reverse()
      .find((x) => x.source === 'live' && x.target === f.target && x.kind === f.kind && x.durationMs === 0);
    if (open) p.endFault(open.id);
    else
      store.getState().notify({
        tone: 'info',
        title: 'That fault comes from the fault script',
        detail: 'Edit or remove it in the fault script (click the canvas background).',
      });
    return;
  }
  const id = uniqueId('live', allIds(store.getState().diagram));
  p.inject({ kind: f.kind, target: f.target, id, factor: f.factor, rate: f.rate });
}
