import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Diagram, FAULT_KINDS } from './schema';
import { fieldDifferences, schemaFields } from './schema-shape';

const Leaf = z.object({ a: z.number().default(2), b: z.string().default('x') });
const Sample = z.object({
  id: z.string().min(1),
  tags: z.array(z.string()).default([]),
  color: z.enum(['red', 'blue']).default('red'),
  maybe: z.number().optional(),
  nothing: z.string().nullable(),
  leaf: Leaf.default(() => Leaf.parse({})),
  shape: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('dot') }),
    z.object({ kind: z.literal('box'), side: z.number().default(1) }),
  ]),
});

describe('schemaFields', () => {
  it('walks objects, arrays, enums, wrappers and discriminated unions recursively', () => {
    expect(schemaFields(Sample)).toEqual({
      id: { type: 'string' },
      tags: { type: 'array', default: [] },
      'tags[]': { type: 'string' },
      color: { type: 'enum', options: ['red', 'blue'], default: 'red' },
      maybe: { type: 'number', optional: true },
      nothing: { type: 'string', nullable: true },
      leaf: { type: 'object', default: { a: 2, b: 'x' } },
      'leaf.a': { type: 'number', default: 2 },
      'leaf.b': { type: 'string', default: 'x' },
      shape: { type: 'union', discriminator: 'kind', options: ['dot', 'box'] },
      'shape<dot>.kind': { type: 'literal', options: ['dot'] },
      'shape<box>.kind': { type: 'literal', options: ['box'] },
      'shape<box>.side': { type: 'number', default: 1 },
    });
  });

  it('gives an object default with nested defaults applied (prefault)', () => {
    const fields = schemaFields(z.object({ leaf: Leaf.prefault({ a: 3 }) }));
    expect(fields.leaf).toEqual({ type: 'object', default: { a: 3, b: 'x' } });
  });

  it('refuses a zod type it does not know, naming the path', () => {
    expect(() => schemaFields(z.object({ when: z.date() }))).toThrow(/when is a zod date/);
    expect(() => schemaFields(z.object({ u: z.union([z.string(), z.number()]) }))).toThrow(
      /u is a zod union/,
    );
  });

  it('walks the whole diagram schema', () => {
    const fields = schemaFields(Diagram);
    expect(fields['faults[].kind']).toMatchObject({ type: 'enum', options: FAULT_KINDS });
    expect(fields['edges[]<sync>.backoff.jitter']).toEqual({ type: 'number', default: 0.2 });
    expect(fields.viewport).toEqual({ type: 'object', optional: true });
  });
});

describe('fieldDifferences', () => {
  const before = schemaFields(Sample);
  const diff = (after: z.ZodType) => fieldDifferences(before, schemaFields(after));

  it('is empty for the same schema', () => {
    expect(fieldDifferences(before, schemaFields(Sample))).toEqual([]);
  });

  it('names an added, a removed and a renamed field', () => {
    expect(diff(Sample.extend({ extra: z.boolean().optional() }))).toEqual([
      '+ extra: added (boolean optional)',
    ]);
    expect(diff(Sample.omit({ maybe: true }))).toEqual(['- maybe: removed (was number optional)']);
    expect(diff(Sample.omit({ id: true }).extend({ key: z.string() }))).toEqual([
      '- id: removed (was string)',
      '+ key: added (string)',
    ]);
  });

  it('names an enum option added, removed or reordered, and a changed default', () => {
    const color = (schema: z.ZodType) => diff(Sample.extend({ color: schema }));
    expect(color(z.enum(['red', 'blue', 'green']).default('red'))).toEqual([
      '~ color: was enum ["red", "blue"] default "red", now enum ["red", "blue", "green"] default "red"',
    ]);
    expect(color(z.enum(['red']).default('red'))).toHaveLength(1);
    expect(color(z.enum(['blue', 'red']).default('red'))).toHaveLength(1);
    expect(color(z.enum(['red', 'blue']).default('blue'))).toHaveLength(1);
  });

  it('ignores checks (min, max), which decide validity, not how a value is written', () => {
    expect(diff(Sample.extend({ id: z.string().min(2).max(9) }))).toEqual([]);
  });
});
