import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../model/parse';
import { SCENARIOS } from '../scenarios';
import { generateDiagram } from './fixtures/generate';
import { encodeLink, LINK_FORMAT } from './link';

/**
 * Encoding is frozen too, not only decoding: the bundled examples and every fixture of the current
 * format must encode to the very links recorded when the format was released, byte for byte. A change
 * here means the link writer changed; see "Changing the format" in LINK-FORMAT.md.
 */
const fixturesDir = join(import.meta.dirname, 'fixtures');
const examplesFile = join(fixturesDir, `encoded-examples-v${LINK_FORMAT}.json`);

/** The recorded examples of each format, by SHA-256: edited to match a changed writer, they'd prove nothing. */
const FROZEN_EXAMPLES: Record<number, string> = {
  2: '39082e7c25f34b3a7a322796ddfb2520cca32afbd8abded9b763c04018ffac58',
  3: 'ece2e9500a61fc2998d0e1ae21fa3001475207aa3ac87bc5b89bf088713a5cee',
  4: 'f1781dbe59053e135cc62c3d6c2a9772d5dd06e6e409d5191350aac4dbd68b69',
  5: '7abf2dc8364caf6ba72ef690e8f30380abac151675fb3b186cfef6018219f6c6',
  6: '997a3fc4ee724cdce561d8cd7faec2017cb389391f6af62bbb6781459f1e10e0',
};

interface Recorded {
  name: string;
  autoplay: boolean;
  link: string;
  diagram: unknown;
}
const read = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { links: Recorded[] }).links;

/**
 * `EXAMPLE_LINKS_WRITE=1 npx vitest run src/share/link-bytes.test.ts` records the examples' links of
 * a newly released format once; it never overwrites a file.
 */
if (process.env.EXAMPLE_LINKS_WRITE) {
  if (existsSync(examplesFile)) throw new Error(`${examplesFile} exists: recorded links are never rewritten`);
  const cases = [
    ...SCENARIOS.map((s) => ({ name: `example ${s.id}`, autoplay: false, diagram: s.diagram })),
    { name: 'example checkout, autoplay', autoplay: true, diagram: SCENARIOS[0]!.diagram },
    { name: 'generated 20 services', autoplay: false, diagram: generateDiagram(20) },
    { name: 'generated 60 services, seed 5', autoplay: false, diagram: generateDiagram(60, 5) },
  ];
  const links = cases.map((c) => ({ ...c, link: encodeLink(c.diagram, { autoplay: c.autoplay }) }));
  const note = `Links that link format ${LINK_FORMAT} writes for these diagrams. Never edit.`;
  writeFileSync(examplesFile, `${JSON.stringify({ format: LINK_FORMAT, note, links }, null, 2)}\n`);
}

const recorded = [
  ...read(examplesFile),
  ...read(join(fixturesDir, `links-v${LINK_FORMAT}.json`)).map((f) => ({ ...f, name: `fixture ${f.name}` })),
];

describe(`link format ${LINK_FORMAT} writes the links it wrote when released`, () => {
  it.each(recorded.map((r) => [r.name, r] as const))('%s', (_, r) => {
    const parsed = parseDiagram(r.diagram);
    if (!parsed.ok) throw new Error('recorded diagram is invalid');
    expect(encodeLink(parsed.diagram, { autoplay: r.autoplay })).toBe(r.link);
  });

  it('compares with the links recorded at release, unedited', () => {
    const hash = createHash('sha256').update(readFileSync(examplesFile)).digest('hex');
    expect(
      FROZEN_EXAMPLES[LINK_FORMAT],
      `record ${examplesFile}'s checksum when its format is released`,
    ).toBe(hash);
  });

  it('records every bundled example', () => {
    const names = read(examplesFile).map((r) => r.name);
    for (const s of SCENARIOS) expect(names).toContain(`example ${s.id}`);
  });
});
