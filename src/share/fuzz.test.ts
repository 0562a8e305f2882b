import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { arbitraryDiagram } from './fixtures/arbitrary';
import { generateDiagram } from './fixtures/generate';
import { exportDiagramJson, importDiagramJson } from './json';
import { decodeLink, encodeLink, type LinkErrorCode } from './link';
import { MemoryStore } from '../storage/memory-store';
import { openSharedLink } from '../storage/open-shared-link';
import { RecentDiagrams } from '../storage/recent';
import { DocumentSession } from '../storage/session';
import { DiagramStorage, loadDiagramReader } from '../storage/storage';

const LINK_CODES: LinkErrorCode[] = [
  'truncated',
  'corrupt',
  'future-version',
  'not-a-link',
  'invalid-diagram',
];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A store holding the person's diagrams, to prove that bad input leaves it exactly as it was. */
function populatedStore() {
  let t = 0;
  const store = new MemoryStore();
  const storage = new DiagramStorage(store, { now: () => ++t });
  const recent = new RecentDiagrams(storage);
  storage.saveCurrent({ ...SCENARIOS[0]!.diagram, viewport: { x: 1, y: 2, zoom: 1 } });
  recent.save(generateDiagram(12));
  return { store, recent: new DocumentSession(storage, recent), before: store.snapshot() };
}

/** Every rejected input must come back as a known code with a real sentence. */
function expectSpecificLinkError(input: string) {
  const r = decodeLink(input);
  if (r.ok) return r;
  expect(LINK_CODES).toContain(r.error.code);
  expect(r.error.message.length).toBeGreaterThan(25);
  return r;
}

const links = [SCENARIOS[0]!.diagram, generateDiagram(20), generateDiagram(40, 3)].map((d) => encodeLink(d));

// Reading stored diagrams needs the diagram parser, which the app loads with import().
beforeAll(loadDiagramReader);

describe('fuzz: links', () => {
  it('every truncation of a link is reported as truncated (or, at the very start, as not a link)', () => {
    for (const link of links.slice(0, 2)) {
      for (let cut = 0; cut < link.length - 1; cut++) {
        const r = expectSpecificLinkError(link.slice(0, cut));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe(cut < 3 ? 'not-a-link' : 'truncated');
      }
    }
  });

  it('every single-character change is caught, never opening a different diagram', () => {
    const link = links[0]!;
    const original = decodeLink(link);
    let caught = 0;
    for (let i = 3; i < link.length; i++) {
      for (const ch of [B64[(B64.indexOf(link[i]!) + 1) % 64]!, B64[(B64.indexOf(link[i]!) + 33) % 64]!]) {
        const r = expectSpecificLinkError(link.slice(0, i) + ch + link.slice(i + 1));
        // The last character's spare bits can change without changing a byte, and so can the
        // padding bits after deflate's end-of-block code in the last byte; then it is the same link.
        if (r.ok) expect(r).toEqual(original);
        else caught++;
      }
    }
    expect(caught).toBeGreaterThan((link.length - 3) * 2 - 6);
  });

  it('random mutations, insertions and deletions: no exception, a specific error, storage untouched', () => {
    const { store, recent } = populatedStore();
    let before = store.snapshot();
    fc.assert(
      fc.property(
        fc.constantFrom(...links),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('set', 'insert', 'delete'),
            fc.constantFrom(...B64, '%', '.', ' ', 'é'),
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (link, edits) => {
          let s = link;
          for (const [at, op, ch] of edits) {
            const i = 3 + (at % Math.max(1, s.length - 3));
            s =
              op === 'set'
                ? s.slice(0, i) + ch + s.slice(i + 1)
                : op === 'insert'
                  ? s.slice(0, i) + ch + s.slice(i)
                  : s.slice(0, i) + s.slice(i + 1);
          }
          const r = openSharedLink(s, SCENARIOS[0]!.diagram, recent);
          if (!r.ok) {
            expect(LINK_CODES).toContain(r.error.code);
            expect(store.snapshot()).toEqual(before);
          } else before = store.snapshot(); // a spare-bit change still opens, and files the own diagram
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('random text and random base64 behind a valid prefix: no exception, a specific error', () => {
    const { store, recent, before } = populatedStore();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
          fc.stringMatching(/^m[0-9]{1,3}\.[A-Za-z0-9_-]{0,300}$/),
          fc.stringMatching(/^https:\/\/x\.org\/#m1\.[A-Za-z0-9_-]{0,300}$/),
        ),
        (input) => {
          const r = openSharedLink(input, SCENARIOS[0]!.diagram, recent);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(LINK_CODES).toContain(r.error.code);
          expect(store.snapshot()).toEqual(before);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('fuzz: JSON files', () => {
  const CODES = ['empty', 'too-large', 'not-json', 'future-version', 'invalid-diagram'];
  const texts = [exportDiagramJson(SCENARIOS[0]!.diagram), exportDiagramJson(generateDiagram(20))];

  it('truncated and mutated exports: no exception, a specific error with a located message', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.nat(),
        fc.oneof(fc.constant(''), fc.constantFrom('"', '{', '}', ',', ':', '-', '1', 'x', '\n', ']', 'null')),
        fc.boolean(),
        (text, at, insert, cut) => {
          const i = at % text.length;
          const mutated = cut ? text.slice(0, i) : text.slice(0, i) + insert + text.slice(i + 1);
          const r = importDiagramJson(mutated);
          if (r.ok) return;
          expect(CODES).toContain(r.code);
          expect(r.message.length).toBeGreaterThan(15);
          if (r.code === 'not-json') expect(r.message).toMatch(/line \d+, column \d+/);
          if (r.code === 'invalid-diagram') for (const e of r.errors) expect(e.path).toMatch(/^[\w$([]/);
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('random JSON values: no exception, every error with a path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 100 })), (text) => {
        const r = importDiagramJson(text);
        if (!r.ok) {
          expect(CODES).toContain(r.code);
          for (const e of r.errors) expect(e.path.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('random diagrams with one field replaced by a wrong value are rejected at that path', () => {
    fc.assert(
      fc.property(arbitraryDiagram, fc.constantFrom(-1, 'x', null, [], {}, 1e12), (d, bad) => {
        if (!d.services.length) return;
        const raw = JSON.parse(exportDiagramJson(d)) as { services: Array<Record<string, unknown>> };
        raw.services[0]!.replicas = bad;
        const r = importDiagramJson(JSON.stringify(raw));
        expect(r).toMatchObject({ ok: false, code: 'invalid-diagram' });
        expect(!r.ok && r.errors.map((e) => e.path)).toContain('services[0].replicas');
      }),
      { numRuns: 60 },
    );
  });
});

describe('fuzz: stored data', () => {
  it('damaged autosaves start fresh and are kept aside byte for byte', () => {
    const text = JSON.stringify({ format: 1, savedAt: 1, diagram: SCENARIOS[0]!.diagram });
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('', '}', '"', 'x', '-9'), (at, insert) => {
        const i = at % text.length;
        const raw = text.slice(0, i) + insert + text.slice(i + 1);
        const store = new MemoryStore();
        store.setItem('microsim:current', raw);
        const storage = new DiagramStorage(store);
        const r = storage.loadCurrent();
        if (r.status === 'ok') return;
        expect(r.status).toBe('recovered');
        expect(storage.listQuarantined().map((q) => q.raw)).toEqual([raw]);
      }),
      { numRuns: 500 },
    );
  });
});
