import { describe, expect, it } from 'vitest';
import { checkReferences } from '../model/parse';
import { createEngine } from '../runtime/index';
import { CLAIM_PROOFS } from './claims';
import { GALLERY, GALLERY_IDS } from './index';

/** The gallery teaches only what the engine does: every entry's claim is proven here. */
describe('gallery claims', () => {
  it('lists every id once, in the registry order', () => {
    expect(GALLERY.map((entry) => entry.id)).toEqual([...GALLERY_IDS]);
  });

  for (const entry of GALLERY) {
    it(`${entry.id}: ${entry.claim}`, () => {
      const result = CLAIM_PROOFS[entry.id](entry);
      expect(result.measured).toBeDefined();
      expect({ holds: result.holds, ...result.measured }).toMatchObject({ holds: true });
    });

    it(`${entry.id} is a valid runnable entry with 2–4 moments to watch`, () => {
      expect(checkReferences(entry.diagram)).toEqual([]);
      expect(entry.explanation.length).toBeGreaterThan(120);
      expect(entry.watch.length).toBeGreaterThanOrEqual(2);
      expect(entry.watch.length).toBeLessThanOrEqual(4);
      const ids = new Set([...entry.diagram.services, ...entry.diagram.edges].map((x) => x.id));
      for (const step of entry.watch) {
        expect(step.atMs).toBeLessThanOrEqual(entry.diagram.run.untilMs);
        for (const id of step.focus ?? []) expect(ids, `${entry.id} focuses on ${id}`).toContain(id);
      }
      const engine = createEngine(entry.diagram);
      engine.advanceTo(engine.untilMs);
      expect(engine.overloaded).toBeNull();
      expect(engine.check()).toEqual({ conservation: true, sagas: true, violations: [] });
    });
  }
});
