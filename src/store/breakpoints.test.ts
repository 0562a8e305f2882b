import { describe, expect, it } from 'vitest';
import { breakpointFor, describeBreakpoint } from '../model/breakpointEdits';
import { checkoutExample } from '../scenarios/checkout';
import { createAppStore } from './index';

const fresh = () => {
  const store = createAppStore();
  store.getState().replaceDiagram(checkoutExample, { undoable: false });
  return store;
};

describe('breakpoints are undoable edits of the diagram', () => {
  it('add, turn off, change and remove, each one undo step', () => {
    const s = fresh();
    const b = breakpointFor(s.getState().diagram, 'e-orders-payment')!;
    expect(b).toMatchObject({ id: 'bp1', kind: 'circuit-open', target: 'e-orders-payment', enabled: true });
    s.getState().addBreakpoint(b);
    s.getState().updateBreakpoint('bp1', { enabled: false });
    s.getState().updateBreakpoint('bp1', { kind: 'time', target: '', value: 5_000 });
    s.getState().removeBreakpoint('bp1');
    expect(s.getState().diagram.breakpoints).toEqual([]);
    s.getState().undo();
    expect(s.getState().diagram.breakpoints).toEqual([
      { ...b, enabled: false, kind: 'time', target: '', value: 5_000 },
    ]);
    s.getState().undo();
    expect(s.getState().diagram.breakpoints).toEqual([{ ...b, enabled: false }]);
    s.getState().undo();
    expect(s.getState().diagram.breakpoints).toEqual([b]);
    s.getState().undo();
    expect(s.getState().diagram.breakpoints).toEqual([]);
  });

  it('suggests the natural breakpoint of a selected element, named as the diagram names it', () => {
    const d = fresh().getState().diagram;
    expect(describeBreakpoint(d, breakpointFor(d, 'e-orders-payment')!)).toMatch(/^Circuit opens on /);
    expect(breakpointFor(d, 'client')).toMatchObject({ kind: 'slow-request', target: 'client', value: 1000 });
    expect(breakpointFor(d, 'payment')).toBeNull();
  });
});
