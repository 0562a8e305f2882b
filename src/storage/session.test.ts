import { beforeAll, describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { generateDiagram } from '../share/fixtures/generate';
import { encodeLink } from '../share/link';
import { MemoryStore } from './memory-store';
import { openSharedLink } from './open-shared-link';
import { RecentDiagrams } from './recent';
import { DocumentSession } from './session';
import { DiagramStorage, loadDiagramReader, storedDiagramText } from './storage';

const example = SCENARIOS[0]!.diagram;
const mine = Diagram.parse({ name: 'Mine', services: [{ id: 'x' }] });
const moved = (d: Diagram, dx: number): Diagram => ({
  ...d,
  services: d.services.map((s, i) => (i === 0 ? { ...s, position: { x: s.position.x + dx, y: 0 } } : s)),
});

/** One device: several tabs (sessions) share one store, as tabs share localStorage. */
function device(quota = Infinity, max = 20) {
  let t = 1_700_000_000_000;
  const store = new MemoryStore(quota);
  const storage = new DiagramStorage(store, { now: () => (t += 1000) });
  const recent = new RecentDiagrams(storage, max);
  const tab = () => new DocumentSession(storage, recent);
  return { store, storage, recent, tab };
}

// Reading stored diagrams needs the diagram parser, which the app loads with import().
beforeAll(loadDiagramReader);

describe('a tab’s open document', () => {
  it('does not file an untouched example, and files it once it is edited', () => {
    const { recent, tab } = device();
    const s = tab();
    s.begin(example, 'example');
    expect(s.save(example).ok).toBe(true);
    expect(recent.list()).toEqual([]);
    expect(s.save(moved(example, 40)).ok).toBe(true);
    expect(recent.list()).toMatchObject([{ name: example.name, origin: 'example' }]);
  });

  it('updates one entry while the person works, instead of adding one per save', () => {
    const { recent, tab } = device();
    const s = tab();
    s.begin(mine, 'own');
    for (let i = 1; i <= 5; i++) s.save(moved(mine, i * 20));
    expect(recent.list()).toHaveLength(1);
  });

  it('opening 30 links one after another keeps the person’s own diagram', () => {
    const { recent, tab } = device();
    const s = tab();
    s.begin(mine, 'own');
    s.save(mine);
    let current: Diagram = mine;
    for (let i = 0; i < 30; i++) {
      const linked = { ...generateDiagram(5 + (i % 5), i + 1), name: `Participant ${i}` };
      const r = openSharedLink(encodeLink(linked), current, s);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.previous.kept).toBe(true);
      s.begin(r.diagram, 'link', current);
      s.save(r.diagram);
      current = r.diagram;
    }
    const names = recent.list().map((e) => e.name);
    expect(names).toContain('Mine');
    expect(names.length).toBeLessThanOrEqual(20);
  });

  it('the same link opened twice files nothing new', () => {
    const { recent, tab } = device();
    const s = tab();
    s.begin(mine, 'own');
    s.save(mine);
    const link = encodeLink(example);
    const first = openSharedLink(link, mine, s);
    if (!first.ok) throw new Error('link');
    s.begin(first.diagram, 'link', mine);
    s.save(first.diagram);
    const second = openSharedLink(link, first.diagram, s);
    expect(second).toMatchObject({ ok: true, previous: { kept: true, entry: null, same: true } });
    expect(recent.list().map((e) => e.name)).toEqual([example.name, 'Mine']);
  });

  it('going back to a recent diagram, editing it and leaving again updates its entry', () => {
    const { recent, tab } = device();
    const s = tab();
    s.begin(mine, 'own');
    s.save(mine);
    const other = SCENARIOS[1]!.diagram;
    for (let i = 1; i <= 3; i++) {
      s.keep(moved(mine, i));
      s.begin(other, 'link', mine);
      s.save(other);
      const entry = recent.list().find((e) => e.name === 'Mine')!;
      const opened = recent.open(entry.id);
      if (!opened.ok) throw new Error(opened.message);
      s.keep(other);
      s.resume(opened.entry);
      s.save(moved(opened.diagram, 20 * i));
    }
    expect(
      recent
        .list()
        .map((e) => e.name)
        .sort(),
    ).toEqual(['Mine', other.name].sort());
  });

  it('refuses to keep (and says why) when storage is full', () => {
    const { tab } = device(600);
    const s = tab();
    s.begin(generateDiagram(10), 'own');
    expect(s.keep(generateDiagram(10))).toMatchObject({ ok: false, reason: 'quota' });
  });
});

describe('two tabs on one device', () => {
  it('a link opened in a second tab never takes the place of the first tab’s work', () => {
    const { recent, tab } = device();
    const one = tab();
    one.begin(mine, 'own');
    one.save(mine);

    // Tab two starts from the autosave (the first tab's diagram) and opens a link.
    const two = tab();
    const restored = two.restore();
    if (restored.status !== 'ok') throw new Error('restore');
    const linked = SCENARIOS[2]!.diagram;
    const r = openSharedLink(encodeLink(linked), restored.diagram, two);
    if (!r.ok) throw new Error('link');
    two.begin(r.diagram, 'link', restored.diagram);
    two.save(r.diagram);

    // Tab one keeps working; tab two pans (saves again). Neither loses the other's diagram.
    const edited = moved(mine, 200);
    expect(one.save(edited)).toMatchObject({ ok: true, forked: false });
    two.save({ ...r.diagram, viewport: { x: 5, y: 5, zoom: 1 } });

    const own = recent.list().find((e) => e.name === 'Mine')!;
    expect(recent.open(own.id)).toMatchObject({ ok: true, diagram: { services: edited.services } });
    expect(recent.list()).toHaveLength(2);
  });

  it('two tabs editing the same diagram keep both versions', () => {
    const { recent, storage, tab } = device();
    const one = tab();
    one.begin(mine, 'own');
    one.save(mine);
    const two = tab();
    if (two.restore().status !== 'ok') throw new Error('restore');

    one.save(moved(mine, 100));
    const second = two.save(moved(mine, -100));
    expect(second).toMatchObject({ ok: true, forked: true });
    // The autosave names the forked entry, so the next start goes on in it.
    expect(storage.loadCurrent()).toMatchObject({ status: 'ok', doc: { id: two.doc.id } });
    one.save(moved(mine, 120)); // tab one goes on in its own entry
    const xs = recent
      .list()
      .map((e) => recent.open(e.id))
      .map((o) => (o.ok ? o.diagram.services[0]!.position.x : NaN))
      .sort((p, q) => p - q);
    expect(xs).toEqual([-100, 120]);
    expect(storage.loadCurrent()).toMatchObject({
      status: 'ok',
      diagram: { services: [{ position: { x: 120 } }] },
    });
  });

  it('writes one envelope to the entry and the autosave, and the next start takes on its document', () => {
    const { store, tab } = device();
    const s = tab();
    s.begin(example, 'link');
    s.save(moved(example, 40));
    const current = store.getItem('microsim:current');
    expect(current).not.toBeNull();
    expect(store.getItem(`microsim:recent:${s.doc.id}`)).toBe(current);
    const next = tab();
    expect(next.restore()).toMatchObject({ status: 'ok', diagram: moved(example, 40) });
    expect(next.doc).toEqual(s.doc);
  });

  it('restores an autosave written before documents were stored, as the person’s own', () => {
    const { store, recent, tab } = device();
    store.setItem('microsim:current', storedDiagramText(mine, 5));
    const s = tab();
    expect(s.restore()).toMatchObject({ status: 'ok', diagram: mine });
    expect(s.doc).toMatchObject({ origin: 'own', base: null, rev: null });
    expect(s.save(moved(mine, 10))).toEqual({ ok: true, forked: false });
    expect(recent.list()).toMatchObject([{ id: s.doc.id, name: 'Mine', origin: 'own' }]);
  });

  it('documents begun in the same millisecond get different ids', () => {
    const storage = new DiagramStorage(new MemoryStore(), { now: () => 1_700_000_000_000 });
    const s = new DocumentSession(storage, new RecentDiagrams(storage));
    const ids = new Set<string>();
    for (let i = 0; i < 10; i++) {
      s.begin({ ...mine, name: `Mine ${i}` }, 'own');
      ids.add(s.doc.id);
    }
    expect(ids.size).toBe(10);
  });

  it('a broken link leaves storage exactly as it was', () => {
    const { store, tab } = device();
    const s = tab();
    s.begin(mine, 'own');
    s.save(mine);
    const before = store.snapshot();
    const link = encodeLink(generateDiagram(20));
    const r = openSharedLink(link.slice(0, link.length / 2), mine, s);
    expect(r).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(store.snapshot()).toEqual(before);
  });

  it('says when the own diagram could not be kept', () => {
    const { tab } = device(100);
    const s = tab();
    expect(openSharedLink(encodeLink(generateDiagram(20)), mine, s)).toMatchObject({
      ok: true,
      previous: { kept: false },
    });
  });
});
