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
 * (moving nodes or renaming does not), and the run's state flows back into the store for the canvas.
 */
export function connectPlayback(store: AppStore): () => void {
  const p = playback();
  let signature = '';
  const load = (d: Diagram) => {
    const next = simulationSignature(d);
    if (next === signature) return;
    const first = signature === '';
    signature = next;
    const speed = first ? d.run.speed : p.getSnapshot().speed;
    p.load(d, { seed: d.run.seed, speed });
  };
  load(store.getState().diagram);
  const offDiagram = store.subscribe((s) => s.diagram, load);
  let last: PlaybackState | null = null;
  const offPlayback = p.subscribe(() => {
    const s = p.getSnapshot();
    if (s === last) return;
    last = s;
    store.getState().setSimView(toSimView(s, p.loadedDiagram));
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

/**
 * Applies a live fault and records it into the diagram's fault script (source "live", at the
 * simulated time it happened), so the exact run can be replayed and shared.
 */
export function applyLiveFault(store: AppStore, f: FaultRequest) {
  const p = playback();
  const now = Math.round(p.getSnapshot().now);
  const st = store.getState();
  const id = uniqueId('live', allIds(st.diagram));
  if (f.clear) {
    // A fault in force is ended by recording its end: the open live fault gets its duration.
    const open = [...st.diagram.faults]
      .reverse()
      .find((x) => x.target === f.target && x.kind === f.kind && x.durationMs === 0);
    p.inject({ kind: f.kind, target: f.target, id, durationMs: 0, factor: 1, rate: 0 });
    if (open) {
      st.edit('End fault', (d) => ({
        ...d,
        faults: d.faults.map((x) => (x === open ? { ...x, durationMs: Math.max(1, now - x.atMs) } : x)),
      }));
    }
    return;
  }
  const fault: Fault = {
    id,
    kind: f.kind,
    target: f.target,
    atMs: now,
    durationMs: 0,
    factor: f.factor ?? 5,
    rate: f.rate ?? 0.5,
    source: 'live',
  };
  p.inject({ kind: fault.kind, target: fault.target, id, factor: fault.factor, rate: fault.rate });
  st.edit(`Live fault: ${f.kind}`, (d) => ({ ...d, faults: [...d.faults, fault] }));
}
