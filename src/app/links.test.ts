import { describe, expect, it } from 'vitest';
import { parseRoute } from './links';

describe('parseRoute', () => {
  it.each([
    ['', { embed: false, link: null }],
    ['#', { embed: false, link: null }],
    ['#m2.abc', { embed: false, link: 'm2.abc' }],
    ['#/m2.abc', { embed: false, link: 'm2.abc' }],
    ['#/embed/m2.abc', { embed: true, link: 'm2.abc' }],
    ['#/embed/', { embed: true, link: null }],
  ])('%j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});
