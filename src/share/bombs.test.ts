import { describe, expect, it } from 'vitest';
import { LIMITS } from '../model/schema';
import { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { ByteWriter } from './varint';
import { linkOfPayload, longTextBomb, serviceBomb, textBomb, trailingBomb } from './fixtures/bombs';
import { decodeLink, encodeLink, LONG_LINK_CHARS, type DecodeStats } from './link';

/** Decodes with the cost recorded: the bound is on bytes unpacked, a measure that doesn't depend on the machine. */
function decodeCounting(link: string) {
  const stats: DecodeStats = { inflatedBytes: 0 };
  const result = decodeLink(link, stats);
  return { result, inflated: stats.inflatedBytes };
}

/** About what one step of input unpacks to at deflate's best ratio (512 bytes × 1,032), and a margin. */
const FIRST_STEP_BYTES = 600_000;

describe('decompression bombs are refused before they are unpacked', () => {
  it('a link under 8,000 characters claiming 3,000,000 services', () => {
    const link = serviceBomb(3_000_000);
    expect(link.length).toBeLessThan(LONG_LINK_CHARS);
    const { result, inflated } = decodeCounting(link);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-diagram',
        message: 'This link opens, but the diagram in it is not valid: services: at most 2000 services.',
        details: [{ path: 'services', message: 'at most 2000 services' }],
      },
    });
    // The payload is 6 MB; reading stops at the count, in the first piece unpacked.
    expect(inflated).toBeGreaterThan(0);
    expect(inflated).toBeLessThan(FIRST_STEP_BYTES);
  });

  it('a link at the 20 MB unpacking cap claiming 10,000,000 services', () => {
    const link = serviceBomb(9_999_000);
    const { result, inflated } = decodeCounting(link);
    expect(result).toMatchObject({ ok: false, error: { details: [{ path: 'services' }] } });
    expect(inflated).toBeLessThan(FIRST_STEP_BYTES);
  });

  it('a string table of 5,000,000 texts, and a text of 5 MB', () => {
    for (const [link, why] of [
      [textBomb(5_000_000), 'it holds 5,000,000 texts, more than any diagram can use'],
      [longTextBomb(5_000_000), 'it holds a text longer than any text of a diagram (12,000 bytes)'],
    ] as const) {
      const { result, inflated } = decodeCounting(link);
      expect(link.length).toBeLessThan(LONG_LINK_CHARS);
      expect(result).toMatchObject({ ok: false, error: { code: 'corrupt' } });
      expect(!result.ok && result.error.message).toContain(why);
      expect(inflated).toBeLessThan(FIRST_STEP_BYTES);
    }
  });

  it('an empty diagram followed by 20 MB of nothing: checked up to a bound, then refused', () => {
    const { result, inflated } = decodeCounting(trailingBomb(19_999_000));
    expect(result).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    expect(!result.ok && result.error.message).toContain('there are bytes left over after the diagram');
    expect(inflated).toBeLessThan(FIRST_STEP_BYTES + 1_000_000 + FIRST_STEP_BYTES);
  });

  it('every list past its limit is refused at its count, in the schema’s words', () => {
    const base = SCENARIOS[0]!.diagram;
    const edge = base.edges[0]!;
    const cases: Array<[Diagram, string, string]> = [
      [
        {
          ...base,
          notes: Array.from({ length: LIMITS.notes + 1 }, (_, i) => ({ ...base.notes[0]!, id: `n${i}` })),
        },
        'notes',
        'at most 1000 notes',
      ],
      [
        { ...base, edges: [{ ...edge, triggers: Array.from({ length: 51 }, (_, i) => `t${i}`) }] },
        'edges[0].triggers',
        'at most 50 triggers',
      ],
    ];
    for (const [diagram, path, message] of cases) {
      expect(decodeLink(encodeLink(diagram))).toMatchObject({
        ok: false,
        error: { code: 'invalid-diagram', details: [{ path, message }] },
      });
    }
  });

  it('a diagram at the limits still opens', () => {
    const d = Diagram.parse({
      services: Array.from({ length: LIMITS.services }, (_, i) => ({
        id: `s${i + 1}`,
        position: { x: i * 10, y: 0 },
      })),
      notes: Array.from({ length: LIMITS.notes }, (_, i) => ({ id: `n${i + 1}` })),
      faults: Array.from({ length: LIMITS.faults }, (_, i) => ({
        id: `f${i + 1}`,
        kind: 'down',
        target: `s${i + 1}`,
      })),
    });
    const r = decodeLink(encodeLink(d));
    expect(r.ok && r.diagram).toEqual(d);
  });
});

describe('what a link’s payload says is never shown as binary', () => {
  it('a number written as text that is not a number', () => {
    const w = new ByteWriter();
    w.uint(0); // no texts
    w.uint(0); // flags
    w.uint(0); // no name
    w.uint(1); // grid
    w.uint(1); // one service
    w.uint(2); // its id derived from its name
    w.uint(16); // replicas differ from the default
    const text = [0, 0xc4, 0xf3, 0x4c, 9, 0x31, 0x2e, 0x35]; // "\0ÄóL\t1.5"
    w.uint(text.length * 2 + 1);
    w.raw(Uint8Array.from(text));
    const r = decodeLink(linkOfPayload(w.finish()));
    expect(r).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    expect(!r.ok && r.error.message).toContain('a number is written as text that is not a number');
    // Nothing but printable ASCII and the typography of the app's own words.
    expect(!r.ok && r.error.message).toMatch(/^[ -~—’“”…]+$/);
  });
});

describe('text after the end of a link', () => {
  const link = encodeLink(SCENARIOS[0]!.diagram);

  it.each(['hello-world_1234', 'hello', 'x', 'AB', 'abc', 'A'.repeat(40)])(
    '%s is named, not opened',
    (extra) => {
      const r = decodeLink(`https://example.org/#${link}${extra}`);
      const shown = extra.length > 24 ? `${extra.slice(0, 24)}…` : extra;
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'corrupt',
          message: `This link has extra text at its end (“${shown}”), probably pasted or typed after it. Remove the extra text, or copy the link again.`,
        },
      });
    },
  );

  it('every scenario’s link, with and without its autoplay, has none', () => {
    for (const s of SCENARIOS) {
      for (const autoplay of [false, true])
        expect(decodeLink(encodeLink(s.diagram, { autoplay })).ok).toBe(true);
    }
  });
});
