import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios';
import { contentSelector, sameButViewport } from './diagramContent';
import type { AppState } from './types';

const diagram = { ...checkoutExample, viewport: { x: 0, y: 0, zoom: 1 } };

describe('the diagram without its viewport', () => {
  it('is the same while only the view moves, and new after an edit', () => {
    const moved = { ...diagram, viewport: { x: 40, y: 0, zoom: 0.5 } };
    expect(sameButViewport(diagram, moved)).toBe(true);
    expect(sameButViewport(diagram, { ...moved, services: moved.services.slice(1) })).toBe(false);
    expect(sameButViewport(diagram, { ...diagram, viewport: undefined })).toBe(true);
  });

  it('hands back the object it gave last until something other than the viewport changes', () => {
    const select = contentSelector();
    const state = (d: typeof diagram) => ({ diagram: d }) as unknown as AppState;
    const first = select(state(diagram));
    expect(select(state({ ...diagram, viewport: { x: 9, y: 9, zoom: 2 } }))).toBe(first);
    const edited = { ...diagram, edges: [] };
    expect(select(state(edited))).toBe(edited);
  });
});
