import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { encodeLink } from './link';
import { ByteWriter } from './varint';

/** A diagram the schema would refuse, as a drifted schema or a bug could hand to the writer. */
const drifted = (raw: Record<string, unknown>) => ({ ...Diagram.parse({}), ...raw }) as unknown as Diagram;

describe('the link writer refuses what it can not write, instead of writing garbage', () => {
  it.each([-1, 0.5, NaN, Infinity, -Infinity])('an unsigned integer %s', (n) => {
    expect(() => new ByteWriter().uint(n)).toThrow(
      /got -?\w+(\.\d+)? where it needs a whole number of 0 or more/,
    );
  });

  it.each([0.5, NaN, Infinity])('a signed integer %s', (n) => {
    expect(() => new ByteWriter().sint(n)).toThrow(/where it needs a whole number$/);
  });

  it.each([NaN, Infinity, -Infinity])('a number %s', (n) => {
    expect(() => new ByteWriter().num(n)).toThrow(/not a finite number/);
  });

  it('still writes every valid value', () => {
    const w = new ByteWriter();
    for (const n of [0, 1, 127, 128, 2 ** 53, 2 ** 60, Number.MAX_VALUE]) w.uint(n);
    for (const n of [-0, -1, -(2 ** 60), 2 ** 60]) w.sint(n);
    for (const n of [0, -0.5, 1e-300, Number.MAX_VALUE]) w.num(n);
    expect(w.finish().length).toBeGreaterThan(0);
  });

  it('an enum value missing from the format’s table (a fault kind the format does not know)', () => {
    const d = drifted({
      services: [{ ...Diagram.parse({ services: [{ id: 's' }] }).services[0]! }],
      faults: [
        {
          id: 'f',
          kind: 'spike',
          target: 's',
          atMs: 0,
          durationMs: 0,
          factor: 5,
          rate: 0.5,
          source: 'script',
        },
      ],
    });
    expect(() => encodeLink(d)).toThrow(
      'link format 2 can not write faults[].kind "spike": its table has only down, slow, error, cut',
    );
  });

  it.each([
    [
      'services[].kind',
      { services: [{ ...Diagram.parse({ services: [{ id: 's' }] }).services[0]!, kind: 'robot' }] },
    ],
    ['notes[].color', { notes: [{ ...Diagram.parse({ notes: [{ id: 'n' }] }).notes[0]!, color: 'teal' }] }],
  ])('an enum value missing from the table of %s', (field, raw) => {
    expect(() => encodeLink(drifted(raw))).toThrow(`can not write ${field}`);
  });

  it('a two-valued option kept in the mask (a sync protocol the format does not know)', () => {
    const base = Diagram.parse({
      services: [{ id: 'a' }, { id: 'b' }],
      edges: [{ id: 'e', kind: 'sync', from: 'a', to: 'b' }],
    });
    const d = { ...base, edges: [{ ...base.edges[0]!, protocol: 'http3' }] } as unknown as Diagram;
    expect(() => encodeLink(d)).toThrow('can not write edges[]<sync>.protocol "http3"');
  });
});
