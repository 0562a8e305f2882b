// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { MemoryStore } from '../storage/memory-store';
import type { KeyValueStore } from '../storage/storage';
import type { AppStore } from '../store';

const checkout = SCENARIOS[0]!.diagram;

/** Makes `window.localStorage` what a browser would give: a store, or a SecurityError when site data is blocked. */
function browserStorage(store: KeyValueStore | 'blocked') {
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      if (store === 'blocked') throw new DOMException('The operation is insecure.', 'SecurityError');
      return store;
    },
  });
}

/** A fresh app (persistence keeps its storage in module state): its store, autosaving. */
async function startApp() {
  vi.resetModules();
  const persistence = await import('./persistence');
  const { createAppStore } = await import('../store');
  const store: AppStore = createAppStore();
  store.getState().replaceDiagram(checkout, { undoable: false });
  persistence.startAutosave(store);
  return { store, persistence };
}

const titles = (store: AppStore) => store.getState().notices.map((n) => n.title);
const rename = (store: AppStore, name: string) => store.getState().edit('Rename', (d) => ({ ...d, name }));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('storage the browser blocks', () => {
  it('is said at once, and again on the next edit after the notice was dismissed', async () => {
    browserStorage('blocked');
    const { store, persistence } = await startApp();
    expect(persistence.storageBlocked()).toBe(true);
    const notice = store.getState().notices.find((n) => n.title === 'Your browser blocks storage');
    expect(notice?.detail).toBe('This diagram will not survive a reload — share or export it to keep it.');
    expect(notice?.action).toEqual({ label: 'Share & export', commandId: 'share' });

    // Saving into memory works, but never takes the notice away.
    rename(store, 'One');
    vi.advanceTimersByTime(1_000);
    expect(titles(store)).toEqual(['Your browser blocks storage']);

    store.getState().dismiss(notice!.id);
    expect(titles(store)).toEqual([]);
    rename(store, 'Two');
    expect(titles(store)).toEqual(['Your browser blocks storage']);
    // One notice at a time, however many edits.
    rename(store, 'Three');
    expect(titles(store)).toEqual(['Your browser blocks storage']);
  });

  it('says nothing when storage works', async () => {
    browserStorage(new MemoryStore());
    const { store, persistence } = await startApp();
    rename(store, 'One');
    vi.advanceTimersByTime(1_000);
    expect(persistence.storageBlocked()).toBe(false);
    expect(titles(store)).toEqual([]);
  });
});

describe('storage that is full', () => {
  it('tells the person, keeps telling on edits, and loses nothing', async () => {
    const device = new MemoryStore();
    browserStorage(device);
    const { store } = await startApp();
    rename(store, 'Saved');
    vi.advanceTimersByTime(1_000);
    const saved = device.getItem('microsim:current');
    expect(saved).toContain('"Saved"');

    device.quotaBytes = 0; // every write now throws a QuotaExceededError
    rename(store, 'Not saved');
    vi.advanceTimersByTime(1_000);
    const warning = store.getState().notices.find((n) => n.title === 'Could not save on this device');
    expect(warning?.detail).toMatch(/storage for Microsim is full/);
    // Nothing lost: the edit is still open, the last save is still stored.
    expect(store.getState().diagram.name).toBe('Not saved');
    expect(device.getItem('microsim:current')).toBe(saved);

    store.getState().dismiss(warning!.id);
    rename(store, 'Still not saved');
    vi.advanceTimersByTime(1_000);
    expect(titles(store)).toEqual(['Could not save on this device']);

    // Room again: the next save works and the warning goes.
    device.quotaBytes = Infinity;
    rename(store, 'Saved again');
    vi.advanceTimersByTime(1_000);
    expect(titles(store)).toEqual([]);
    expect(device.getItem('microsim:current')).toContain('"Saved again"');
  });
});

describe('a saved diagram when the diagram reader could not load', () => {
  it('is left as it is: a notice, the example, and no autosave over it', async () => {
    const device = new MemoryStore();
    browserStorage(device);
    const first = await startApp();
    await (await import('../storage')).loadDiagramReader();
    rename(first.store, 'Mine');
    vi.advanceTimersByTime(1_000);
    const saved = device.getItem('microsim:current');
    expect(saved).toContain('Mine');

    // The next start, with main.tsx's loading of the reader failed: nothing read, nothing moved.
    vi.resetModules();
    const persistence = await import('./persistence');
    expect((await import('./persistenceLoader')).storageNeededAtStart()).toBe(true);
    const restored = persistence.restoreSaved();
    expect(restored.diagram).toBeUndefined();
    expect(restored.notice?.title).toBe('Your saved diagram could not be opened');
    expect(persistence.autosaveGuard.paused).toBe(true);
    const { createAppStore } = await import('../store');
    const store = createAppStore();
    store.getState().replaceDiagram(checkout, { undoable: false });
    persistence.startAutosave(store);
    rename(store, 'Other');
    vi.advanceTimersByTime(1_000);
    expect(device.getItem('microsim:current')).toBe(saved);
    expect(persistence.diagramStorage().listQuarantined()).toEqual([]);
  });

  it('is not looked for on a first visit', async () => {
    browserStorage(new MemoryStore());
    vi.resetModules();
    expect((await import('./persistenceLoader')).storageNeededAtStart()).toBe(false);
  });
});

describe('the storage code on a first visit (loaded after the first draw)', () => {
  it('is needed at start once anything start-up reads is stored, or when storage cannot be read', async () => {
    const device = new MemoryStore();
    browserStorage(device);
    const { store, persistence } = await startApp();
    const loader = await import('./persistenceLoader');
    expect(loader.storageNeededAtStart()).toBe(false);
    rename(store, 'Mine');
    vi.advanceTimersByTime(1_000);
    expect(loader.storageNeededAtStart()).toBe(true);
    // Every key a session writes is one start-up looks for, or kept aside, or a preference.
    persistence.recentDiagrams().save({ ...checkout, name: 'Other' });
    (await import('./crash')).recordCrash({ ...checkout, name: 'Boom' }, new Error('boom'));
    const { START_KEYS } = await import('../storage/keys');
    const keys = [...device.data.keys()].map((k) => k.split(':')[1]);
    expect(keys.filter((k) => !START_KEYS.some((s) => s === k) && k !== 'quarantine')).toEqual([]);
    device.data.clear();
    expect(loader.storageNeededAtStart()).toBe(false);
    browserStorage('blocked');
    expect(loader.storageNeededAtStart()).toBe(true);
  });

  it('autosaves what changed before it started, as one change', async () => {
    const device = new MemoryStore();
    browserStorage(device);
    vi.resetModules();
    const { createAppStore } = await import('../store');
    const store: AppStore = createAppStore();
    store.getState().replaceDiagram(checkout, { undoable: false });
    const atStart = store.getState();
    rename(store, 'Edited before the storage code was in');
    const persistence = await import('./persistence');
    persistence.documentSession().begin(checkout, 'example');
    persistence.startAutosave(store, atStart);
    vi.advanceTimersByTime(1_000);
    expect(device.getItem('microsim:current')).toContain('Edited before the storage code was in');
    expect(
      persistence
        .recentDiagrams()
        .list()
        .map((e) => e.name),
    ).toEqual(['Edited before the storage code was in']);
  });
});
