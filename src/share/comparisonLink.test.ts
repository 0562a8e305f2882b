import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeEdgeKind } from '../model/edits';
import type { Diagram } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { comparisonJson, encodeComparisonLink, readComparisonJson } from './comparisonLink';
import { decodeLink, encodeLink, LINK_FORMAT } from './link';
import { applyVariantDiff, variantDiff } from './variantDiff';

const a: Diagram = {
  ...checkoutExample,
  faults: [
    {
      id: 'f1',
      kind: 'down',
      target: 'payment',
      atMs: 20_000,
      durationMs: 10_000,
      factor: 5,
      rate: 0.5,
      source: 'script',
    },
  ],
};
const b: Diagram = { ...changeEdgeKind(a, 'e-orders-payment', 'queue'), name: 'Checkout (variant B)' };

describe('comparison links', () => {
  it('round-trip A and B, B as a short difference from A', () => {
    const link = encodeComparisonLink(a, b);
    expect(link).toMatch(new RegExp(`^c1\\.m${LINK_FORMAT}\\.[\\w-]+\\.[\\w-]+$`));
    const r = decodeLink(`https://example.org/microsim/#${link}`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.diagram).toEqual(a);
    expect(r.variant).toEqual(b);
    // The difference costs a few hundred characters beyond A's own link.
    expect(link.length - encodeLink(a).length).toBeLessThan(600);
  });

  it('round-trip a variant with services removed, added and reordered, and its own faults', () => {
    const extra = { ...a.services.find((s) => s.id === 'orders')!, id: 'orders-2', name: 'Order Service 2' };
    const variant: Diagram = {
      ...a,
      services: [extra, ...a.services.filter((s) => s.id !== 'email').reverse()],
      edges: a.edges.filter((e) => e.to !== 'email'),
      faults: [],
    };
    expect(applyVariantDiff(a, variantDiff(a, variant))).toEqual(variant);
    const r = decodeLink(encodeComparisonLink(a, variant));
    expect(r.ok && r.variant).toEqual(variant);
  });

  it('a diagram against itself is an empty difference', () => {
    expect(variantDiff(a, a)).toEqual({ v: 1 });
  });

  it('an old link still opens, without a variant', () => {
    const r = decodeLink(encodeLink(a));
    expect(r.ok).toBe(true);
    expect(r.ok && r.variant).toBeUndefined();
    for (const format of [1, 2, 3]) {
      const fixture = JSON.parse(
        readFileSync(join(__dirname, 'fixtures', `links-v${format}.json`), 'utf8'),
      ) as {
        links: Array<{ name: string; link: string }>;
      };
      for (const { name, link } of fixture.links) {
        const old = decodeLink(link);
        expect(old.ok, `${format}: ${name}`).toBe(true);
        expect(old.ok && old.variant, name).toBeUndefined();
      }
    }
  });

  it('a mangled comparison link says what is wrong', () => {
    const link = encodeComparisonLink(a, b);
    const cut = link.slice(0, link.lastIndexOf('.'));
    expect(decodeLink(cut)).toMatchObject({
      ok: false,
      error: { code: 'truncated', message: expect.stringContaining('variant B is missing') },
    });
    const last = link.length - 5;
    const altered = link.slice(0, last) + (link[last] === 'A' ? 'B' : 'A') + link.slice(last + 1);
    expect(decodeLink(altered)).toMatchObject({
      ok: false,
      error: { code: 'corrupt', message: expect.stringContaining('This comparison link is damaged') },
    });
    expect(decodeLink(link.replace(/^c1\./, 'c9.'))).toMatchObject({
      ok: false,
      error: { code: 'future-version' },
    });
    // A's part damaged: the ordinary link reader's message.
    const aPart = link.replace(
      new RegExp(`^c1\\.m${LINK_FORMAT}\\.(.)`),
      (_, ch: string) => `c1.m${LINK_FORMAT}.${ch === 'x' ? 'y' : 'x'}`,
    );
    expect(decodeLink(aPart).ok).toBe(false);
  });

  it('a variant that is not a valid diagram is refused with where', () => {
    const broken = { ...b, edges: [...b.edges, { ...b.edges[0]!, id: 'e-new', to: 'nowhere' }] } as Diagram;
    const r = decodeLink(encodeComparisonLink(a, broken));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid-diagram', message: expect.stringContaining('variant B is not valid: edges') },
    });
  });
});

describe('comparison files', () => {
  it('round-trip A and B; an ordinary diagram file is not one; a bad variant is named by path', () => {
    expect(readComparisonJson(comparisonJson(a, b))).toEqual({ ok: true, a, b });
    expect(readComparisonJson(JSON.stringify(a))).toBeNull();
    expect(readComparisonJson('{ not json')).toBeNull();
    const bad = readComparisonJson(
      JSON.stringify({ microsimComparison: 1, a, b: { services: [{ id: 'x', kind: 'robot' }] } }),
    );
    expect(bad).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ path: expect.stringMatching(/^b\.services/) })],
    });
  });
});
