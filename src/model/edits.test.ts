import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import { connect, deleteElements, extractFragment, pasteFragment, resizeNotes } from './edits';
import { parseDiagram } from './parse';
import { Diagram } from './schema';
import { makeFault } from './defaults';

describe('edits keep the diagram valid', () => {
  it('every kind of new edge passes parseDiagram', () => {
    let d = checkoutExample;
    for (const kind of ['sync', 'queue', 'topic', 'saga'] as const)
      d = connect(d, kind, 'inventory', 'email')!.diagram;
    const r = parseDiagram(JSON.parse(JSON.stringify(d)));
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('numbers new saga steps after the existing ones', () => {
    let d = connect(checkoutExample, 'saga', 'orders', 'payment')!.diagram;
    d = connect(d, 'saga', 'orders', 'inventory')!.diagram;
    const steps = d.edges.flatMap((e) => (e.kind === 'saga' ? [e.step] : []));
    expect(steps).toEqual([1, 2]);
  });

  it('deleting a service drops faults that targeted it or its edges', () => {
    const d = {
      ...checkoutExample,
      faults: [
        makeFault({ id: 'f1', kind: 'down', target: 'payment' }),
        makeFault({ id: 'f2', kind: 'cut', target: 'e-payment-bank' }),
        makeFault({ id: 'f3', kind: 'down', target: 'email' }),
      ],
    };
    const after = deleteElements(d, ['payment']);
    expect(after.faults.map((f) => f.id)).toEqual(['f3']);
    expect(parseDiagram(after).ok).toBe(true);
  });

  it('pasting twice never reuses an id', () => {
    const f = extractFragment(checkoutExample, new Set(['orders', 'payment']));
    const once = pasteFragment(checkoutExample, f, { x: 40, y: 40 }).diagram;
    const twice = pasteFragment(once, f, { x: 80, y: 80 }).diagram;
    const ids = [...twice.services, ...twice.edges].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(parseDiagram(twice).ok).toBe(true);
  });
});

describe('resizeNotes', () => {
  it('sizes only the named notes, in whole pixels, and leaves the diagram as it is for no sizes', () => {
    const d = Diagram.parse({ notes: [{ id: 'n1' }, { id: 'n2' }] });
    const r = resizeNotes(d, new Map([['n1', { width: 200.4, height: 99.6 }]]));
    expect(r.notes[0]).toMatchObject({ width: 200, height: 100 });
    expect(r.notes[1]).toBe(d.notes[1]);
    expect(resizeNotes(d, new Map())).toBe(d);
  });
});
