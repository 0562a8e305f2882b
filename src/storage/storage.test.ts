import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { holdsStartData } from './keys';
import { MemoryStore } from './memory-store';
import { RecentDiagrams } from './recent';
import { DiagramStorage, loadDiagramReader, storedDiagramText, type KeyValueStore } from './storage';

const checkout = SCENARIOS[0]!.diagram;

function setup(quota = Infinity) {
  let t = 1_000;
  const store = new MemoryStore(quota);
  const storage = new DiagramStorage(store, { now: () => (t += 10) });
  return { store, storage, recent: new RecentDiagrams(storage, 3) };
}

/** A store whose every call throws, like localStorage in a locked-down browser. */
const lockedStore: KeyValueStore = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

// Reading stored diagrams needs the diagram parser, which the app loads with import().
beforeAll(loadDiagramReader);

describe('autosave of the current diagram', () => {
  it('saves and loads the diagram with its viewport', () => {
    const { storage } = setup();
    expect(storage.loadCurrent()).toEqual({ status: 'empty' });
    expect(storage.saveCurrent({ ...checkout, viewport: { x: 10, y: -20, zoom: 1.5 } })).toEqual({
      ok: true,
    });
    const loaded = storage.loadCurrent();
    expect(loaded).toMatchObject({
      status: 'ok',
      diagram: { ...checkout, viewport: { x: 10, y: -20, zoom: 1.5 } },
    });
  });

  it('reads a bare diagram written by hand', () => {
    const { store, storage } = setup();
    store.setItem('microsim:current', '{"services":[{"id":"a"}]}');
    expect(storage.loadCurrent()).toMatchObject({
      status: 'ok',
      diagram: { services: [{ id: 'a', replicas: 1 }] },
    });
  });

  it.each([
    ['corrupt JSON', '{"format":1,"diagram":{"serv', 'corrupt', /could not be read: its data is damaged/],
    [
      'a newer diagram version',
      storedDiagramText({ ...checkout, version: 9 as never }, 5),
      'future-version',
      /newer Microsim \(format version 9\)/,
    ],
    [
      'a newer storage format',
      '{"format":2,"savedAt":1,"diagram":{}}',
      'future-version',
      /newer Microsim \(storage format 2\)/,
    ],
    [
      'a save whose diagram key is missing',
      '{"format":1,"savedAt":5,"doc":{"id":"x","origin":"own"}}',
      'corrupt',
      /could not be read: it has no diagram in it/,
    ],
    ['a save with only a date', '{"savedAt":5}', 'corrupt', /could not be read: it has no diagram in it/],
    [
      'an object with nothing of a diagram',
      '{"foo":1}',
      'corrupt',
      /could not be read: it has no diagram in it/,
    ],
    ['JSON null', 'null', 'corrupt', /could not be read: it has no diagram in it/],
    [
      'a storage format nested 5,000 lists deep',
      `{"format":${'['.repeat(5_000)}1${']'.repeat(5_000)},"diagram":{}}`,
      'corrupt',
      /could not be read: it nests lists and objects 5,001 levels deep; at most 64 levels are allowed\./,
    ],
    [
      'a diagram nested 5,000 lists deep',
      `{"version":${'['.repeat(5_000)}1${']'.repeat(5_000)}}`,
      'corrupt',
      /could not be read: it nests lists and objects 5,001 levels deep/,
    ],
    [
      'an invalid diagram',
      '{"services":[{"id":"a","replicas":-1}]}',
      'invalid',
      /not a valid diagram \(one problem\)/,
    ],
  ])('%s: a message, a fresh start, and the data kept aside', (_, raw, reason, message) => {
    const { store, storage } = setup();
    store.setItem('microsim:current', raw);
    const r = storage.loadCurrent();
    expect(r).toMatchObject({ status: 'recovered', reason, message: expect.stringMatching(message) });
    expect(r.status === 'recovered' && r.message).toMatch(/kept aside, not deleted/);
    expect(store.getItem('microsim:current')).toBeNull();
    const key = r.status === 'recovered' ? r.quarantineKey! : '';
    expect(store.getItem(key)).toBe(raw);
    expect(storage.listQuarantined()).toEqual([
      { key, from: 'microsim:current', at: expect.any(Number), raw },
    ]);
    // The next start is clean, and the quarantined data is still there.
    expect(storage.loadCurrent()).toEqual({ status: 'empty' });
    expect(storage.saveCurrent(checkout)).toEqual({ ok: true });
    expect(store.getItem(key)).toBe(raw);
  });

  it('never overwrites unreadable data it could not move aside', () => {
    const raw = 'x'.repeat(300);
    const { store, storage } = setup((300 + 20) * 2 + 10); // room for the bad data and little else
    store.setItem('microsim:current', raw);
    const r = storage.loadCurrent();
    expect(r).toMatchObject({
      status: 'recovered',
      quarantineKey: undefined,
      message: expect.stringMatching(/left untouched/),
    });
    expect(storage.saveCurrent(Diagram.parse({}))).toMatchObject({ ok: false, reason: 'quota' });
    expect(store.getItem('microsim:current')).toBe(raw);
  });

  it('reports a full store instead of throwing', () => {
    const { storage } = setup(200);
    const r = storage.saveCurrent(checkout);
    expect(r).toMatchObject({
      ok: false,
      reason: 'quota',
      message: expect.stringMatching(/storage for Microsim is full/),
    });
  });

  it('reports a store the browser refuses', () => {
    const storage = new DiagramStorage(lockedStore);
    expect(storage.loadCurrent()).toMatchObject({ status: 'unavailable' });
    expect(storage.saveCurrent(checkout)).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(storage.listQuarantined()).toEqual([]);
    expect(new RecentDiagrams(storage).list()).toEqual([]);
  });

  it('discards quarantined data only when asked', () => {
    const { store, storage } = setup();
    store.setItem('microsim:current', 'garbage');
    storage.loadCurrent();
    const [item] = storage.listQuarantined();
    storage.discardQuarantined('microsim:current'); // not a quarantine key: ignored
    expect(storage.listQuarantined()).toHaveLength(1);
    storage.discardQuarantined(item!.key);
    expect(storage.listQuarantined()).toEqual([]);
  });
});

describe('before the diagram parser has loaded (a first visit starts without it)', () => {
  /** The storage modules as a page has them before loadDiagramReader. */
  async function fresh() {
    vi.resetModules();
    const storage = await import('./storage');
    const { RecentDiagrams: Recent } = await import('./recent');
    const store = new MemoryStore();
    const diagrams = new storage.DiagramStorage(store);
    return { storage, store, diagrams, recent: new Recent(diagrams) };
  }

  it('reads a stored diagram as not read yet, and moves nothing aside', async () => {
    const { storage, store, diagrams, recent } = await fresh();
    expect(storage.diagramReaderLoaded()).toBe(false);
    const saved = recent.save(checkout);
    diagrams.saveCurrent(checkout);
    const current = store.getItem('microsim:current');
    expect(holdsStartData(() => store)).toBe(true);
    expect(diagrams.loadCurrent()).toMatchObject({ status: 'not-loaded' });
    expect(recent.open(saved.ok ? saved.value.id : '')).toMatchObject({ ok: false, reason: 'not-loaded' });
    store.setItem('microsim:recent', 'damaged');
    expect(recent.list()).toEqual([]);
    expect(store.getItem('microsim:recent')).toBe('damaged');
    expect(store.getItem('microsim:current')).toBe(current);
    expect(diagrams.listQuarantined()).toEqual([]);
    await storage.loadDiagramReader();
    expect(diagrams.loadCurrent()).toMatchObject({ status: 'ok', diagram: checkout });
    expect(recent.list().map((e) => e.name)).toEqual(['Checkout']);
  });
});
