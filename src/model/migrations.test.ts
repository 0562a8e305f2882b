import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, type Migration } from './migrations';
import { parseDiagram } from './parse';
import { CURRENT_VERSION } from './schema';

// A made-up history: version 1 called services "nodes", version 2 kept latency as a bare number.
const history: Migration[] = [
  {
    from: 1,
    name: 'rename nodes to services',
    up: ({ nodes, ...rest }) => ({ ...rest, services: nodes }),
  },
  {
    from: 2,
    name: 'latency as a distribution',
    up: (raw) => ({
      ...raw,
      services: (raw.services as Array<Record<string, unknown>>).map(({ latency, ...s }) => ({
        ...s,
        latency: { dist: 'fixed', ms: latency },
      })),
    }),
  },
];

describe('migrate', () => {
  it('applies every step in order and stamps each version', () => {
    const r = migrate({ version: 1, nodes: [{ id: 'a', latency: 7 }] }, history, 3);
    expect(r).toEqual({
      ok: true,
      raw: { version: 3, services: [{ id: 'a', latency: { dist: 'fixed', ms: 7 } }] },
      from: 1,
      applied: ['rename nodes to services', 'latency as a distribution'],
    });
  });

  it('starts from the middle of the history', () => {
    const r = migrate({ version: 2, services: [{ id: 'a', latency: 3 }] }, history, 3);
    expect(r).toMatchObject({ ok: true, from: 2, applied: ['latency as a distribution'] });
  });

  it('leaves the input object untouched', () => {
    const input = { version: 1, nodes: [{ id: 'a', latency: 7 }] };
    const copy = structuredClone(input);
    migrate(input, history, 3);
    expect(input).toEqual(copy);
  });

  it('takes a file without a version to be of the current version', () => {
    expect(migrate({ services: [] }, history, 3)).toMatchObject({ ok: true, from: 3, applied: [] });
  });

  it('refuses a newer version, a gap in the history and a non-number version', () => {
    expect(migrate({ version: 4 }, history, 3)).toMatchObject({
      ok: false,
      message: expect.stringContaining('made by a newer Microsim (format version 4)'),
    });
    expect(migrate({ version: 0 }, history, 3)).toEqual({
      ok: false,
      message: 'no migration from format version 0',
    });
    for (const version of ['1', 1.5, -1, null]) {
      expect(migrate({ version }, history, 3)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^version must be a whole number/),
      });
    }
  });

  it('parseDiagram migrates before it validates, and says which steps it applied', () => {
    const zeroToOne: Migration[] = [
      { from: CURRENT_VERSION - 1, name: 'old to new', up: (raw) => ({ ...raw, name: 'moved' }) },
    ];
    const r = parseDiagram({ version: CURRENT_VERSION - 1, services: [{ id: 'a' }] }, zeroToOne);
    expect(r).toMatchObject({
      ok: true,
      migratedFrom: CURRENT_VERSION - 1,
      migrations: ['old to new'],
      diagram: { name: 'moved', version: CURRENT_VERSION },
    });
    expect(parseDiagram({ version: CURRENT_VERSION - 1 }, [])).toEqual({
      ok: false,
      errors: [{ path: 'version', message: `no migration from format version ${CURRENT_VERSION - 1}` }],
    });
  });

  it('the released history has one step per past version, in order', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(
      Array.from({ length: CURRENT_VERSION - 1 }, (_, i) => i + 1),
    );
  });
});
