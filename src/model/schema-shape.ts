import * as z from 'zod/mini';

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
export function schemaFields(schema: ZodSchema, root = ''): SchemaFields {
  const out: SchemaFields = {};
  walk(schema, root, out);
  return out;
}

/** Any zod schema, classic or mini: the walkers read only the definitions both share. */
export type ZodSchema = z.core.$ZodType;

/** The definition of a schema, as zod's core describes it (the same for zod and zod/mini). */
export const definitionOf = (schema: ZodSchema) => (schema as z.core.$ZodTypes)._zod.def;

/** The schema inside a wrapper (default, prefault, optional, nullable), or null when it is none. */
export function unwrapped(schema: ZodSchema): ZodSchema | null {
  const definition = definitionOf(schema);
  switch (definition.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return definition.innerType;
    default:
      return null;
  }
}

/** The discriminated union's field and its options, or null when the schema is no such union. */
export function discriminatedOptions(schema: ZodSchema) {
  const definition = definitionOf(schema);
  if (definition.type !== 'union' || !('discriminator' in definition)) return null;
  return { discriminator: definition.discriminator as string, options: definition.options };
}

function walk(schema: ZodSchema, path: string, out: SchemaFields): void {
  const flags: Pick<FieldShape, 'default' | 'optional' | 'nullable'> = {};
  let inner = schema;
  for (let wrapped = unwrapped(inner); wrapped; wrapped = unwrapped(inner)) {
    const type = definitionOf(inner).type;
    // The effective default: parsing "left out" applies nested defaults as the schema does.
    if ((type === 'default' || type === 'prefault') && !('default' in flags))
      flags.default = z.parse(inner, undefined);
    if (type === 'optional') flags.optional = true;
    if (type === 'nullable') flags.nullable = true;
    inner = wrapped;
  }
  const at = (shape: Omit<FieldShape, keyof typeof flags>) => {
    if (path !== '') out[path] = { ...shape, ...flags };
  };
  const definition = definitionOf(inner);
  const union = discriminatedOptions(inner);
  if (union) {
    const values = union.options.map((option) => discriminatorValue(option, union.discriminator, path));
    at({ type: 'union', discriminator: union.discriminator, options: values });
    union.options.forEach((option, i) => walkFields(option, `${path}<${String(values[i])}>`, out));
  } else if (definition.type === 'object') {
    at({ type: 'object' });
    walkFields(inner, path, out);
  } else if (definition.type === 'array') {
    at({ type: 'array' });
    walk(definition.element, `${path}[]`, out);
  } else if (definition.type === 'enum') {
    at({ type: 'enum', options: Object.values(definition.entries) });
  } else if (definition.type === 'literal') {
    at({ type: 'literal', options: definition.values as Array<string | number | boolean> });
  } else if (definition.type === 'string' || definition.type === 'number' || definition.type === 'boolean')
    at({ type: definition.type });
  else {
    throw new Error(
      `schemaFields: ${path || 'the schema'} is a zod ${definition.type}, which it doesn't know; ` +
        'teach it in src/model/schema-shape.ts (and the link format guard will show the change)',
    );
  }
}

/** The fields of an object schema, by name. */
export function objectFields(object: ZodSchema): Record<string, ZodSchema> {
  const definition = definitionOf(object);
  return definition.type === 'object' ? definition.shape : {};
}

/** The fields of an object, under `path`. */
function walkFields(object: ZodSchema, path: string, out: SchemaFields): void {
  for (const [key, field] of Object.entries(objectFields(object)))
    walk(field, path === '' ? key : `${path}.${key}`, out);
}

/** The one literal value of a discriminated union option's discriminator field. */
export function discriminatorValue(option: ZodSchema, discriminator: string, path: string) {
  const field = objectFields(option)[discriminator];
  const definition = field && definitionOf(field);
  if (definition?.type !== 'literal' || definition.values.length !== 1)
    throw new Error(`schemaFields: an option of ${path} has no single literal "${discriminator}"`);
  return definition.values[0] as string | number | boolean;
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
