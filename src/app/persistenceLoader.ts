import { holdsStartData } from '../storage/keys';
import type * as PersistenceChunk from './persistenceChunk';

/**
 * The device's storage of diagrams (autosave, Recent, the open document, crash reports: about 6 kB
 * gzipped with src/storage) is not in the first script (issue 10). A first visit, with nothing
 * stored, draws the example without it and loads it once the diagram is drawn and the page idle,
 * or at the first edit or command that needs it; when the device holds something start-up reads,
 * or a link is opened, main.tsx loads it before the first draw.
 */
export type Persistence = typeof PersistenceChunk;

let loaded: Persistence | null = null;
let loading: Promise<Persistence> | null = null;
let announce: (p: Persistence) => void = () => {};
const ready = new Promise<Persistence>((resolve) => {
  announce = resolve;
});

/** Loads the storage code; later calls share the first (a failed load is tried again). */
export function loadPersistence(): Promise<Persistence> {
  loading ??= import('./persistenceChunk').then(
    (chunk) => {
      loaded = chunk;
      announce(chunk);
      return chunk;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Loads the storage code with the diagram reader, which reading what is stored needs: its parser is
 * fetched alongside the storage code rather than after it (one round trip, not two).
 */
export function loadPersistenceWithReader(): Promise<Persistence> {
  const parser = import('../model/parse');
  return Promise.all([loadPersistence(), parser]).then(([p]) => p.loadDiagramReader().then(() => p));
}

/** The storage code if it has loaded, else null. */
export function persistenceIfLoaded(): Persistence | null {
  return loaded;
}

/**
 * Runs `run` with the storage code: at once when it is in, else once it has loaded (loading it now).
 * What waits for it runs in the order asked, after what start-up asked for (whenPersistenceLoads).
 */
export function withPersistence(run: (p: Persistence) => void, failed: (error: unknown) => void): void {
  if (loaded) run(loaded);
  else loadPersistence().then(run, failed);
}

/** Runs `run` once the storage code has loaded, whoever loads it. */
export function whenPersistenceLoads(run: (p: Persistence) => void): void {
  void ready.then(run);
}

/** Whether start-up must read the device's storage before the first draw (it holds something). */
export function storageNeededAtStart(): boolean {
  return holdsStartData(() => window.localStorage);
}

/**
 * Autosave stays off while the person's own diagram could not be put aside (so nothing is lost), and
 * while a diagram that crashed the drawing is on screen (so it never takes the last good one's place).
 * Here, not in persistence.ts, so that the first screen can set it before the storage code is in.
 */
export const autosaveGuard = { paused: false, crashed: false };
