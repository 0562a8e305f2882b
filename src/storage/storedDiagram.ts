import type { DiagramError } from '../model/diagramErrors';
import { nestingProblem } from '../model/depth';
import type { ParseResult } from '../model/parse';
import type { Diagram } from '../model/schema';
import { CURRENT_VERSION, DIAGRAM_FIELDS } from '../model/schemaConstants';
import { fnv1a } from '../share/bytes';

/*
 * A stored diagram as text: the envelope it is written in, reading it back (with the parser, loaded
 * apart from the first script), and where it came from. storage.ts keeps the autosave and the
 * quarantine, and re-exports all of this.
 */

/**
 * The parser that reading a stored diagram needs (zod and the schema, about 10 kB gzipped) is not in
 * the first script (issue 10): loadDiagramReader loads it. The app awaits it before its first draw
 * whenever storage holds what start-up reads (keys.ts, holdsStartData), and fetches it once the
 * first diagram is drawn.
 * Until it is in, a stored diagram reads as `not-loaded`: never as damaged, so nothing is moved aside.
 */
let parseDiagram: ((input: unknown) => ParseResult) | null = null;
let readerLoading: Promise<void> | null = null;

/** Loads the diagram parser that reading stored diagrams needs; later calls share the first. */
export function loadDiagramReader(): Promise<void> {
  readerLoading ??= import('../model/parse').then(
    (parse) => {
      parseDiagram = parse.parseDiagram;
    },
    (error: unknown) => {
      // A later call tries again (the network may be back).
      readerLoading = null;
      throw error;
    },
  );
  return readerLoading;
}

/** Whether stored diagrams can be read now (loadDiagramReader has finished). */
export function diagramReaderLoaded(): boolean {
  return parseDiagram !== null;
}

/** Where a diagram came from: the person's own work, or something they can open again (a link, a file, an example). */
export type DiagramOrigin = 'own' | 'link' | 'file' | 'example';
const ORIGINS: readonly DiagramOrigin[] = ['own', 'link', 'file', 'example'];

/** A stored origin as written by this or an earlier build (unknown counts as the person's own). */
export function readOrigin(value: unknown): DiagramOrigin {
  return ORIGINS.find((o) => o === value) ?? 'own';
}

/** A diagram's base: what it was when opened from its origin; the person's own work has none. */
export function baseFor(origin: DiagramOrigin, base: unknown): string | null {
  return origin !== 'own' && typeof base === 'string' ? base : null;
}

/** Which document of the recent list the autosaved diagram is, and where it came from. */
export interface StoredDocument {
  id: string;
  origin: DiagramOrigin;
  /** Its fingerprint when it was opened from its origin; null for the person's own diagrams. */
  base: string | null;
}

/** Envelope of every stored diagram; its own version lets the envelope change independently. */
interface Stored {
  format: 1;
  savedAt: number;
  diagram: Diagram;
  doc?: StoredDocument;
}

/** Wraps a diagram for storage. */
export function storedDiagramText(diagram: Diagram, savedAt: number, doc?: StoredDocument): string {
  const stored: Stored = { format: 1, savedAt, diagram, doc };
  return JSON.stringify(stored);
}

/** A fingerprint of a diagram's content, to recognise a diagram that is already stored. */
export function diagramFingerprint(diagram: Diagram): string {
  const { viewport: _viewport, ...content } = diagram;
  return fnv1a(new TextEncoder().encode(JSON.stringify(content))).toString(36);
}

export type ReadStored =
  | { ok: true; diagram: Diagram; savedAt: number; migratedFrom: number; doc?: StoredDocument }
  | { ok: false; reason: 'corrupt' | 'future-version' | 'invalid'; message: string; errors: DiagramError[] }
  /** Not read: the diagram parser is not loaded yet (loadDiagramReader). The data may be fine. */
  | { ok: false; reason: 'not-loaded'; message: string; errors: DiagramError[] };

/** Reads stored text (an envelope, or a bare diagram as written by hand or by older builds). */
export function readStoredDiagram(raw: string, what = 'The saved diagram'): ReadStored {
  if (!parseDiagram) {
    return {
      ok: false,
      reason: 'not-loaded',
      message: `${what} could not be opened: part of Microsim did not load. Reload the page to try again.`,
      errors: [],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {
      ok: false,
      reason: 'corrupt',
      message: `${what} could not be read: its data is damaged.`,
      errors: [],
    };
  }
  // Before anything walks it recursively (JSON.stringify below, the parser): bounded depth.
  const tooDeep = nestingProblem(value);
  if (tooDeep)
    return { ok: false, reason: 'corrupt', message: `${what} could not be read: it ${tooDeep}.`, errors: [] };
  let diagram: unknown = value;
  let savedAt = 0;
  let doc: StoredDocument | undefined;
  // Parsed as a diagram, an envelope without its diagram (or any object with nothing of a diagram)
  // would open as an empty one, and the first edit would save over the stored text.
  if (!holdsDiagram(value)) {
    return {
      ok: false,
      reason: 'corrupt',
      message: `${what} could not be read: it has no diagram in it (its data is damaged).`,
      errors: [],
    };
  }
  if (isEnvelope(value)) {
    const envelope = value as { format: unknown; savedAt?: unknown; diagram: unknown; doc?: unknown };
    if (envelope.format !== 1) {
      return {
        ok: false,
        reason: 'future-version',
        message: `${what} was saved by a newer Microsim (storage format ${JSON.stringify(envelope.format)}).`,
        errors: [],
      };
    }
    diagram = envelope.diagram;
    savedAt = typeof envelope.savedAt === 'number' ? envelope.savedAt : 0;
    doc = readDocument(envelope.doc);
  }
  const version = (diagram as { version?: unknown } | null)?.version;
  const parsed = parseDiagram(diagram);
  if (parsed.ok)
    return { ok: true, diagram: parsed.diagram, savedAt, migratedFrom: parsed.migratedFrom, doc };
  if (typeof version === 'number' && version > CURRENT_VERSION) {
    return {
      ok: false,
      reason: 'future-version',
      message: `${what} was made by a newer Microsim (format version ${version}); this one reads up to version ${CURRENT_VERSION}.`,
      errors: parsed.errors,
    };
  }
  return {
    ok: false,
    reason: 'invalid',
    message: `${what} is not a valid diagram (${parsed.errors.length === 1 ? 'one problem' : `${parsed.errors.length} problems`}).`,
    errors: parsed.errors,
  };
}

const ENVELOPE_KEYS = ['format', 'savedAt', 'diagram', 'doc'];

function isEnvelope(value: unknown): value is Record<string, unknown> {
  return isObject(value) && ENVELOPE_KEYS.some((k) => Object.hasOwn(value, k));
}

/** An envelope with its diagram, or a bare diagram with at least one of a diagram's own keys. */
function holdsDiagram(value: unknown): boolean {
  if (!isObject(value)) return value !== null;
  if (isEnvelope(value)) return 'diagram' in value && 'format' in value;
  return DIAGRAM_FIELDS.some((k) => Object.hasOwn(value, k));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readDocument(value: unknown): StoredDocument | undefined {
  const d = value as Partial<StoredDocument> | null | undefined;
  if (!d || typeof d.id !== 'string' || !d.id) return undefined;
  const origin = readOrigin(d.origin);
  return { id: d.id, origin, base: baseFor(origin, d.base) };
}
