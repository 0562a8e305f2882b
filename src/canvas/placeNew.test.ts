import { describe, expect, it } from 'vitest';
import { emptyDiagram, makeService } from '../model/defaults';
import { SERVICE_SIZE } from './geometry';
import { dropSpot, paletteSpot } from './placeNew';

describe('placing a new card', () => {
  it('beside a selected service called "constructor", measured or not', () => {
    const d = {
      ...emptyDiagram(),
      services: [makeService('service', 'constructor', 'constructor', { x: 0, y: 0 })],
    };
    const view = { x: -500, y: -500, width: 2_000, height: 2_000 };
    for (const measured of [new Map(), new Map([['constructor', { width: 300, height: 90 }]])]) {
      const width = measured.get('constructor')?.width ?? SERVICE_SIZE.width;
      const at = paletteSpot(d, measured, ['constructor'], view, SERVICE_SIZE);
      // To its right, past its own width and the gap an edge needs.
      expect(at.x).toBeGreaterThanOrEqual(width + 100);
      expect(Number.isFinite(at.y)).toBe(true);
    }
    // A drop onto it goes beside it, not on top.
    const dropped = dropSpot(d, new Map(), { x: 10, y: 10 }, SERVICE_SIZE);
    expect(Number.isFinite(dropped.x) && Number.isFinite(dropped.y)).toBe(true);
    expect(dropped).not.toEqual({ x: 10, y: 10 });
  });
});
