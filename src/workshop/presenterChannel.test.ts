import { describe, expect, it } from 'vitest';
import { formatTimer, isAudienceState, isPresenterMessage } from './presenterChannel';

describe('the presenter channel', () => {
  it('takes only the messages it knows (another page on the channel changes nothing)', () => {
    expect(isPresenterMessage({ type: 'hello' })).toBe(true);
    expect(isPresenterMessage({ type: 'command', action: 'next' })).toBe(true);
    expect(isPresenterMessage({ type: 'command', action: 'spotlight' })).toBe(true);
    expect(isPresenterMessage({ type: 'command', action: 'delete-everything' })).toBe(false);
    expect(isPresenterMessage({ type: 'command', action: 'toString' })).toBe(false);
    expect(isPresenterMessage('next')).toBe(false);
    expect(isPresenterMessage(null)).toBe(false);
    expect(isAudienceState({ type: 'state', index: 0 })).toBe(true);
    expect(isAudienceState({ type: 'state' })).toBe(false);
  });

  it('shows the timer as minutes and seconds', () => {
    expect(formatTimer(0)).toBe('0:00');
    expect(formatTimer(65_400)).toBe('1:05');
    expect(formatTimer(-5)).toBe('0:00');
  });
});
