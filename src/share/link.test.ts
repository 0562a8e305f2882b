import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { deflateSync, inflateSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../model/parse';
import { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { fnv1a, fromBase64Url, toBase64Url } from './bytes';
import { DICTIONARY_V1, nextId, slugId } from './codec-v1';
import { ByteReader } from './varint';
import { arbitraryDiagram } from './fixtures/arbitrary';
import { generateDiagram } from './fixtures/generate';
import { decodeLink, encodeLink, LINK_FORMAT, linkSizeWarning, shareUrl } from './link';

const fixturesDir = join(import.meta.dirname, 'fixtures');

/** The bytes inside a link, read as text, to check what the encoding carries. */
function payloadOf(link: string): string {
  return strFromU8(bytesOf(link), true);
}
function bytesOf(link: string): Uint8Array {
  const b = fromBase64Url(link.slice(link.indexOf('.') + 1));
  if (!b.ok) throw new Error('bad base64');
  return inflateSync(b.bytes.subarray(3), { dictionary: DICTIONARY_V1 });
}
/** The string table at the start of a format-1 payload. */
function stringsOf(link: string): string[] {
  const r = new ByteReader(bytesOf(link));
  return Array.from({ length: r.uint() }, () => new TextDecoder().decode(r.take(r.uint())));
}

function expectDecodes(link: string, diagram: Diagram, autoplay = false) {
  const result = decodeLink(link);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect(result.diagram).toEqual(diagram);
  expect(result.autoplay).toBe(autoplay);
}

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
    expect(payloadOf(link).length).toBeLessThan(12);
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

  it('keeps the 20-service diagram within 1,200 characters', () => {
    const d = referenceDiagram();
    expect(encodeLink(d).length).toBeLessThanOrEqual(1_200);
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

describe('links of every released format keep opening', () => {
  const files = readdirSync(fixturesDir).filter((f) => /^links-v\d+\.json$/.test(f));

  it('has fixtures for every format up to the current one', () => {
    const formats = files.map((f) => Number(/\d+/.exec(f)![0])).sort((a, b) => a - b);
    expect(formats).toEqual(Array.from({ length: LINK_FORMAT }, (_, i) => i + 1));
  });

  for (const file of files) {
    const fixtures = JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as {
      links: Array<{ name: string; link: string; autoplay: boolean; diagram: unknown }>;
    };
    it.each(fixtures.links.map((f) => [f.name, f] as const))(`${file}: %s`, (_, f) => {
      // The expected diagram is stored as written then; parseDiagram brings it to today's model.
      const expected = parseDiagram(f.diagram);
      if (!expected.ok) throw new Error('fixture diagram is invalid');
      expectDecodes(f.link, expected.diagram, f.autoplay);
    });
  }
});

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
    const r = decodeLink(link.replace(/^m1\./, 'm3.'));
    expect(r).toMatchObject({ ok: false, error: { code: 'future-version' } });
    expect(!r.ok && r.error.message).toMatch(/made by a newer Microsim \(link format 3\)/);
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
