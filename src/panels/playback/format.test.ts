import { describe, expect, it } from 'vitest';
import { formatSimTime, formatSpeed, sliderToSpeed, speedKeyRungs, speedToSlider, stepSpeed } from './format';

describe('playback formatting', () => {
  it('formats simulated time', () => {
    expect(formatSimTime(1234)).toBe('1.234 s');
    expect(formatSimTime(123_456)).toBe('2:03.456');
  });

  it('maps speed onto a log slider and back', () => {
    expect(speedToSlider(0.1)).toBe(0);
    expect(speedToSlider(1)).toBe(333);
    expect(speedToSlider(100)).toBe(1000);
    expect(sliderToSpeed(0)).toBeCloseTo(0.1);
    expect(sliderToSpeed(1000)).toBe(100);
    for (const s of [0.25, 1, 2, 10, 50]) expect(sliderToSpeed(speedToSlider(s))).toBeCloseTo(s, 1);
    expect(formatSpeed(0.25)).toBe('0.25×');
    expect(formatSpeed(100)).toBe('100×');
  });

  it('steps through the speed ladder, from a rung or from between two', () => {
    expect(stepSpeed(0.25, 1)).toBe(0.5);
    expect(stepSpeed(0.25, -1)).toBe(0.1);
    expect(stepSpeed(1, 3)).toBe(10);
    expect(stepSpeed(100, 1)).toBe(100);
    expect(stepSpeed(0.1, -3)).toBe(0.1);
    // Between rungs: the first step lands on the neighbouring rung.
    expect(stepSpeed(0.33, 1)).toBe(0.5);
    expect(stepSpeed(0.33, -1)).toBe(0.25);
    expect(stepSpeed(3, 2)).toBe(10);
    expect(stepSpeed(3, -2)).toBe(1);
    // As the slider snaps it: 0.25 comes back as 0.25 or a hair off.
    expect(stepSpeed(sliderToSpeed(speedToSlider(0.25)), 1)).toBe(0.5);
    let s = 0.1;
    const seen = [s];
    for (let i = 0; i < 12; i++) seen.push((s = stepSpeed(s, speedKeyRungs('ArrowRight'))));
    expect(seen.slice(0, 10)).toEqual([0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect(speedKeyRungs('PageDown')).toBe(-3);
    expect(speedKeyRungs('Home')).toBe(0);
  });
});
