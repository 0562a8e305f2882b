/**
 * Where the published JSON Schema of the diagram lives: the `$id` of schema/diagram.schema.json and
 * the `$schema` of every exported file. One constant, so moving the published copy is a one-line change.
 */
export const DIAGRAM_SCHEMA_URL = 'https://microsim.dev/schema/diagram.schema.json';
