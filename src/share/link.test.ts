import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../model/parse';
import { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { fnv1a, fromBase64Url, toBase64Url } from './bytes';
import { DICTIONARY_V1, nextId, slugId } from './codec-v1-tables';
import { arbitraryDiagram } from './fixtures/arbitrary';
import { generateDiagram } from './fixtures/generate';
import { expectDecodes, payloadOf, stringsOf } from './fixtures/linkPayload';
import { decodeLink, encodeLink, LINK_FORMAT, linkSizeWarning, shareUrl } from './link';

describe('encodeLink / decodeLink round trip', () => {
  it.each(SCENARIOS.map((s) => [s.id, s.diagram] as const))('scenario %s', (_, diagram) => {
    expectDecodes(encodeLink(diagram), diagram);
  });

  it.each([20, 100, 400])('generated diagram of %i services', (n) => {
    const d = generateDiagram(n, n);
    expectDecodes(encodeLink(d), d);
  });

  it('random valid diagrams come back identical', () => {
    fc.assert(
      fc.property(arbitraryDiagram, fc.boolean(), (diagram, autoplay) => {
        expectDecodes(encodeLink(diagram, { autoplay }), diagram, autoplay);
      }),
      { numRuns: 300 },
    );
  });

  it('carries the autoplay option', () => {
    const d = SCENARIOS[0]!.diagram;
    expect(decodeLink(encodeLink(d, { autoplay: true }))).toMatchObject({ ok: true, autoplay: true });
    expect(decodeLink(encodeLink(d))).toMatchObject({ ok: true, autoplay: false });
  });

  it('rounds positions and note sizes to whole pixels', () => {
    const d = Diagram.parse({
      services: [{ id: 'a', position: { x: 10.4, y: -3.6 } }],
      notes: [{ id: 'n', position: { x: 0.5, y: 1.49 }, width: 200.7 }],
    });
    const back = decodeLink(encodeLink(d));
    expect(back.ok && back.diagram.services[0]!.position).toEqual({ x: 10, y: -4 });
    expect(back.ok && back.diagram.notes[0]).toMatchObject({ position: { x: 1, y: 1 }, width: 201 });
  });
});

describe('the link format', () => {
  it('starts with the format prefix and uses only URL-safe characters', () => {
    const link = encodeLink(SCENARIOS[0]!.diagram);
    expect(link).toMatch(new RegExp(`^m${LINK_FORMAT}\\.[A-Za-z0-9_-]+$`));
  });

  it('leaves out every default: an empty diagram is a handful of characters', () => {
    const link = encodeLink(Diagram.parse({}));
    expect(link.length).toBeLessThan(20);
    // Format 5's deck section (no options, no scenes) is two bytes of it.
    expect(payloadOf(link).length).toBeLessThan(14);
  });

  it('is not raw JSON: no field names, strings stored once, edges point at services by position', () => {
    const d = SCENARIOS[0]!.diagram;
    const payload = payloadOf(encodeLink(d));
    for (const field of ['services', 'position', 'latency', 'kind', 'from', '{', '"'])
      expect(payload).not.toContain(field);
    const strings = stringsOf(encodeLink(d));
    expect(strings.filter((s) => s === 'POST /orders')).toHaveLength(1); // used by two edges, stored once
    expect(strings).toContain('Payment Service');
    expect(strings.length).toBe(new Set(strings).size);
  });

  it('leaves out ids an editor derives: numbered, kebab-case names, <from>-<to>', () => {
    expect(nextId('s9')).toBe('s10');
    expect(nextId('edge')).toBeNull();
    expect(slugId('Order Service (EU)')).toBe('order-service-eu');
    expect(slugId('Überweisung')).toBeNull();
    const numbered = stringsOf(encodeLink(generateDiagram(20)));
    expect(numbered).toContain('s1');
    expect(numbered).toContain('e1');
    expect(numbered.filter((s) => /^[se]\d+$/.test(s))).toEqual(['s1', 'e1']);
    const named = Diagram.parse({
      services: [
        { id: 'order-service', name: 'Order Service' },
        { id: 'bank', name: 'Bank' },
      ],
      edges: [{ id: 'order-service-bank', kind: 'sync', from: 'order-service', to: 'bank' }],
    });
    expect(stringsOf(encodeLink(named))).toEqual(['Order Service', 'Bank']);
    expectDecodes(encodeLink(named), named);
  });

  it('keeps the 20-service diagram’s whole link, as the Share dialog makes it, within 1,200 characters', () => {
    const d = { ...referenceDiagram(), viewport: { x: -123.456, y: 87.3, zoom: 0.8734 } };
    const link = shareUrl('https://microsim.example.org/app/', encodeLink(d, { autoplay: true }));
    expect(link.length).toBeLessThanOrEqual(1_200);
    // With room to spare for a longer address.
    expect(encodeLink(d).length).toBeLessThanOrEqual(1_100);
  });

  it('base64url round-trips every byte value and length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      const back = fromBase64Url(toBase64Url(bytes));
      expect(back.ok && [...back.bytes]).toEqual([...bytes]);
    }
  });
});

/** bench/diagrams/reference-20.json when it exists, else our own 20-service diagram. */
function referenceDiagram(): Diagram {
  try {
    const parsed = parseDiagram(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../bench/diagrams/reference-20.json'), 'utf8')),
    );
    if (parsed.ok) return parsed.diagram;
  } catch {
    // Not written yet.
  }
  return generateDiagram(20);
}

describe('decodeLink accepts what people paste', () => {
  const d = SCENARIOS[0]!.diagram;
  const link = encodeLink(d);

  it.each([
    ['a whole URL', shareUrl('https://example.org/microsim/?x=1#old', link)],
    ['a fragment', `#${link}`],
    ['the bare payload', link],
    ['an embed route', `https://example.org/#/embed/${link}`],
    ['a named parameter', `https://example.org/#d=${link}`],
    [
      'a link wrapped over lines by a mail client',
      `${link.slice(0, 60)}\n  ${link.slice(60, 140)}\r\n${link.slice(140)}`,
    ],
    ['a link in brackets followed by punctuation', `(${link}).`],
    ['a URL in angle brackets', `<https://example.org/#${link}>`],
    [
      'zero-width spaces and soft hyphens',
      `${link.slice(0, 40)}\u200b${link.slice(40, 90)}\u00ad${link.slice(90)}\ufeff`,
    ],
    [
      'a link quoted in a mail reply',
      `> https://example.org/#${link.slice(0, 70)}\n> ${link.slice(70, 200)}\n>> ${link.slice(200)}`,
    ],
    ['a percent-encoded fragment', `https://example.org/%23${link}`],
    [
      'a link wrapped by a mail scanner (Outlook safe links)',
      `https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fapp%2F%23${link}&data=05%7C01&reserved=0`,
    ],
    ['a link encoded twice', `https://t.example/?u=https%253A%252F%252Fexample.org%252F%2523${link}`],
    ['a link followed by an ellipsis of the writer’s', `https://example.org/#${link}…`],
    [
      'a zero-width space as the address bar shows it',
      `https://example.org/#${link.slice(0, 80)}%E2%80%8B${link.slice(80)}`,
    ],
  ])('%s', (_, input) => {
    expectDecodes(input, d);
  });
});

describe('decodeLink says what is wrong', () => {
  const d = SCENARIOS[0]!.diagram;
  const link = encodeLink(d);

  it('truncated', () => {
    for (const cut of [5, 20, link.length / 2, link.length - 3]) {
      const r = decodeLink(link.slice(0, Math.floor(cut)));
      expect(r).toMatchObject({ ok: false, error: { code: 'truncated' } });
    }
    expect(!decodeLink(link.slice(0, 200)).ok && decodeLink(link.slice(0, 200))).toMatchObject({
      error: { message: expect.stringContaining('incomplete — it may have been cut off when it was copied') },
    });
  });

  it('a link a chat tool shortened with an ellipsis', () => {
    for (const cut of [30, link.length / 2, link.length - 2]) {
      for (const mark of ['…', '%E2%80%A6']) {
        const r = decodeLink(`https://example.org/#${link.slice(0, Math.floor(cut))}${mark}`);
        expect(r).toMatchObject({ ok: false, error: { code: 'truncated' } });
      }
    }
  });

  it('a changed character', () => {
    const i = 100;
    const other = link[i] === 'A' ? 'B' : 'A';
    const r = decodeLink(link.slice(0, i) + other + link.slice(i + 1));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'corrupt', message: expect.stringContaining('damaged') },
    });
  });

  it('a character a link never has', () => {
    const r = decodeLink(`${link.slice(0, 50)}%${link.slice(51)}`);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'corrupt', message: expect.stringContaining('"%"') },
    });
  });

  it('a link from a newer Microsim', () => {
    const next = LINK_FORMAT + 1;
    const r = decodeLink(link.replace(/^m\d+\./, `m${next}.`));
    expect(r).toMatchObject({ ok: false, error: { code: 'future-version' } });
    expect(!r.ok && r.error.message).toMatch(
      new RegExp(`made by a newer Microsim \\(link format ${next}\\)`),
    );
  });

  it.each(['', '#', 'https://example.org/', 'hello world', '#m.abc', 'm0.abc'])('not a link: %j', (input) => {
    expect(decodeLink(input)).toMatchObject({ ok: false, error: { code: 'not-a-link' } });
  });

  it('a well-formed link to an invalid diagram lists every problem with its path', () => {
    // Built from an unvalidated diagram, as a buggy or hand-made encoder could.
    const bad = {
      ...Diagram.parse({ services: [{ id: 'a' }] }),
      edges: [
        {
          ...Diagram.parse({
            services: [{ id: 'a' }],
            edges: [{ id: 'e', kind: 'sync', from: 'a', to: 'a' }],
          }).edges[0]!,
          to: 'pay',
        },
      ],
    } as Diagram;
    const r = decodeLink(encodeLink(bad));
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-diagram',
        details: [{ path: 'edges[0].to', message: 'no service with id "pay"' }],
      },
    });
    expect(!r.ok && r.error.message).toContain('edges[0].to: no service with id "pay"');
  });

  it('intact bytes that are not laid out as format 1', () => {
    const valid = [0, 0, 0, 1, 0, 0, 0, 0, 0]; // no strings, no flags, no name, grid 1, empty lists, default run
    expect(decodeLink(linkOf(valid))).toMatchObject({ ok: true, diagram: Diagram.parse({}) });
    for (const bytes of [[], [0, 0], [...valid, 0], [3, 1, 255], [0, 9], [0, 0, 0, 1, 1, 7, 0]]) {
      const r = decodeLink(linkOf(bytes));
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'corrupt', message: expect.stringContaining('not laid out as link format 1') },
      });
    }
  });

  it('never throws on non-strings', () => {
    for (const x of [null, undefined, 42, {}, []]) {
      expect(decodeLink(x as unknown as string)).toMatchObject({ ok: false, error: { code: 'not-a-link' } });
    }
  });
});

/** A format-1 link around any bytes, framed like encodeLink does (fingerprint + raw deflate). */
function linkOf(payload: number[]): string {
  const bytes = Uint8Array.from(payload);
  const packed = deflateSync(bytes, { level: 9, dictionary: DICTIONARY_V1 });
  const h = fnv1a(bytes);
  return `m1.${toBase64Url(Uint8Array.from([(h >>> 16) & 255, (h >>> 8) & 255, h & 255, ...packed]))}`;
}

describe('linkSizeWarning', () => {
  it('is silent up to 8,000 characters and warns above', () => {
    expect(linkSizeWarning(8_000)).toBeNull();
    expect(linkSizeWarning(8_001)).toMatch(/8,001 characters.*cut links/);
  });
});
