import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../src/scenarios/checkout';
import { exportDiagramJson } from '../src/share/json';
import { generateSchema, SCHEMA_PATH } from './generate-schema';

type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  required?: string[];
  $id?: string;
};

describe('schema/diagram.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing src/model/schema.ts)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(generateSchema());
  });

  const schema = JSON.parse(generateSchema()) as Schema;

  it('lets a minimal file be {}: nothing at the top is required', () => {
    expect(schema.required ?? []).toEqual([]);
    expect(schema.$id).toMatch(/^https:\/\//);
  });

  it('describes every field an exported file contains', () => {
    const unknown: string[] = [];
    const walk = (value: unknown, s: Schema | undefined, path: string) => {
      if (!s || value === null || typeof value !== 'object') return;
      const variants = [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])];
      if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, variants.find((x) => x.items)?.items, `${path}[${i}]`));
        return;
      }
      for (const [key, v] of Object.entries(value)) {
        const match = variants.find((x) => x.properties?.[key]);
        if (!match) unknown.push(`${path}.${key}`);
        else walk(v, match.properties![key], `${path}.${key}`);
      }
    };
    walk(JSON.parse(exportDiagramJson(checkoutExample)), schema, '');
    expect(unknown).toEqual([]);
  });
});
