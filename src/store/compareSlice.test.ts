import { describe, expect, it } from 'vitest';
import { changeEdgeKind } from '../model/edits';
import { checkoutExample } from '../scenarios/checkout';
import { comparedDiagrams, createAppStore } from './index';

const fresh = () => {
  const store = createAppStore();
  store.getState().replaceDiagram(checkoutExample, { undoable: false });
  return store;
};
const kindOf = (d: typeof checkoutExample, id: string) => d.edges.find((e) => e.id === id)!.kind;

describe('store: comparing with a variant', () => {
  it('makes B from A with the change as its first undoable edit, and A keeps its own history', () => {
    const s = fresh();
    s.getState().addService('database', { x: 0, y: 0 });
    const a = s.getState().diagram;
    s.getState().startComparison((d) => changeEdgeKind(d, 'e-orders-payment', 'queue'), 'Make queue');
    const st = s.getState();
    expect(st.comparison?.showing).toBe('b');
    expect(st.diagram.name).toBe('Checkout (variant B)');
    expect(kindOf(st.diagram, 'e-orders-payment')).toBe('queue');
    expect(st.history.past.map((h) => h.label)).toEqual(['Make queue']);
    // Undo on B takes back the change; A is untouched.
    st.undo();
    expect(kindOf(s.getState().diagram, 'e-orders-payment')).toBe('sync');
    expect(comparedDiagrams(s.getState())!.a).toBe(a);
    s.getState().redo();
    // The switch swaps the diagrams and their histories.
    s.getState().showVariant('a');
    expect(s.getState().diagram).toBe(a);
    expect(s.getState().history.past.map((h) => h.label)).toEqual(['Add database']);
    expect(kindOf(comparedDiagrams(s.getState())!.b, 'e-orders-payment')).toBe('queue');
  });

  it('a second "compare as" edits B rather than starting again, and ending gives B back with A on the canvas', () => {
    const s = fresh();
    s.getState().startComparison((d) => changeEdgeKind(d, 'e-orders-payment', 'queue'), 'Make queue');
    s.getState().showVariant('a');
    s.getState().startComparison((d) => changeEdgeKind(d, 'e-client-gw', 'queue'), 'Make queue');
    expect(s.getState().comparison?.showing).toBe('b');
    expect(s.getState().history.past).toHaveLength(2);
    const b = s.getState().endComparison()!;
    expect(kindOf(b, 'e-client-gw')).toBe('queue');
    expect(s.getState().comparison).toBeNull();
    expect(s.getState().diagram).toBe(checkoutExample);
  });

  it('loading another diagram ends the comparison', () => {
    const s = fresh();
    s.getState().startComparison();
    s.getState().replaceDiagram(checkoutExample, { undoable: false });
    expect(s.getState().comparison).toBeNull();
  });
});
