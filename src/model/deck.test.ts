import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import {
  addScene,
  diagramOfScene,
  duplicateScene,
  moveScene,
  sceneDiagramOf,
  updateScene,
  updateSceneFromState,
} from './deck';
import { parseDiagram } from './parse';
import { CURRENT_VERSION, LIMITS } from './schema';

const errorsOf = (input: unknown) => {
  const r = parseDiagram(input);
  return r.ok ? [] : r.errors;
};

describe('a deck of scenes in the diagram', () => {
  it('a version-3 file opens as version 4 with an empty deck, its breakpoints kept, through the named migration', () => {
    const raw = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/v3-checkout.json'), 'utf8'));
    expect(raw.version).toBe(3);
    const r = parseDiagram(raw);
    expect(r).toMatchObject({
      ok: true,
      migratedFrom: 3,
      migrations: [
        'diagrams may have a deck of scenes (nothing to change)',
        'scenes may show panels (nothing to change)',
      ],
      diagram: { version: CURRENT_VERSION, scenes: [] },
    });
    expect(r.ok && r.diagram.breakpoints).toEqual(raw.breakpoints);
  });

  it('fills a scene’s defaults: a title, no texts, an empty diagram, no camera', () => {
    const r = parseDiagram({ scenes: [{ id: 's1' }] });
    expect(r.ok && r.diagram.scenes[0]).toMatchObject({
      id: 's1',
      title: 'Scene',
      narration: '',
      notes: '',
      diagram: { services: [], run: { untilMs: 60_000 } },
    });
    expect(r.ok && r.diagram.scenes[0]!.camera).toBeUndefined();
  });

  it('checks a scene’s diagram like a diagram, with the scene’s path', () => {
    const scene = { id: 's1', diagram: { edges: [{ id: 'e', kind: 'sync', from: 'a', to: 'b' }] } };
    expect(errorsOf({ scenes: [scene] })).toEqual([
      { path: 'scenes[0].diagram.edges[0].from', message: 'no service with id "a"' },
      { path: 'scenes[0].diagram.edges[0].to', message: 'no service with id "b"' },
    ]);
    expect(errorsOf({ scenes: [{ id: 's1' }, { id: 's1' }] })).toEqual([
      { path: 'scenes[1].id', message: 'id "s1" is already used by scenes[0]' },
    ]);
    expect(errorsOf({ scenes: [{ id: 's1', narration: 'x'.repeat(LIMITS.narrationChars + 1) }] })[0]).toEqual(
      {
        path: 'scenes[0].narration',
        message: `must be at most ${LIMITS.narrationChars} characters`,
      },
    );
    const many = Array.from({ length: LIMITS.scenes + 1 }, (_, i) => ({ id: `s${i}` }));
    expect(errorsOf({ scenes: many })[0]?.message).toBe(`at most ${LIMITS.scenes} scenes`);
    expect(errorsOf({ scenes: [{ id: 's1', camera: { x: 0, y: 0, width: 0, height: 5 } }] })[0]?.path).toBe(
      'scenes[0].camera.width',
    );
  });
});

describe('which panels a scene shows (model version 5)', () => {
  it('a version-4 deck opens as version 5, its scenes showing no panels, through the named migration', () => {
    const raw = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/v4-checkout.json'), 'utf8'));
    expect(raw.version).toBe(4);
    const r = parseDiagram(raw);
    expect(r).toMatchObject({
      ok: true,
      migratedFrom: 4,
      migrations: ['scenes may show panels (nothing to change)'],
      diagram: { version: CURRENT_VERSION, scenes: [{ id: 'scene1', title: 'Healthy' }] },
    });
    expect(r.ok && r.diagram.scenes[0]).not.toHaveProperty('panels');
  });

  it('fills the panels’ defaults and refuses a tab that is not one', () => {
    const r = parseDiagram({ scenes: [{ id: 's1', panels: {} }] });
    expect(r.ok && r.diagram.scenes[0]!.panels).toEqual({ metrics: false, log: null });
    expect(errorsOf({ scenes: [{ id: 's1', panels: { log: 'chart' } }] })[0]?.path).toBe(
      'scenes[0].panels.log',
    );
  });

  it('are kept by add, replaced (or dropped) by update, copied by duplicate', () => {
    const panels = { metrics: true, log: 'trace' as const };
    let d = addScene(checkoutExample, { panels }).diagram;
    expect(d.scenes[0]!.panels).toEqual(panels);
    expect(updateSceneFromState(d, 'scene1', { panels })).toBe(d);
    expect(duplicateScene(d, 'scene1').diagram.scenes[1]!.panels).toEqual(panels);
    d = updateSceneFromState(d, 'scene1', { panels: { metrics: false, log: 'log' } });
    expect(d.scenes[0]!.panels).toEqual({ metrics: false, log: 'log' });
    // Updated with no panel open: the scene shows the diagram alone.
    expect(updateSceneFromState(d, 'scene1').scenes[0]).not.toHaveProperty('panels');
  });
});

describe('deck edits', () => {
  it('captures the diagram as a scene, titled after it, and presents it on the deck’s diagram', () => {
    const r = addScene(checkoutExample, { camera: { x: 1, y: 2, width: 300, height: 200 } });
    expect(r.id).toBe('scene1');
    const scene = r.diagram.scenes[0]!;
    expect(scene).toMatchObject({ title: checkoutExample.name, camera: { width: 300 } });
    expect(scene.diagram).toEqual(sceneDiagramOf(checkoutExample));
    expect(diagramOfScene(r.diagram, scene)).toEqual({ ...checkoutExample, scenes: [] });
    // The second capture gets its own id and title.
    const again = addScene(r.diagram);
    expect(again.diagram.scenes.map((s) => [s.id, s.title])).toEqual([
      ['scene1', checkoutExample.name],
      ['scene2', `${checkoutExample.name} 2`],
    ]);
    expect(parseDiagram(again.diagram).ok).toBe(true);
  });

  it('refuses a scene past the deck’s limit, and changes nothing', () => {
    let d = checkoutExample;
    for (let i = 0; i < LIMITS.scenes; i++) d = addScene(d).diagram;
    expect(addScene(d)).toEqual({ diagram: d, id: null });
  });

  it('renames, moves and duplicates; an edit that changes nothing returns the same diagram', () => {
    let d = addScene(addScene(addScene(checkoutExample, { title: 'A' }).diagram, { title: 'B' }).diagram, {
      title: 'C',
    }).diagram;
    d = moveScene(d, 'scene3', 0);
    expect(d.scenes.map((s) => s.title)).toEqual(['C', 'A', 'B']);
    expect(moveScene(d, 'scene3', 0)).toBe(d);
    expect(moveScene(d, 'nope', 1)).toBe(d);
    d = updateScene(d, 'scene1', { title: 'First', notes: 'say hello' });
    expect(updateScene(d, 'scene1', { title: 'First' })).toBe(d);
    const copy = duplicateScene(d, 'scene1');
    expect(copy.diagram.scenes.map((s) => s.title)).toEqual(['C', 'First', 'First copy', 'B']);
    expect(copy.diagram.scenes[2]).toMatchObject({ id: copy.id, notes: 'say hello' });
  });

  it('updates a scene from the current view: its diagram and camera replaced, its texts kept', () => {
    const camera = { x: 0, y: 0, width: 800, height: 400 };
    let d = addScene(checkoutExample, { title: 'A', camera, narration: 'n', notes: 'k' }).diagram;
    expect(d.scenes[0]).toMatchObject({ narration: 'n', notes: 'k', camera });
    // Unchanged view: no change.
    expect(updateSceneFromState(d, 'scene1', { camera })).toBe(d);
    d = { ...d, run: { ...d.run, seed: 99 } };
    const next = updateSceneFromState(d, 'scene1');
    expect(next.scenes[0]).toMatchObject({ id: 'scene1', title: 'A', narration: 'n', notes: 'k' });
    expect(next.scenes[0]!.diagram.run.seed).toBe(99);
    // No camera given: the scene shows the whole diagram.
    expect(next.scenes[0]).not.toHaveProperty('camera');
    expect(updateSceneFromState(d, 'nope')).toBe(d);
    expect(parseDiagram(next).ok).toBe(true);
  });
});
