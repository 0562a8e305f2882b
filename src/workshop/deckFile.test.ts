import { describe, expect, it } from 'vitest';
import { addScene, sceneDiagramOf } from '../model/deck';
import { LIMITS } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { createAppStore } from '../store';
import { deckFileName, exportDeckJson, readDeckJson } from './deckFile';

/** Checkout with a two-scene deck: the diagram as it is, and a quiet one without faults that stops at 9 s. */
function deck() {
  let d = addScene(checkoutExample, { title: 'Healthy' }).diagram;
  const down = { ...checkoutExample, faults: [], run: { ...checkoutExample.run, untilMs: 9000 } };
  d = addScene(d, { title: 'Quiet', state: sceneDiagramOf({ ...down, name: 'Quiet' }) }).diagram;
  return d;
}

describe('deck files', () => {
  it('round-trip: the scenes read back as they were written, named after the diagram', () => {
    const d = deck();
    const r = readDeckJson(exportDeckJson(d));
    expect(r).toEqual({ ok: true, scenes: d.scenes });
    expect(deckFileName({ name: 'Checkout flow' })).toBe('checkout-flow-deck.json');
  });

  it('a broken file says what is wrong, specifically', () => {
    const good = JSON.parse(exportDeckJson(deck()));
    const read = (x: unknown) => readDeckJson(typeof x === 'string' ? x : JSON.stringify(x));
    const message = (x: unknown) => {
      const r = read(x);
      return r.ok ? 'read' : r.message;
    };
    expect(message('')).toMatch(/empty/);
    expect(message('{"kind": "microsim-deck",')).toMatch(/not valid JSON: at line 1/);
    expect(message([1, 2])).toMatch(/not a Microsim deck/);
    expect(message({ scenes: [] })).toMatch(/no "kind": "microsim-deck"/);
    expect(message(checkoutExample)).toMatch(/a diagram file, not a deck.*Import JSON/);
    expect(message({ ...good, version: 99 })).toMatch(/newer Microsim \(format version 99\)/);
    expect(message({ ...good, scenes: {} })).toMatch(/no list of scenes/);
    expect(message({ ...good, scenes: [] })).toMatch(/no scenes/);
    expect(message({ ...good, scenes: Array(LIMITS.scenes + 1).fill(good.scenes[0]) })).toMatch(/at most 50/);
    // A scene whose edge goes to no service: the path names the scene and the edge.
    const broken = structuredClone(good);
    broken.scenes[1].diagram.edges[0].to = 'nowhere';
    const r = read(broken);
    expect(!r.ok && r.message).toMatch(/one problem/);
    expect(!r.ok && r.errors[0]!.path).toBe('scenes[1].diagram.edges[0].to');
    // A scene's narration past the schema's limit.
    const long = structuredClone(good);
    long.scenes[0].narration = 'x'.repeat(LIMITS.narrationChars + 1);
    const l = read(long);
    expect(!l.ok && l.errors[0]!.path).toBe('scenes[0].narration');
  });

  it('importing appends the scenes with fresh ids, as one undo step; a deck that would overflow is left as it was', () => {
    const s = createAppStore();
    s.getState().replaceDiagram(checkoutExample, { undoable: false });
    s.getState().addScene({ title: 'Mine' });
    const file = readDeckJson(exportDeckJson(deck()));
    if (!file.ok) throw new Error(file.message);
    expect(s.getState().appendScenes(file.scenes)).toBe(2);
    const scenes = s.getState().diagram.scenes;
    expect(scenes.map((x) => x.title)).toEqual(['Mine', 'Healthy', 'Quiet']);
    expect(new Set(scenes.map((x) => x.id)).size).toBe(3);
    // The open diagram is not replaced.
    expect(s.getState().diagram.services).toBe(checkoutExample.services);
    expect(s.getState().history.past.map((h) => h.label)).toEqual(['Add scene', 'Import deck']);
    s.getState().undo();
    expect(s.getState().diagram.scenes.map((x) => x.title)).toEqual(['Mine']);
    // 49 + 2 > 50: nothing added, nothing to undo.
    for (let i = 0; i < LIMITS.scenes - 2; i++) s.getState().addScene();
    const before = s.getState().diagram;
    expect(s.getState().appendScenes(file.scenes)).toBe(0);
    expect(s.getState().diagram).toBe(before);
  });
});
