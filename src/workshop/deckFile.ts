import { parseDiagram, type DiagramError } from '../model/parse';
import { CURRENT_VERSION, LIMITS, type Diagram, type Scene } from '../model/schema';
import { diagramFileName } from '../share/json';
import { findJsonSyntaxError } from '../share/json-syntax';

/**
 * A deck file (issue 15): a diagram's deck of scenes as JSON, each scene with its whole diagram, so a
 * deck made for one diagram can be added to another's. The file says what it is (`kind`) and which
 * model version wrote it; its scenes are checked by the same schema and reference checks as a
 * diagram's deck.
 */
export const DECK_KIND = 'microsim-deck';
/** A deck of 50 scenes of large diagrams stays far below this. */
export const MAX_DECK_FILE_BYTES = 20 * 1024 * 1024;

/** What reading a deck file gave: its scenes, or what is wrong with it. */
export type DeckFileResult =
  { ok: true; scenes: Scene[] } | { ok: false; message: string; errors: DiagramError[] };

/** The deck of `d` as a readable JSON document. */
export function exportDeckJson(d: Diagram): string {
  const file = { kind: DECK_KIND, version: CURRENT_VERSION, name: d.name, scenes: d.scenes };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `<diagram name>-deck.json`, made safe for file systems. */
export function deckFileName(d: Pick<Diagram, 'name'>): string {
  return diagramFileName(d, 'json').replace(/\.json$/, '-deck.json');
}

const refuse = (message: string, errors: DiagramError[] = []): DeckFileResult => ({
  ok: false,
  message,
  errors,
});

/** Reads a deck file's text: its scenes, validated, or a specific reason why not. */
export function readDeckJson(text: string): DeckFileResult {
  if (text.length > MAX_DECK_FILE_BYTES)
    return refuse('This file is larger than any deck of scenes: is it the right file?');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return refuse('This file is empty: there is no deck in it.');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    const where = findJsonSyntaxError(body);
    const at = where ? `line ${where.line}, column ${where.column}` : '(file)';
    const why = where?.message ?? 'it could not be read';
    return refuse(`This file is not valid JSON: at ${at}, ${why}.`, [{ path: at, message: why }]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return refuse('This file is JSON but not a Microsim deck: a deck file is an object with "scenes".');
  const file = raw as Record<string, unknown>;
  if (file.kind !== DECK_KIND) {
    const diagram = 'services' in file || 'edges' in file;
    return refuse(
      diagram
        ? 'This is a diagram file, not a deck: open it with Share → Import JSON… instead.'
        : `This file is JSON but not a Microsim deck: it has no "kind": "${DECK_KIND}".`,
    );
  }
  const version = file.version;
  if (typeof version === 'number' && version > CURRENT_VERSION)
    return refuse(
      `This deck was made by a newer Microsim (format version ${version}); this one reads up to version ${CURRENT_VERSION}. Open it in the latest version of Microsim.`,
      [{ path: 'version', message: `${version} is newer than ${CURRENT_VERSION}` }],
    );
  if (!Array.isArray(file.scenes))
    return refuse('This deck file has no list of scenes ("scenes" must be a list).', [
      { path: 'scenes', message: 'must be a list of scenes' },
    ]);
  if (file.scenes.length === 0) return refuse('This deck file has no scenes: there is nothing to add.');
  if (file.scenes.length > LIMITS.scenes)
    return refuse(`This deck has ${file.scenes.length} scenes; a deck holds at most ${LIMITS.scenes}.`);
  // The scenes are checked as a diagram's deck is: the schema, then each scene's references.
  const parsed = parseDiagram({ version: CURRENT_VERSION, scenes: file.scenes });
  if (!parsed.ok) {
    const n = parsed.errors.length;
    return refuse(
      `This deck file has ${n === 1 ? 'one problem' : `${n} problems`} (listed below).`,
      parsed.errors,
    );
  }
  return { ok: true, scenes: parsed.diagram.scenes };
}
