import { beforeAll, describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { generateDiagram } from '../share/fixtures/generate';
import { MemoryStore } from './memory-store';
import { isReopenable, RecentDiagrams } from './recent';
import { DiagramStorage, loadDiagramReader, diagramFingerprint } from './storage';

function setup(max = 3, quota = Infinity) {
  let t = 1_000;
  const store = new MemoryStore(quota);
  const storage = new DiagramStorage(store, { now: () => (t += 10) });
  return { store, storage, recent: new RecentDiagrams(storage, max) };
}

const named = (name: string, services = 1) =>
  Diagram.parse({ name, services: Array.from({ length: services }, (_, i) => ({ id: `s${i + 1}` })) });
const a = named('A');
const b = named('B', 2);
const entryKeys = (store: MemoryStore) =>
  [...store.data.keys()].filter((k) => k.startsWith('microsim:recent:'));
/** Saves `d` as if opened from a link and left unchanged. */
const asLink = (d: Diagram) => ({ origin: 'link' as const, base: diagramFingerprint(d) });

// Reading stored diagrams needs the diagram parser, which the app loads with import().
beforeAll(loadDiagramReader);

describe('recent diagrams', () => {
  it('saves, lists newest first, opens, renames and deletes', () => {
    const { recent } = setup();
    const ea = recent.save(a);
    const eb = recent.save(b);
    expect(ea.ok && eb.ok).toBe(true);
    const idA = ea.ok ? ea.value.id : '';
    const idB = eb.ok ? eb.value.id : '';
    expect(recent.list().map((e) => e.name)).toEqual(['B', 'A']);
    expect(recent.list()[0]).toMatchObject({ services: 2, edges: 0, origin: 'own', base: null });

    expect(recent.open(idA)).toMatchObject({ ok: true, diagram: a });
    expect(recent.list().map((e) => e.name)).toEqual(['A', 'B']); // ordered by last opened

    expect(recent.rename(idB, '  Bee  ')).toMatchObject({ ok: true, value: { name: 'Bee' } });
    expect(recent.open(idB)).toMatchObject({ ok: true, diagram: { name: 'Bee' } });
    expect(recent.rename(idB, '   ')).toMatchObject({ ok: false, reason: 'bad-name' });

    recent.delete(idA);
    expect(recent.list().map((e) => e.name)).toEqual(['Bee']);
    expect(recent.open(idA)).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('keeps one entry per content and updates an entry by id instead of adding one', () => {
    const { recent, store } = setup();
    recent.save(a);
    recent.save(a);
    expect(recent.list()).toHaveLength(1);
    const first = recent.save(b);
    const id = first.ok ? first.value.id : '';
    recent.save({ ...b, name: 'B edited' }, { id });
    recent.save({ ...b, name: 'B edited again' }, { id });
    expect(recent.list().map((e) => e.name)).toEqual(['B edited again', 'A']);
    expect(entryKeys(store)).toHaveLength(2);
  });

  it('never drops the person’s own work to stay under the limit', () => {
    const { recent, store } = setup(3);
    for (let i = 0; i < 6; i++) recent.save(named(`Mine ${i}`));
    expect(recent.list()).toHaveLength(6);
    expect(entryKeys(store)).toHaveLength(6);
  });

  it('drops the oldest unchanged link diagrams past the limit, never an edited one', () => {
    const { recent, store } = setup(3);
    const own = recent.save(named('Mine'));
    const edited = named('Edited link');
    // Opened from a link, then changed: base is the fingerprint it had when opened.
    recent.save(edited, { origin: 'link', base: diagramFingerprint(named('Original')) });
    for (let i = 0; i < 5; i++) recent.save(named(`Link ${i}`), asLink(named(`Link ${i}`)));
    const names = recent.list().map((e) => e.name);
    expect(names).toEqual(['Link 4', 'Edited link', 'Mine']);
    expect(entryKeys(store)).toHaveLength(3);
    expect(isReopenable(recent.list()[0]!)).toBe(true);
    expect(isReopenable(recent.list()[1]!)).toBe(false);
    expect(recent.open(own.ok ? own.value.id : '')).toMatchObject({ ok: true });
  });

  it('makes room in a full store with unchanged link diagrams, and says so when there are none', () => {
    const big = generateDiagram(12);
    const { recent } = setup(20, 40_000);
    const links = [1, 2, 3].map((seed) => generateDiagram(12, seed));
    for (const l of links) expect(recent.save(l, asLink(l)).ok).toBe(true);
    const mine = recent.save({ ...big, name: 'Mine' });
    expect(mine.ok).toBe(true);
    expect(recent.list().some((e) => e.name === 'Mine')).toBe(true);
    expect(recent.list().length).toBeLessThan(4); // a link diagram made room
    // Only own work left: nothing is dropped for another one, the save is refused instead.
    for (const e of recent.list()) if (e.name !== 'Mine') recent.delete(e.id);
    const second = recent.save({ ...generateDiagram(30), name: 'Too much' });
    expect(second).toMatchObject({ ok: false, reason: 'quota' });
    expect(recent.list().map((e) => e.name)).toEqual(['Mine']);
  });

  it('refuses to overwrite an entry saved meanwhile by someone else', () => {
    const { recent } = setup();
    const first = recent.save(a);
    const rev = first.ok ? first.value.rev : '';
    const id = first.ok ? first.value.id : '';
    expect(recent.save({ ...a, name: 'A2' }, { id, expectRev: rev }).ok).toBe(true);
    expect(recent.save({ ...a, name: 'A3' }, { id, expectRev: rev })).toMatchObject({
      ok: false,
      reason: 'conflict',
    });
    expect(recent.list().map((e) => e.name)).toEqual(['A2']);
  });

  it('reads entries written before origins existed as the person’s own', () => {
    const { recent, store } = setup(1);
    store.setItem(
      'microsim:recent',
      JSON.stringify([
        { id: 'old', name: 'Old', openedAt: 5, savedAt: 5, services: 1, edges: 0, fingerprint: 'x' },
      ]),
    );
    expect(recent.list()[0]).toMatchObject({ id: 'old', origin: 'own', base: null });
    recent.save(b, asLink(b));
    expect(recent.list().map((e) => e.name)).toEqual(['B', 'Old']);
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
    const { recent } = setup(3, 3_000);
    expect(recent.save(generateDiagram(20))).toMatchObject({ ok: false, reason: 'quota' });
    expect(recent.list()).toEqual([]);
  });
});
