import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CURRENT_VERSION, Diagram } from '../src/model/schema';
import { DIAGRAM_SCHEMA_URL } from '../src/share/schema-url';

/** Where the published JSON Schema is checked in. */
export const SCHEMA_PATH = fileURLToPath(new URL('../schema/diagram.schema.json', import.meta.url));

/**
 * The published JSON Schema of a diagram file, derived from the zod schema. Input mode: fields with
 * defaults are optional, as in a hand-written file.
 */
export function generateSchema(): string {
  const generated = z.toJSONSchema(Diagram, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  const properties = rest.properties as Record<string, unknown>;
  const schema = {
    $schema,
    $id: DIAGRAM_SCHEMA_URL,
    title: `Microsim diagram (format version ${CURRENT_VERSION})`,
    description:
      'A Microsim diagram: services, edges (sync, queue, topic, saga), sticky notes, a fault script and run settings. Every field has a default, so a minimal file is {}.',
    ...rest,
    // Exported files name their schema; editors then validate and complete them.
    properties: { $schema: { type: 'string', description: 'The JSON Schema of this file.' }, ...properties },
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, generateSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
