import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import { createAppStore } from './index';

const fresh = () => {
  const store = createAppStore();
  store.getState().replaceDiagram(checkoutExample, { undoable: false });
  return store;
};
const titles = (s: ReturnType<typeof fresh>) => s.getState().diagram.scenes.map((x) => x.title);

describe('store: the deck, every change undoable', () => {
  it('adds, renames, moves, duplicates and deletes scenes, and undoes each one', () => {
    const s = fresh();
    const a = s.getState().addScene({ title: 'Healthy' })!;
    const b = s.getState().addScene({ title: 'Payment down' })!;
    s.getState().updateScene(a, { title: 'Healthy checkout' });
    s.getState().moveScene(b, 0);
    const c = s.getState().duplicateScene(a)!;
    s.getState().deleteScene(b);
    expect(titles(s)).toEqual(['Healthy checkout', 'Healthy checkout copy']);
    expect(s.getState().history.past.map((h) => h.label)).toEqual([
      'Add scene',
      'Add scene',
      'Rename scene',
      'Move scene',
      'Duplicate scene',
      'Delete scene',
    ]);
    s.getState().undo();
    expect(titles(s)).toEqual(['Payment down', 'Healthy checkout', 'Healthy checkout copy']);
    s.getState().undo();
    s.getState().undo();
    expect(titles(s)).toEqual(['Healthy checkout', 'Payment down']);
    s.getState().redo();
    expect(titles(s)).toEqual(['Payment down', 'Healthy checkout']);
    expect(c).toBe('scene3');
    s.getState().undo();
    s.getState().undo();
    s.getState().undo();
    s.getState().undo();
    expect(s.getState().diagram).toBe(checkoutExample);
  });

  it('typing a title is one undo step; an edit that changes nothing leaves none', () => {
    const s = fresh();
    const a = s.getState().addScene()!;
    for (const title of ['P', 'Pa', 'Pay']) s.getState().updateScene(a, { title });
    s.getState().updateScene(a, { title: 'Pay' });
    s.getState().moveScene(a, 5);
    expect(s.getState().history.past.map((h) => h.label)).toEqual(['Add scene', 'Rename scene']);
  });

  it('"Update scene from current view" is one undoable step', () => {
    const s = fresh();
    const a = s.getState().addScene({ title: 'Healthy' })!;
    s.getState().edit('Set seed', (d) => ({ ...d, run: { ...d.run, seed: 42 } }));
    s.getState().updateSceneFromView(a);
    expect(s.getState().diagram.scenes[0]!.diagram.run.seed).toBe(42);
    expect(s.getState().history.past.at(-1)!.label).toBe('Update scene');
    s.getState().undo();
    expect(s.getState().diagram.scenes[0]!.diagram.run.seed).toBe(checkoutExample.run.seed);
  });
});
