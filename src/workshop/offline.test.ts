import { describe, expect, it } from 'vitest';
import { command } from '../app/commands';
import { createAppStore } from '../store';

describe('the new-version command', () => {
  it('is not offered while no new version is waiting (it would do nothing)', () => {
    const c = command('update-app');
    expect(c.enabled?.(createAppStore().getState())).toBe(false);
  });
});
