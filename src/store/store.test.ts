import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import { createAppStore } from './index';

const fresh = () => {
  const store = createAppStore();
  store.getState().replaceDiagram(checkoutExample, { undoable: false });
  return store;
};

describe('store: undoable edits', () => {
  it('undoes and redoes an added service', () => {
    const s = fresh();
    const id = s.getState().addService('database', { x: 13, y: 27 });
    expect(s.getState().diagram.services.find((x) => x.id === id)?.position).toEqual({ x: 20, y: 20 });
    s.getState().undo();
    expect(s.getState().diagram).toBe(checkoutExample);
    s.getState().redo();
    expect(s.getState().diagram.services.some((x) => x.id === id)).toBe(true);
  });

  it('saves a view that differs from the saved one, and leaves the diagram alone when it is the same', () => {
    const s = fresh();
    s.getState().setViewport({ x: 10, y: 20, zoom: 0.5 });
    const saved = s.getState().diagram;
    expect(saved.viewport).toEqual({ x: 10, y: 20, zoom: 0.5 });
    // Every subscriber (run, advisor, autosave) sees a new diagram object: a repeat must not make one.
    s.getState().setViewport({ x: 10, y: 20, zoom: 0.5 });
    expect(s.getState().diagram).toBe(saved);
  });

  it('records where a replaced diagram came from, and counts the replacement', () => {
    const s = fresh();
    const loads = s.getState().loads;
    s.getState().replaceDiagram(checkoutExample, { undoable: false, start: { origin: 'link' } });
    expect(s.getState().loadedAs).toEqual({ origin: 'link' });
    expect(s.getState().loads).toBe(loads + 1);
    // Without a start it is the person's own work (New, an import).
    s.getState().replaceDiagram(checkoutExample, { undoable: true });
    expect(s.getState().loadedAs).toEqual({ origin: 'own' });
    expect(s.getState().history.past.length).toBe(1);
  });

  it('gives new services unique names', () => {
    const s = fresh();
    s.getState().addService('service', { x: 0, y: 0 });
    s.getState().addService('service', { x: 0, y: 0 });
    const names = s.getState().diagram.services.map((x) => x.name);
    expect(names).toContain('Service');
    expect(names).toContain('Service 2');
  });

  it('records a whole drag as one undo step, and a click without movement as none', () => {
    const s = fresh();
    const before = s.getState().history.past.length;
    s.getState().beginGesture('Move');
    s.getState().endGesture();
    expect(s.getState().history.past.length).toBe(before);
    const x0 = checkoutExample.services.find((x) => x.id === 'orders')!.position.x;
    s.getState().beginGesture('Move');
    for (let i = 1; i <= 5; i++) s.getState().moveLive(new Map([['orders', { x: x0 + i * 10, y: 160 }]]));
    s.getState().endGesture();
    expect(s.getState().history.past.length).toBe(before + 1);
    s.getState().undo();
    expect(s.getState().diagram.services.find((x) => x.id === 'orders')?.position.x).toBe(x0);
  });

  it('coalesces typing in one field into one undo step', () => {
    const s = fresh();
    for (const name of ['A', 'Ab', 'Abc'])
      s.getState().edit('Rename', (d) => ({ ...d, name }), 'diagram:name');
    expect(s.getState().history.past.length).toBe(1);
    s.getState().undo();
    expect(s.getState().diagram.name).toBe('Checkout');
  });

  it('deletes a service with its edges and clears the selection; undo brings all back', () => {
    const s = fresh();
    s.getState().select(['payment']);
    s.getState().deleteSelection();
    const d = s.getState().diagram;
    expect(d.services.some((x) => x.id === 'payment')).toBe(false);
    expect(d.edges.some((e) => e.from === 'payment' || e.to === 'payment')).toBe(false);
    expect(s.getState().selection).toEqual([]);
    s.getState().undo();
    expect(s.getState().diagram.edges).toHaveLength(checkoutExample.edges.length);
  });

  it('duplicates a selection with fresh ids, keeping the edges inside it', () => {
    const s = fresh();
    s.getState().select(['payment', 'bank']);
    s.getState().duplicateSelection();
    const d = s.getState().diagram;
    expect(d.services).toHaveLength(checkoutExample.services.length + 2);
    const copies = s.getState().selection;
    const edge = d.edges.find((e) => copies.includes(e.from) && copies.includes(e.to));
    expect(edge?.kind).toBe('sync');
    expect(new Set(d.services.map((x) => x.name)).size).toBe(d.services.length);
  });

  it('connects with the chosen kind and can switch kind in the same breath', () => {
    const s = fresh();
    const id = s.getState().connect('inventory', 'email', 'queue')!;
    const e = s.getState().diagram.edges.find((x) => x.id === id)!;
    expect(e.kind).toBe('queue');
    s.getState().changeEdgeKind(id, 'saga');
    const e2 = s.getState().diagram.edges.find((x) => x.id === id)!;
    expect(e2.kind).toBe('saga');
    expect(e2.from).toBe('inventory');
  });

  it('does not record link loads or restores as undoable', () => {
    const s = fresh();
    s.getState().addService('client', { x: 0, y: 0 });
    s.getState().replaceDiagram(checkoutExample, { undoable: false });
    expect(s.getState().history.past).toHaveLength(0);
  });

  it('makes "new diagram" undoable', () => {
    const s = fresh();
    s.getState().replaceDiagram(
      { ...checkoutExample, services: [], edges: [], notes: [] },
      { undoable: true },
    );
    s.getState().undo();
    expect(s.getState().diagram).toBe(checkoutExample);
  });
});
