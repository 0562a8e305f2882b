import { describe, expect, it } from 'vitest';
import { parseSimArgs } from './args';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads ms, s, m, h and plain numbers', () => {
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('-5s')).toBeNull();
  });
});

describe('parseSimArgs', () => {
  it('reads the file and options in any order', () => {
    expect(parseSimArgs(['d.json', '--seed', '4', '--until', '30s', '--json'])).toEqual({
      file: 'd.json',
      seed: 4,
      untilMs: 30_000,
      json: true,
    });
    expect(parseSimArgs(['--until=2m', 'd.json'])).toEqual({ file: 'd.json', untilMs: 120_000, json: false });
    expect(parseSimArgs(['d.json', '--json', '--series', '250ms'])).toEqual({
      file: 'd.json',
      json: true,
      seriesBucketMs: 250,
    });
    expect(parseSimArgs(['d.json', '--max-events', '5_000_000'])).toEqual({
      file: 'd.json',
      maxEvents: 5_000_000,
      json: false,
    });
  });
  it('explains what is wrong', () => {
    expect(parseSimArgs([])).toHaveProperty('error', expect.stringContaining('usage'));
    expect(parseSimArgs(['d.json', '--seed', 'x'])).toHaveProperty(
      'error',
      expect.stringContaining('--seed'),
    );
    expect(parseSimArgs(['d.json', '--until', 'later'])).toHaveProperty(
      'error',
      expect.stringContaining('--until'),
    );
    for (const bad of ['0', '-3', '2.5', 'lots'])
      expect(parseSimArgs(['d.json', '--max-events', bad])).toHaveProperty(
        'error',
        expect.stringContaining('--max-events must be a whole number'),
      );
    for (const bad of ['0', '-1s', 'abc', '1e9d', '0.5ms', ''])
      expect(parseSimArgs(['d.json', '--json', '--series', bad])).toHaveProperty(
        'error',
        `--series must be a bucket width of 1ms or more, such as 1s, 250ms or 1m, got ${bad}`,
      );
    expect(parseSimArgs(['d.json', '--json', '--series'])).toHaveProperty(
      'error',
      expect.stringContaining('got nothing'),
    );
    expect(parseSimArgs(['d.json', '--series', '1s'])).toHaveProperty(
      'error',
      '--series adds the time series to the JSON report: use it with --json',
    );
    expect(parseSimArgs(['d.json', '--fast'])).toHaveProperty(
      'error',
      expect.stringContaining('unknown option --fast'),
    );
  });
});
