import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { fieldDifferences, schemaFields, type SchemaFields } from '../model/schema-shape';
import { LINK_FORMAT, LINK_FORMAT_FIELDS } from './link';

/** What to do when the schema and the current link format's frozen field list disagree. */
function guardMessage(differences: string[], format = LINK_FORMAT): string {
  const next = format + 1;
  return [
    `The diagram schema (src/model/schema.ts) no longer matches link format ${format}'s frozen field list`,
    '(src/share/codec-v1-fields.ts, registered for the format in CODECS, src/share/link.ts):',
    ...differences.map((line) => `  ${line}`),
    '',
    `Links of format ${format} can't carry this: a new field would vanish from every link, a new or moved`,
    'enum option would be written with the wrong index (or none), a changed default would change what',
    'links that leave the field out mean. Do NOT edit the frozen list or the codec of a released format.',
    'Instead (src/share/LINK-FORMAT.md, "Link format guard"):',
    `  1. Define link format ${next}: src/share/codec-v${next}.ts (encode/decode) and its frozen field list`,
    `     codec-v${next}-fields.ts, the schema's fields as they are now (print them as TypeScript with`,
    '     LINK_FIELDS_PRINT=1 npx vitest run src/share/link-format-guard.test.ts); register both in',
    `     CODECS and set LINK_FORMAT to ${next}.`,
    `  2. Keep the decoders of formats 1 to ${format} exactly as they are: they read their own frozen`,
    '     lists, and parseDiagram (model migrations) brings what they return up to date.',
    `  3. Add fixture links: LINK_FIXTURES_WRITE=1 npx vitest run src/share/link-fixtures.test.ts writes`,
    `     links-v${next}.json (record its SHA-256 in FROZEN_FIXTURES), and EXAMPLE_LINKS_WRITE=1 npx vitest`,
    `     run src/share/link-bytes.test.ts records encoded-examples-v${next}.json (its SHA-256 goes in`,
    `     FROZEN_EXAMPLES). Keep links-v1..v${format}.json:`,
    '     they prove that old links still open into the new schema.',
  ].join('\n');
}

/** A field list as the TypeScript of a frozen `codec-vN-fields.ts`, for a new format. */
function printFields(fields: SchemaFields): string {
  const lines = Object.entries(fields).map(([path, shape]) => `  '${path}': ${JSON.stringify(shape)},`);
  return `export const FIELDS_VN = {\n${lines.join('\n')}\n} as const satisfies SchemaFields;\n`;
}

if (process.env.LINK_FIELDS_PRINT) console.log(printFields(schemaFields(Diagram)));

describe('link format guard', () => {
  it(`the diagram schema has exactly the fields link format ${LINK_FORMAT} carries`, () => {
    const differences = fieldDifferences(LINK_FORMAT_FIELDS, schemaFields(Diagram));
    if (differences.length) expect.fail(guardMessage(differences));
  });

  it('names every difference and says what to do', () => {
    const message = guardMessage(['+ edges[]<sync>.priority: added (number optional)'], 2);
    expect(message).toContain('+ edges[]<sync>.priority: added');
    expect(message).toMatch(/Define link format 3/);
    expect(message).toMatch(/Keep the decoders of formats 1 to 2/);
    expect(message).toMatch(/links-v3\.json/);
  });
});
