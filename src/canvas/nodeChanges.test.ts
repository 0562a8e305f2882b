import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { readNodeChanges } from './nodeChanges';

const context = (over: Partial<Parameters<typeof readNodeChanges>[1]> = {}) => ({
  isNote: (id: string) => id.startsWith('n'),
  dragging: false,
  selection: ['a'],
  ...over,
});

describe('readNodeChanges', () => {
  it('keeps a drag in progress apart from moves that land now', () => {
    const changes: NodeChange[] = [
      { type: 'position', id: 'a', position: { x: 1, y: 2 }, dragging: true },
      { type: 'position', id: 'b', position: { x: 3, y: 4 }, dragging: false },
    ];
    const during = readNodeChanges(changes, context({ dragging: true }));
    expect([...during.dragged]).toEqual([['a', { x: 1, y: 2 }]]);
    expect([...during.moves]).toEqual([['b', { x: 3, y: 4 }]]);
    // Without a gesture (an arrow-key nudge) every position lands now.
    const nudge = readNodeChanges(changes, context());
    expect(nudge.dragged.size).toBe(0);
    expect(nudge.moves.size).toBe(2);
  });

  it('sizes a note only while it is resized, and measures only cards', () => {
    const size = { width: 200.4, height: 100.6 };
    const r = readNodeChanges(
      [
        { type: 'dimensions', id: 'n1', dimensions: size, resizing: true },
        { type: 'dimensions', id: 'n2', dimensions: size },
        { type: 'dimensions', id: 'svc', dimensions: size },
      ],
      context(),
    );
    expect([...r.noteSizes]).toEqual([['n1', size]]);
    expect([...r.measured]).toEqual([['svc', size]]);
  });

  it('reports the selection after select changes, and null when none came', () => {
    const r = readNodeChanges(
      [
        { type: 'select', id: 'a', selected: false },
        { type: 'select', id: 'b', selected: true },
      ],
      context(),
    );
    expect(r.selection).toEqual(['b']);
    expect(readNodeChanges([{ type: 'position', id: 'a' }], context()).selection).toBeNull();
  });

  it('treats a built-in name as an id like any other', () => {
    const r = readNodeChanges(
      [{ type: 'select', id: 'constructor', selected: true }],
      context({ selection: [], isNote: () => false }),
    );
    expect(r.selection).toEqual(['constructor']);
  });
});
