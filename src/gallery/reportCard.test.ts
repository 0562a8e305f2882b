import { describe, expect, it } from 'vitest';
import { advise } from '../model/advice';
import { CHECKLIST } from '../model/reportCard';
import { Diagram } from '../model/schema';
import { GALLERY } from './index';

/*
 * Lives beside the gallery, not the report card: the model is a lower layer and must not import
 * the gallery; the gallery's diagrams are simply a varied set of real diagrams to check it on.
 */
describe('the report card on the gallery diagrams', () => {
  it('no remark counts against two items', () => {
    for (const entry of GALLERY)
      for (const a of advise(entry.diagram)) {
        const items = CHECKLIST.filter((i) => i.remarks.some((p) => a.id.startsWith(p)));
        expect(items.length, a.id).toBeLessThanOrEqual(1);
      }
  });
});

describe('the advisor’s fixes on the gallery diagrams', () => {
  it('every one-click fix removes the remark it is on', () => {
    for (const entry of GALLERY)
      for (const a of advise(entry.diagram).filter((x) => x.fix)) {
        const after = Diagram.parse(a.fix!.apply(entry.diagram));
        expect(
          advise(after).map((x) => x.id),
          `${entry.id}: ${a.id}`,
        ).not.toContain(a.id);
      }
  });
});
