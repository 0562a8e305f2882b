// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isTyping } from './dom';

const input = (type: string) => Object.assign(document.createElement('input'), { type });

describe('isTyping', () => {
  it('gives a text field every key', () => {
    expect(isTyping(input('text'), ' ')).toBe(true);
    expect(isTyping(document.createElement('textarea'), 'r')).toBe(true);
  });

  it('gives a slider only the keys it moves with', () => {
    const slider = input('range');
    expect(isTyping(slider, 'ArrowLeft')).toBe(true);
    expect(isTyping(slider, 'End')).toBe(true);
    expect(isTyping(slider, ' ')).toBe(false);
    expect(isTyping(slider, '.')).toBe(false);
    // Asked without a key, a slider is a field.
    expect(isTyping(slider)).toBe(true);
  });

  it('leaves shortcuts alone elsewhere', () => {
    expect(isTyping(document.createElement('div'), ' ')).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
