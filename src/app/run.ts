import { useSyncExternalStore } from 'react';
import type { Diagram, Fault } from '../model/schema';
import { allIds, uniqueId } from '../model/defaults';
import { Playback, simulationSignature, type PlaybackState } from '../playback';
import { createEngineHost } from '../playback/workerHost';
import type { AppStore } from '../store';
import { runMarksHeldFor } from '../store/markHold';
import { SimViewBuilder, type FaultRequest } from '../store/simulationSlice';

let instance: Playback | null = null;
/** Why the engine runs on the main thread instead of a worker, if it does. */
let engineFallback: string | null = null;
/** Tells the connected app why (the engine starts after the first draw, so this may come late). */
let tellEngineFallback: ((why: string) => void) | null = null;

/** The app's one playback (engine in a Web Worker), created on first use. */
export function playback(): Playback {
  instance ??= new Playback({
    host: createEngineHost((why) => {
      engineFallback = why;
      tellEngineFallback?.(why);
    }),
    // The state would wait for the hold to lapse anyway: the engine need not build nor send it.
    detailHeld: () => runMarksHeldFor(performance.now()) > 0,
  });
  return instance;
}

/** The playback's panel state, for components. */
export function usePlaybackState(): PlaybackState {
  const p = playback();
  return useSyncExternalStore(p.subscribe, p.getSnapshot);
}

/**
 * Keeps the run and the diagram in step: an edit that changes what the run depends on reloads it
 * (moving nodes or renaming does not), a diagram that replaces the current one (example, link,
 * file) plays at its own default speed, the run's state flows back into the store for the canvas,
 * and live faults the run recorded are written into the diagram's fault script so the run replays.
 * `p` is the app's playback unless a test brings its own.
 */
export function connectPlayback(store: AppStore, p: Playback = playback()): () => void {
  let signature = '';
  let adoptedFaults: Diagram['faults'] | null = null;
  let adoptedBreakpoints: Diagram['breakpoints'] | null = null;
  /** Where to pick the run up again after the reload that follows ending a scripted fault. */
  let resumeAt: { t: number; play: boolean } | null = null;
  const load = (d: Diagram, replaced: boolean, speedEdited: boolean) => {
    const next = simulationSignature(d);
    if (next === signature && !replaced) {
      if (speedEdited) p.setSpeed(d.run.speed);
      // Breakpoints change where the run pauses, not the run: the engine takes them on as it plays.
      if (d.faults !== adoptedFaults || d.breakpoints !== adoptedBreakpoints) {
        adoptedFaults = d.faults;
        adoptedBreakpoints = d.breakpoints;
        p.adopt(d);
      }
      return;
    }
    signature = next;
    adoptedFaults = d.faults;
    adoptedBreakpoints = d.breakpoints;
    recorded.clear();
    const speed = replaced || speedEdited ? d.run.speed : p.getSnapshot().speed;
    p.load(d, { seed: d.run.seed, speed });
    const resume = resumeAt;
    resumeAt = null;
    if (resume) {
      p.seek(resume.t);
      if (resume.play) p.play();
    }
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
  const views = new SimViewBuilder();
  load(store.getState().diagram, true, false);
  const offStore = store.subscribe((s, prev) => {
    if (s.diagram === prev.diagram && s.loads === prev.loads) return;
    load(s.diagram, s.loads !== prev.loads, s.diagram.run.speed !== prev.diagram.run.speed);
  });
  let last: PlaybackState | null = null;
  let lastRun = -1;
  let edgesOf: Diagram | null = null;
  let edgeIds: ReadonlySet<string> = new Set();
  // While the view of a large diagram moves, the state waits (see markHold.ts) and is taken once
  // the hold lapses, even if the run sends nothing more by then (it may be paused).
  let release: ReturnType<typeof setTimeout> | null = null;
  const onPlayback = () => {
    const wait = runMarksHeldFor(performance.now());
    if (wait > 0) {
      release ??= setTimeout(() => {
        release = null;
        onPlayback();
      }, wait);
      return;
    }
    takeState();
  };
  const takeState = () => {
    const s = p.getSnapshot();
    if (s === last) return;
    last = s;
    const st = store.getState();
    // A new run (load, reset, new seed): message ids restart, so a message picked in an earlier
    // run is gone, and the services' failure history starts afresh.
    if (s.runId !== lastRun) {
      lastRun = s.runId;
      views.reset();
      if (st.selectedMessage !== null) st.selectMessage(null);
    }
    // Until the engine answers a load, the state it sends is the old run's: its channels may sit on
    // edges the new diagram no longer has.
    if (p.loadedDiagram !== edgesOf) {
      edgesOf = p.loadedDiagram;
      edgeIds = new Set(edgesOf?.edges.map((e) => e.id));
    }
    const view = views.build(s, st.sim, edgeIds);
    if (view !== st.sim) st.setSimView(view);
    // A new object only when the engine sent new series (a full-detail refresh) or the run restarted.
    if (s.series !== st.series) st.setSeries(s.series);
    recordLiveFaults(s.faults);
  };
  const offPlayback = p.subscribe(onPlayback);
  store.getState().setLiveFaultHandler((f) => handleLiveFault(store, p, f, (r) => (resumeAt = r)));
  const tell = (why: string) =>
    store.getState().notify({
      tone: 'info',
      title: 'The simulation runs on the page itself',
      detail: `This browser would not start a Web Worker (${why}), so a busy run may make the page less smooth.`,
    });
  if (engineFallback) tell(engineFallback);
  else tellEngineFallback = tell;
  return () => {
    tellEngineFallback = null;
    offStore();
    offPlayback();
    if (release) clearTimeout(release);
    store.getState().setLiveFaultHandler(null);
  };
}

/** Reloads the run from the diagram (a new link or example gets its own speed). */
export function reloadRun(d: Diagram) {
  playback().load(d, { seed: d.run.seed, speed: d.run.speed });
}

/**
 * A live fault without an end is ended in the running engine; one from the fault script is ended
 * by writing the end into the script, which reloads the run: `beforeReload` hears where to pick the
 * run up again.
 */
function handleLiveFault(
  store: AppStore,
  p: Playback,
  f: FaultRequest,
  beforeReload: (resume: { t: number; play: boolean }) => void,
): void {
  const s = p.getSnapshot();
  if (!f.clear) {
    const id = uniqueId('live', allIds(store.getState().diagram));
    p.inject({ kind: f.kind, target: f.target, id, factor: f.factor, rate: f.rate });
    return;
  }
  const now = s.now;
  const scripted = new Set<string>();
  for (const x of s.faults) {
    const inForce = x.atMs <= now && (x.durationMs === 0 || x.atMs + x.durationMs > now);
    if (x.target !== f.target || !f.kinds.includes(x.kind) || !inForce) continue;
    if (x.source === 'script') scripted.add(x.id);
    else if (x.durationMs === 0) p.endFault(x.id);
  }
  if (!scripted.size) return;
  beforeReload({ t: now, play: s.status === 'playing' });
  const end = (x: Fault) => ({ ...x, durationMs: Math.max(1, Math.round(now - x.atMs)) });
  store.getState().edit('End a scripted fault now', (d) => ({
    ...d,
    faults: d.faults.map((x) => (scripted.has(x.id) ? end(x) : x)),
  }));
}
