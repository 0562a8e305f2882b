import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../model/parse';
import { Diagram } from '../model/schema';
import { decodeLink, encodeLink, LINK_FORMAT } from './link';

const fixturesDir = join(import.meta.dirname, 'fixtures');

/**
 * The fixture files of released formats, by SHA-256. They are never rewritten (a regenerated fixture
 * would prove nothing about links already out there); a new format adds its line once.
 */
const FROZEN_FIXTURES: Record<string, string> = {
  'links-v1.json': '7aa8bda9960da3ccc921fbf63df8db7490cd7d8f005f4153c571cda35b374352',
  'links-v2.json': 'af3c9b21cbeb714247cf0f45590f1b4f60229f411ae3a37e4ecc7664d4b3dfa0',
  'links-v3.json': 'bb2420e8678539f8ca43ef3323442652361f66f0ea811411b006182ea2608dd7',
  'links-v4.json': '533fe457ddda8f4256ecef60b27e8d63bfedc09f74ad9a07ce24b76506e46cb4',
  'links-v5.json': '14f89334aaf8828374303e78c9b8772e6cf2897cf96a176f1e798b630fbabb3e',
  'links-v6.json': '5de23c4a1294e38b5e3410e621612d6324040f815f0d4360e1cc90e21d03931e',
};

interface FixtureFile {
  format: number;
  note: string;
  links: Array<{ name: string; link: string; autoplay: boolean; diagram: unknown }>;
}
const readFixtures = (file: string) =>
  JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as FixtureFile;

/**
 * `LINK_FIXTURES_WRITE=1 npx vitest run src/share/link-fixtures.test.ts` writes the fixtures of a newly
 * released format: format 1's cases and a few that exercise what changed. It never overwrites a file.
 */
if (process.env.LINK_FIXTURES_WRITE) {
  const target = join(fixturesDir, `links-v${LINK_FORMAT}.json`);
  if (existsSync(target)) throw new Error(`${target} exists: released fixtures are never rewritten`);
  const cases = readFixtures('links-v1.json').links.map((f) => {
    const parsed = parseDiagram(f.diagram);
    if (!parsed.ok) throw new Error(`links-v1.json: ${f.name} is not a valid diagram`);
    return { name: f.name, autoplay: f.autoplay, diagram: parsed.diagram };
  });
  const checkout = cases[1]!.diagram;
  cases.push(
    {
      name: 'author’s viewport and a speed',
      autoplay: false,
      diagram: {
        ...checkout,
        viewport: { x: -123, y: 87, zoom: 0.873 },
        run: { ...checkout.run, speed: 2.5 },
      },
    },
    {
      name: 'a client with every objective field (format 3)',
      autoplay: false,
      diagram: {
        ...checkout,
        services: checkout.services.map((s, i) =>
          i === 0
            ? { ...s, objective: { windowMs: 2_500, percentile: 'p95', latencyMs: 312.5, success: 0.995 } }
            : s,
        ),
      },
    },
    {
      name: 'two clients, objectives with defaults and one target each (format 3)',
      autoplay: true,
      diagram: Diagram.parse({
        services: [
          { id: 'web', kind: 'client', objective: { success: 0.9 } },
          { id: 'api', kind: 'gateway' },
          { id: 'mobile', kind: 'client', objective: { latencyMs: 300 } },
        ],
        edges: [{ id: 'e1', kind: 'sync', from: 'web', to: 'api' }],
      }),
    },
    {
      name: 'breakpoints of every kind, one off, with targets, values and other scripts (format 4)',
      autoplay: false,
      diagram: {
        ...checkout,
        breakpoints: [
          { id: 'b1', kind: 'circuit-open', enabled: true, target: 'order-payment', value: 0 },
          { id: 'b2', kind: 'saga-compensated', enabled: false, target: 'Bestellung 注文', value: 0 },
          { id: 'b3', kind: 'saga-stuck', enabled: true, target: '', value: 0 },
          { id: 'b4', kind: 'dead-letter', enabled: true, target: 'jobs', value: 0 },
          { id: 'b5', kind: 'queue-depth', enabled: true, target: '', value: 25 },
          { id: 'b6', kind: 'slow-request', enabled: true, target: 'client', value: 812.5 },
          { id: 'b7', kind: 'objective-missed', enabled: true, target: 'client', value: 0 },
          { id: 'b8', kind: 'time', enabled: true, target: '', value: 12_345 },
        ],
      },
    },
    {
      name: 'a deck: a scene of its own diagram with a fault and a camera, one of another diagram (format 5)',
      autoplay: false,
      diagram: Diagram.parse({
        ...checkout,
        scenes: [
          {
            id: 'scene1',
            title: 'Healthy',
            narration: 'Orders flow.',
            notes: 'Point at the gateway 注文',
            diagram: { ...checkout, run: { ...checkout.run, untilMs: 8_000 } },
            camera: { x: -40, y: 10.5, width: 900, height: 500 },
          },
          {
            id: 'scene2',
            title: 'Payment down',
            diagram: {
              ...checkout,
              faults: [{ id: 'f1', kind: 'down', target: checkout.services[1]!.id, atMs: 2_000 }],
            },
          },
          { id: 'scene3', title: 'Another diagram', diagram: cases[0]!.diagram },
        ],
      }),
    },
    {
      name: 'a deck whose scenes show panels: Metrics, the Trace tab, none, and an older scene without (format 6)',
      autoplay: false,
      diagram: Diagram.parse({
        ...checkout,
        scenes: [
          { id: 'scene1', title: 'Metrics', diagram: checkout, panels: { metrics: true, log: null } },
          { id: 'scene2', title: 'Trace', diagram: checkout, panels: { metrics: true, log: 'trace' } },
          { id: 'scene3', title: 'Log only', diagram: checkout, panels: { log: 'log' } },
          { id: 'scene4', title: 'Bare', diagram: checkout, panels: {} },
          { id: 'scene5', title: 'Older', diagram: checkout },
        ],
      }),
    },
    {
      name: 'texts with NUL, emoji and other scripts (length-prefixed table)',
      autoplay: false,
      diagram: Diagram.parse({
        name: 'Zero\u0000byte 🚀',
        services: [{ id: 'z', name: 'Überweisung 支払い' }],
      }),
    },
  );
  const file: FixtureFile = {
    format: LINK_FORMAT,
    note: `Links written by link format ${LINK_FORMAT}. Never edit: they prove old links keep opening. Each decodes to \`diagram\`.`,
    links: cases.map((c) => ({
      name: c.name,
      autoplay: c.autoplay,
      link: encodeLink(c.diagram, { autoplay: c.autoplay }),
      diagram: c.diagram,
    })),
  };
  writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
}

describe('links of every released format keep opening', () => {
  const files = readdirSync(fixturesDir).filter((f) => /^links-v\d+\.json$/.test(f));

  it.each(files)('%s is exactly as it was released', (file) => {
    const hash = createHash('sha256')
      .update(readFileSync(join(fixturesDir, file)))
      .digest('hex');
    expect(FROZEN_FIXTURES[file], `record ${file}'s checksum when its format is released`).toBe(hash);
  });

  it('has fixtures for every format up to the current one', () => {
    const formats = files.map((f) => Number(/\d+/.exec(f)![0])).sort((a, b) => a - b);
    expect(formats).toEqual(Array.from({ length: LINK_FORMAT }, (_, i) => i + 1));
  });

  for (const file of files) {
    const fixtures = readFixtures(file);
    it.each(fixtures.links.map((f) => [f.name, f] as const))(`${file}: %s`, (_, f) => {
      expect(f.link.startsWith(`m${fixtures.format}.`)).toBe(true);
      // The expected diagram is stored as written then; parseDiagram brings it to today's model.
      const expected = parseDiagram(f.diagram);
      if (!expected.ok) throw new Error('fixture diagram is invalid');
      const result = decodeLink(f.link);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      expect(result.diagram).toEqual(expected.diagram);
      expect(result.autoplay).toBe(f.autoplay);
    });
  }
});
