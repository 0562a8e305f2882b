import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, nestingDepth, nestingProblem } from './depth';
import { parseDiagram } from './parse';

/** `[[[…value…]]]`, `depth` lists deep, built without recursion. */
function nested(depth: number, value: unknown = 5): unknown {
  let out = value;
  for (let i = 0; i < depth; i++) out = [out];
  return out;
}

describe('nestingDepth', () => {
  it('counts levels of lists and objects', () => {
    expect(nestingDepth(5)).toBe(0);
    expect(nestingDepth('text')).toBe(0);
    expect(nestingDepth(null)).toBe(0);
    expect(nestingDepth([])).toBe(1);
    expect(nestingDepth({ a: 1, b: [2, { c: [] }] })).toBe(4);
    expect(nestingDepth(nested(7))).toBe(7);
  });

  it('measures a million levels without overflowing the stack', () => {
    expect(nestingDepth({ version: nested(1_000_000) })).toBe(1_000_001);
  });
});

describe('parseDiagram of a deeply nested value', () => {
  it('says how deep and where, instead of overflowing the stack', () => {
    // The 10 KB file: {"version":[[[…5,000 deep…]]]}.
    const r = parseDiagram(JSON.parse(`{"version":${'['.repeat(5_000)}5${']'.repeat(5_000)}}`));
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: 'version',
          message: `nests lists and objects 5,001 levels deep; at most ${MAX_NESTING_DEPTH} levels are allowed`,
        },
      ],
    });
  });

  it('names the deepest field of any kind', () => {
    const r = parseDiagram({ services: [{ id: 'a', name: nested(100_000, 'x') }], edges: [] });
    expect(r.ok || r.errors[0]).toMatchObject({
      path: 'services',
      message: expect.stringContaining('100,003'),
    });
  });

  it('a diagram at the limit is judged on its content as before', () => {
    const r = parseDiagram({ name: nested(MAX_NESTING_DEPTH - 1, 'x') });
    expect(r.ok || r.errors[0]!.path).toBe('name');
    expect(r.ok || r.errors[0]!.message).toBe('must be text, got a list');
    expect(nestingProblem({ name: nested(MAX_NESTING_DEPTH - 1) })).toBeNull();
  });
});
