import { describe, expect, it } from 'vitest';
import { PRESENT_ACTION_NAMES, PRESENT_ACTIONS, presentAction, presentKeyLabels } from './keys';

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
    expect(key('s')).toBe('spotlight');
    expect(key('S')).toBe('spotlight');
  });

  it('gives every key to one action at most, and names each key for the legend', () => {
    const keys = PRESENT_ACTION_NAMES.flatMap((a) => [...PRESENT_ACTIONS[a].keys]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(presentKeyLabels('next')).toEqual(['PageDown', '→', '↓']);
    expect(presentKeyLabels('play-pause')).toEqual(['Space']);
    expect(presentKeyLabels('black')).toEqual(['B', '.']);
  });

  it('leaves other keys, and every key with Ctrl, Alt or Meta, to the browser', () => {
    expect(key('Delete')).toBeNull();
    expect(key('z')).toBeNull();
    expect(key('PageDown', { ctrlKey: true })).toBeNull();
    expect(key('ArrowLeft', { altKey: true })).toBeNull();
    expect(key('b', { metaKey: true })).toBeNull();
  });
});
