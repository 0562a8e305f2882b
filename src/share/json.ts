import type { DiagramError } from '../model/parse';
import { parseDiagram } from '../model/parse';
import { CURRENT_VERSION, Diagram } from '../model/schema';
import { findJsonSyntaxError } from './json-syntax';
import { DIAGRAM_SCHEMA_URL } from './schema-url';

export { DIAGRAM_SCHEMA_URL };

/** Files larger than this are refused before reading: a diagram of 2,000 services is far smaller. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type ImportErrorCode = 'empty' | 'too-large' | 'not-json' | 'future-version' | 'invalid-diagram';
export type ImportResult =
  | { ok: true; diagram: Diagram; migratedFrom: number; migrations: string[] }
  | { ok: false; code: ImportErrorCode; message: string; errors: DiagramError[] };

/**
 * The diagram as a readable JSON document in the published schema: every field written out, keys in
 * the schema's order (so exports diff cleanly), and a "$schema" line for editors.
 */
export function exportDiagramJson(diagram: Diagram): string {
  // Parsing rebuilds each object in the schema's key order whatever order the editor produced.
  const ordered = Diagram.safeParse(diagram);
  return `${JSON.stringify({ $schema: DIAGRAM_SCHEMA_URL, ...(ordered.success ? ordered.data : diagram) }, null, 2)}\n`;
}

const sizeText = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const tooLarge = (bytes: number): ImportResult => ({
  ok: false,
  code: 'too-large',
  message: `This file is ${sizeText(bytes)}; Microsim opens diagram files up to ${sizeText(MAX_IMPORT_BYTES)}. Is it the right file?`,
  errors: [],
});

/** Reads diagram JSON text: migrates, validates, and on failure says what is wrong and where. */
export function importDiagramJson(text: string): ImportResult {
  if (typeof text !== 'string') {
    return { ok: false, code: 'not-json', message: 'This is not a text file.', errors: [] };
  }
  // Length in UTF-16 units is at least the byte count / 3 and at most the byte count: check both ends.
  if (text.length > MAX_IMPORT_BYTES || new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) {
    return tooLarge(new TextEncoder().encode(text).length);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      ok: false,
      code: 'empty',
      message: 'This file is empty: there is no diagram in it.',
      errors: [],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    const where = findJsonSyntaxError(body);
    const at = where ? `line ${where.line}, column ${where.column}` : '(file)';
    const why = where?.message ?? 'it could not be read';
    return {
      ok: false,
      code: 'not-json',
      message: `This file is not valid JSON: at ${at}, ${why}.`,
      errors: [{ path: at, message: why }],
    };
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const version = (raw as Record<string, unknown>).version;
    if (typeof version === 'number' && version > CURRENT_VERSION) {
      return {
        ok: false,
        code: 'future-version',
        message: `This diagram was made by a newer Microsim (format version ${version}); this one reads up to version ${CURRENT_VERSION}. Open it in the latest version of Microsim.`,
        errors: [{ path: 'version', message: `${version} is newer than ${CURRENT_VERSION}` }],
      };
    }
  }
  const parsed = parseDiagram(raw);
  if (parsed.ok) return parsed;
  const n = parsed.errors.length;
  return {
    ok: false,
    code: 'invalid-diagram',
    message: `This file is JSON but not a valid Microsim diagram: ${n === 1 ? 'one problem' : `${n} problems`} (listed below).`,
    errors: parsed.errors,
  };
}

/** Reads a chosen or dropped file, refusing oversized ones before loading them into memory. */
export async function importDiagramFile(file: Blob): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES) return tooLarge(file.size);
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, code: 'not-json', message: 'This file could not be read.', errors: [] };
  }
  return importDiagramJson(text);
}

/** A file name for a diagram export: its name, made safe for file systems. */
export function diagramFileName(diagram: Pick<Diagram, 'name'>, extension: string): string {
  const base = diagram.name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase();
  return `${base || 'diagram'}.${extension}`;
}
