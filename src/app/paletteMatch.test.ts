import { describe, expect, it } from 'vitest';
import { entryScore, matchScore, searchEntries } from './paletteMatch';

const labels = (list: Array<{ label: string }>) => list.map((e) => e.label);

describe('matchScore', () => {
  it('matches the query characters in order, ignoring case', () => {
    expect(matchScore('pay', 'Payment Service')).not.toBeNull();
    expect(matchScore('PAYSVC', 'Payment Service')).not.toBeNull();
    expect(matchScore('tdy', 'Tidy up layout')).not.toBeNull();
    expect(matchScore('yap', 'Payment Service')).toBeNull();
    expect(matchScore('x', 'Payment Service')).toBeNull();
  });

  it('an empty query matches everything equally', () => {
    expect(matchScore('', 'anything')).toBe(0);
  });

  it('a substring beats scattered letters, and the start of the name beats the middle', () => {
    expect(matchScore('pay', 'Payment')!).toBeGreaterThan(matchScore('pay', 'Place your order')!);
    expect(matchScore('ord', 'Orders')!).toBeGreaterThan(matchScore('ord', 'Record')!);
    expect(matchScore('ser', 'Service')!).toBeGreaterThan(matchScore('ser', 'User Service')!);
  });

  it('letters at word starts beat letters inside words', () => {
    // "ps" as the initials of Payment Service, against one word that starts with p and has an s inside.
    expect(matchScore('ps', 'Payment Service')!).toBeGreaterThan(matchScore('ps', 'Pipelines')!);
  });
});

describe('entryScore', () => {
  it('every word must match the label or the keywords', () => {
    const edge = { label: 'Orders → Payment', keywords: 'sync POST /charge' };
    expect(entryScore('order pay', edge)).not.toBeNull();
    expect(entryScore('charge', edge)).not.toBeNull();
    expect(entryScore('order inventory', edge)).toBeNull();
  });

  it('a match in the label counts more than the same match in the keywords', () => {
    expect(entryScore('sync', { label: 'Connect as sync' })!).toBeGreaterThan(
      entryScore('sync', { label: 'Orders → Payment', keywords: 'sync' })!,
    );
  });
});

describe('searchEntries', () => {
  const entries = [
    { label: 'New diagram' },
    { label: 'Undo' },
    { label: 'Tidy up layout' },
    { label: 'Payment Service', keywords: 'service' },
    { label: 'Bank API', keywords: 'external' },
    { label: 'Play / pause' },
  ];

  it('with no query, lists everything in the given order', () => {
    expect(labels(searchEntries('', entries))).toEqual(labels(entries));
    expect(labels(searchEntries('   ', entries))).toEqual(labels(entries));
  });

  it('ranks the likeliest first and leaves out what does not match', () => {
    expect(labels(searchEntries('pa', entries))).toEqual([
      'Payment Service',
      'Play / pause',
      'Tidy up layout',
    ]);
    expect(labels(searchEntries('tidy', entries))).toEqual(['Tidy up layout']);
    expect(labels(searchEntries('external', entries))).toEqual(['Bank API']);
    expect(searchEntries('zzz', entries)).toEqual([]);
  });
});
