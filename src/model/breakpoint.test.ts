import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BREAKPOINT_KIND_INFO } from './breakpointKinds';
import { parseDiagram } from './parse';
import { BREAKPOINT_KINDS, CURRENT_VERSION, LIMITS } from './schema';

const errorsOf = (input: unknown) => {
  const r = parseDiagram(input);
  return r.ok ? [] : r.errors;
};

describe('breakpoints in the diagram', () => {
  it('a version-2 file opens as version 3 with no breakpoints, its objective kept, through the named migration', () => {
    const raw = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/v2-checkout.json'), 'utf8'));
    expect(raw.version).toBe(2);
    const r = parseDiagram(raw);
    expect(r).toMatchObject({
      ok: true,
      migratedFrom: 2,
      migrations: [
        'diagrams may have breakpoints (nothing to change)',
        'diagrams may have a deck of scenes (nothing to change)',
        'scenes may show panels (nothing to change)',
      ],
      diagram: { version: CURRENT_VERSION, breakpoints: [] },
    });
    expect(r.ok && r.diagram.services[0]!.objective).toEqual(raw.services[0].objective);
  });

  it('fills a breakpoint’s defaults: on, any target, no value', () => {
    const r = parseDiagram({ breakpoints: [{ id: 'b1', kind: 'circuit-open' }] });
    expect(r.ok && r.diagram.breakpoints).toEqual([
      { id: 'b1', kind: 'circuit-open', enabled: true, target: '', value: 0 },
    ]);
  });

  it('says what is wrong with a bad breakpoint, and where', () => {
    expect(errorsOf({ breakpoints: [{ id: 'b1', kind: 'sometimes' }] })[0]?.path).toBe('breakpoints[0].kind');
    expect(errorsOf({ breakpoints: [{ id: 'b1', kind: 'time', value: -5 }] })).toEqual([
      { path: 'breakpoints[0].value', message: 'must not be negative' },
    ]);
    const many = Array.from({ length: LIMITS.breakpoints + 1 }, (_, i) => ({ id: `b${i}`, kind: 'time' }));
    expect(errorsOf({ breakpoints: many })[0]?.message).toBe(`at most ${LIMITS.breakpoints} breakpoints`);
  });

  it('every kind is described, with what it names filled in or "any"', () => {
    for (const kind of BREAKPOINT_KINDS) {
      const info = BREAKPOINT_KIND_INFO[kind];
      const b = { id: 'b', kind, enabled: true, target: '', value: info.value?.fallback ?? 0 };
      expect(info.describe(b, '').length).toBeGreaterThan(5);
    }
    const open = { id: 'b', kind: 'circuit-open' as const, enabled: true, target: 'pay', value: 0 };
    expect(BREAKPOINT_KIND_INFO['circuit-open'].describe(open, 'POST /pay')).toBe(
      'Circuit opens on POST /pay',
    );
  });
});
