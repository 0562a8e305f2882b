import { describe, expect, it } from 'vitest';
import { openModal, topModal } from './modalLayer';

describe('the modal layer', () => {
  it('knows the topmost open modal, and the one under it once that closes, in any order', () => {
    const a = {} as HTMLElement;
    const b = {} as HTMLElement;
    expect(topModal()).toBeNull();
    const closeA = openModal(a);
    const closeB = openModal(b);
    expect(topModal()).toBe(b);
    // The lower one closing first (its parent unmounted) leaves the top one on top.
    closeA();
    expect(topModal()).toBe(b);
    closeB();
    closeB();
    expect(topModal()).toBeNull();
  });
});
