import { describe, expect, it } from 'vitest';
import { formatSimTime, formatSpeed, sliderToSpeed, speedToSlider } from './format';

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
});
