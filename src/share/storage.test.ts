import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { generateDiagram } from './fixtures/generate';
import { encodeLink } from './link';
import { MemoryStore } from './memory-store';
import { openSharedLink } from './open-link';
import { RecentDiagrams } from './recent';
import { DiagramStorage, storedDiagramText, type KeyValueStore } from './storage';

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

describe('autosave of the current diagram', () => {
  it('saves and loads the diagram with its viewport', () => {
    const { storage } = setup();
    expect(storage.loadCurrent()).toEqual({ status: 'empty' });
    expect(storage.saveCurrent(checkout, { x: 10, y: -20, zoom: 1.5 })).toEqual({ ok: true });
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
      storedDiagramText({ ...checkout, version: 9 as 1 }, 5),
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

describe('recent diagrams', () => {
  const a = Diagram.parse({ name: 'A', services: [{ id: 's1' }] });
  const b = Diagram.parse({ name: 'B', services: [{ id: 's1' }, { id: 's2' }] });
  const c = Diagram.parse({ name: 'C' });
  const d = Diagram.parse({ name: 'D' });

  it('saves, lists newest first, opens, renames and deletes', () => {
    const { recent } = setup();
    const ea = recent.save(a);
    const eb = recent.save(b);
    expect(ea.ok && eb.ok).toBe(true);
    expect(recent.list().map((e) => e.name)).toEqual(['B', 'A']);
    expect(recent.list()[0]).toMatchObject({ services: 2, edges: 0 });

    const opened = recent.open(ea.ok ? ea.value.id : '');
    expect(opened).toMatchObject({ ok: true, diagram: a });
    expect(recent.list().map((e) => e.name)).toEqual(['A', 'B']); // ordered by last opened

    const renamed = recent.rename(eb.ok ? eb.value.id : '', '  Bee  ');
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Bee' } });
    expect(recent.open(eb.ok ? eb.value.id : '')).toMatchObject({ ok: true, diagram: { name: 'Bee' } });
    expect(recent.rename(eb.ok ? eb.value.id : '', '   ')).toMatchObject({ ok: false, reason: 'bad-name' });

    recent.delete(ea.ok ? ea.value.id : '');
    expect(recent.list().map((e) => e.name)).toEqual(['Bee']);
    expect(recent.open(ea.ok ? ea.value.id : '')).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('keeps one entry per content, and at most maxRecent entries', () => {
    const { recent, store } = setup();
    recent.save(a);
    recent.save(a);
    expect(recent.list()).toHaveLength(1);
    recent.save(b);
    recent.save(c);
    recent.save(d);
    expect(recent.list().map((e) => e.name)).toEqual(['D', 'C', 'B']);
    expect([...store.data.keys()].filter((k) => k.startsWith('microsim:recent:'))).toHaveLength(3);
  });

  it('moves a damaged entry aside instead of deleting it', () => {
    const { recent, store, storage } = setup();
    const e = recent.save(a);
    const id = e.ok ? e.value.id : '';
    store.setItem(`microsim:recent:${id}`, '{broken');
    expect(recent.open(id)).toMatchObject({
      ok: false,
      reason: 'corrupt',
      message: expect.stringMatching(/"A" could not be read.*kept aside/),
    });
    expect(recent.list()).toEqual([]);
    expect(storage.listQuarantined()[0]).toMatchObject({ from: `microsim:recent:${id}`, raw: '{broken' });
  });

  it('rebuilds a damaged index from the entries', () => {
    const { recent, store, storage } = setup();
    recent.save(a);
    recent.save(b);
    store.setItem('microsim:recent', 'not json');
    expect(recent.list().map((e) => e.name)).toEqual(['B', 'A']);
    expect(storage.listQuarantined()[0]).toMatchObject({ from: 'microsim:recent', raw: 'not json' });
  });

  it('reports a full store', () => {
    const { recent } = setup(3_000);
    expect(recent.save(generateDiagram(20))).toMatchObject({ ok: false, reason: 'quota' });
    expect(recent.list()).toEqual([]);
  });
});

describe('openSharedLink', () => {
  const linked = generateDiagram(20);
  const mine = Diagram.parse({ name: 'Mine', services: [{ id: 'x' }] });

  it('keeps the person’s own diagram in the recent list and opens the linked one', () => {
    const { recent } = setup();
    const r = openSharedLink(`https://example.org/#${encodeLink(linked, { autoplay: true })}`, mine, recent);
    expect(r).toMatchObject({
      ok: true,
      diagram: linked,
      autoplay: true,
      previous: { kept: true, entry: { name: 'Mine' } },
    });
    expect(recent.list().map((e) => e.name)).toEqual(['Mine']);
  });

  it('does not keep an empty diagram', () => {
    const { recent } = setup();
    expect(openSharedLink(encodeLink(linked), Diagram.parse({}), recent)).toMatchObject({
      ok: true,
      previous: { kept: true, entry: null },
    });
    expect(recent.list()).toEqual([]);
  });

  it('says when the own diagram could not be kept', () => {
    const { recent } = setup(100);
    expect(openSharedLink(encodeLink(linked), mine, recent)).toMatchObject({
      ok: true,
      previous: { kept: false },
    });
  });

  it('a broken link leaves storage exactly as it was', () => {
    const { store, storage, recent } = setup();
    storage.saveCurrent(mine);
    recent.save(checkout);
    const before = store.snapshot();
    const link = encodeLink(linked);
    const r = openSharedLink(link.slice(0, link.length / 2), mine, recent);
    expect(r).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(store.snapshot()).toEqual(before);
  });
});
