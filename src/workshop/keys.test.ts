import { describe, expect, it } from 'vitest';
import { presentAction } from './keys';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) =>
  presentAction({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('presentAction', () => {
  it('maps the keys clickers send', () => {
    expect(key('PageDown')).toBe('next');
    expect(key('ArrowRight')).toBe('next');
    expect(key('PageUp')).toBe('previous');
    expect(key('ArrowLeft')).toBe('previous');
    expect(key(' ')).toBe('play-pause');
    expect(key('b')).toBe('black');
    expect(key('B')).toBe('black');
    expect(key('.')).toBe('black');
    expect(key('Escape')).toBe('leave');
  });

  it('leaves other keys, and every key with Ctrl, Alt or Meta, to the browser', () => {
    expect(key('Delete')).toBeNull();
    expect(key('z')).toBeNull();
    expect(key('PageDown', { ctrlKey: true })).toBeNull();
    expect(key('ArrowLeft', { altKey: true })).toBeNull();
    expect(key('b', { metaKey: true })).toBeNull();
  });
});
