import { describe, expect, it } from 'vitest';
import { mergePresence, type Shown } from './presence';

const shown = (id: number, leaving = false): Shown<{ id: number; text: string }> => ({
  item: { id, text: `n${id}` },
  entering: false,
  leaving,
});

describe('mergePresence', () => {
  it('keeps a removed item in its place, leaving, and adds new items at the end, entering', () => {
    const merged = mergePresence(
      [shown(1), shown(2), shown(3)],
      [
        { id: 1, text: 'n1' },
        { id: 3, text: 'changed' },
        { id: 4, text: 'n4' },
      ],
    );
    expect(merged.map((s) => [s.item.id, s.item.text, s.entering, s.leaving])).toEqual([
      [1, 'n1', false, false],
      [2, 'n2', false, true],
      [3, 'changed', false, false],
      [4, 'n4', true, false],
    ]);
  });

  it('brings back an item that returns while it was leaving', () => {
    const merged = mergePresence([shown(1, true)], [{ id: 1, text: 'n1' }]);
    expect(merged).toEqual([{ item: { id: 1, text: 'n1' }, entering: false, leaving: false }]);
  });
});
