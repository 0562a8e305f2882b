import { z } from 'zod';

/**
 * The shape of one field of a zod schema, as far as a serialization format cares: its type, its
 * options (enum options, literal values, a union's discriminator values, in order), its default and
 * whether it may be missing or null. Checks (min, max, whole numbers, lengths) are left out: they
 * decide what is valid, not how a value is written.
 */
export interface FieldShape {
  type: 'string' | 'number' | 'boolean' | 'literal' | 'enum' | 'array' | 'object' | 'union';
  /** Enum options, literal values, or (for a discriminated union) its discriminator values. */
  options?: readonly (string | number | boolean)[];
  /** The field that tells a discriminated union's options apart. */
  discriminator?: string;
  /** What the schema gives when the field is left out (the full value, nested defaults applied). */
  default?: unknown;
  optional?: true;
  nullable?: true;
}

/** Every field of a schema by path: `services[].kind`, `edges[]<sync>.backoff.baseMs`. */
export type SchemaFields = Record<string, FieldShape>;

/**
 * Walks a zod schema (objects, arrays, discriminated unions, enums, literals and the optional,
 * default and nullable wrappers, recursively) into a flat list of its fields by path. An array's
 * items are `path[]`; a discriminated union's option with discriminator value `v` is `path<v>`.
 * A zod type it doesn't know fails loudly, so a new kind of field can't slip past.
 */
export function schemaFields(schema: z.ZodType, root = ''): SchemaFields {
  const out: SchemaFields = {};
  walk(schema, root, out);
  return out;
}

function walk(schema: z.ZodType, path: string, out: SchemaFields): void {
  const flags: Pick<FieldShape, 'default' | 'optional' | 'nullable'> = {};
  let inner = schema;
  for (;;) {
    if (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) {
      // The effective default: parsing "left out" applies nested defaults as the schema does.
      if (!('default' in flags)) flags.default = inner.parse(undefined);
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodOptional) {
      flags.optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodNullable) {
      flags.nullable = true;
      inner = inner.unwrap() as z.ZodType;
    } else break;
  }
  const at = (shape: Omit<FieldShape, keyof typeof flags>) => {
    if (path !== '') out[path] = { ...shape, ...flags };
  };
  if (inner instanceof z.ZodObject) {
    at({ type: 'object' });
    walkFields(inner, path, out);
  } else if (inner instanceof z.ZodArray) {
    at({ type: 'array' });
    walk(inner.element as z.ZodType, `${path}[]`, out);
  } else if (inner instanceof z.ZodDiscriminatedUnion) {
    const discriminator = inner.def.discriminator;
    const options = inner.options as z.ZodType[];
    const values = options.map((option) => discriminatorValue(option, discriminator, path));
    at({ type: 'union', discriminator, options: values });
    options.forEach((option, i) => walkFields(option as z.ZodObject, `${path}<${String(values[i])}>`, out));
  } else if (inner instanceof z.ZodEnum) {
    at({ type: 'enum', options: inner.options as Array<string | number> });
  } else if (inner instanceof z.ZodLiteral) {
    at({ type: 'literal', options: [...inner.values] as Array<string | number | boolean> });
  } else if (inner instanceof z.ZodString) at({ type: 'string' });
  else if (inner instanceof z.ZodNumber) at({ type: 'number' });
  else if (inner instanceof z.ZodBoolean) at({ type: 'boolean' });
  else {
    throw new Error(
      `schemaFields: ${path || 'the schema'} is a zod ${inner.def.type}, which it doesn't know; ` +
        'teach it in src/model/schema-shape.ts (and the link format guard will show the change)',
    );
  }
}

/** The fields of an object, under `path`. */
function walkFields(object: z.ZodObject, path: string, out: SchemaFields): void {
  for (const [key, field] of Object.entries(object.shape as Record<string, z.ZodType>))
    walk(field, path === '' ? key : `${path}.${key}`, out);
}

function discriminatorValue(option: z.ZodType, discriminator: string, path: string) {
  const field =
    option instanceof z.ZodObject ? (option.shape as Record<string, z.ZodType>)[discriminator] : null;
  if (!(field instanceof z.ZodLiteral) || field.values.size !== 1)
    throw new Error(`schemaFields: an option of ${path} has no single literal "${discriminator}"`);
  return [...field.values][0] as string | number | boolean;
}

/** The differences between two field lists, one line each, in path order; empty when they agree. */
export function fieldDifferences(expected: SchemaFields, actual: SchemaFields): string[] {
  const paths = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const lines: string[] = [];
  for (const path of paths) {
    const was = expected[path];
    const now = actual[path];
    if (!was) lines.push(`+ ${path}: added (${describeField(now!)})`);
    else if (!now) lines.push(`- ${path}: removed (was ${describeField(was)})`);
    else if (describeField(was) !== describeField(now))
      lines.push(`~ ${path}: was ${describeField(was)}, now ${describeField(now)}`);
  }
  return lines;
}

/** One field's shape as a line of text (stable key order, so equal shapes give equal lines). */
export function describeField(shape: FieldShape): string {
  const parts: string[] = [shape.type];
  if (shape.discriminator !== undefined) parts.push(`by ${shape.discriminator}`);
  if (shape.options) parts.push(`[${shape.options.map((o) => JSON.stringify(o)).join(', ')}]`);
  if (shape.optional) parts.push('optional');
  if (shape.nullable) parts.push('nullable');
  if ('default' in shape) parts.push(`default ${stable(shape.default)}`);
  return parts.join(' ');
}

/** JSON with object keys sorted, so a default's text doesn't depend on the schema's field order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
