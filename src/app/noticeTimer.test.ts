import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismissAfterActivity } from './noticeTimer';

describe('an info notice fades after the person has been active', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stays while nobody has touched the page, however long', () => {
    const page = new EventTarget();
    const dismiss = vi.fn();
    dismissAfterActivity(page, null, dismiss, 5000, false);
    vi.advanceTimersByTime(60_000);
    expect(dismiss).not.toHaveBeenCalled();
    page.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(4999);
    expect(dismiss).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(dismiss).toHaveBeenCalledTimes(1);
  });

  it('waits while the pointer rests on it, and goes on counting from the start when it leaves', () => {
    const page = new EventTarget();
    const card = new EventTarget();
    const dismiss = vi.fn();
    dismissAfterActivity(page, card, dismiss, 5000, false);
    page.dispatchEvent(new Event('pointermove'));
    vi.advanceTimersByTime(3000);
    card.dispatchEvent(new Event('pointerenter'));
    vi.advanceTimersByTime(30_000);
    expect(dismiss).not.toHaveBeenCalled();
    card.dispatchEvent(new Event('pointerleave'));
    vi.advanceTimersByTime(5000);
    expect(dismiss).toHaveBeenCalledTimes(1);
  });

  it('on a page the person has already used, it fades 5 s after it appears, as before', () => {
    const dismiss = vi.fn();
    dismissAfterActivity(new EventTarget(), null, dismiss, 5000, true);
    vi.advanceTimersByTime(5000);
    expect(dismiss).toHaveBeenCalledTimes(1);
  });

  it('a notice gone before the countdown ends is not dismissed again', () => {
    const page = new EventTarget();
    const dismiss = vi.fn();
    const cleanup = dismissAfterActivity(page, null, dismiss, 5000, false);
    page.dispatchEvent(new Event('pointerdown'));
    cleanup();
    vi.advanceTimersByTime(10_000);
    expect(dismiss).not.toHaveBeenCalled();
  });
});
