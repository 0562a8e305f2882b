import type { Diagram, Scene } from '../model/schema';
import type { DecodedPayload } from './codec-v1-decode';
import { decodeV1Body, readerOf } from './codec-v1-decode';
import { readStringTableV2 } from './codec-v2';
import { applyObjectives, readObjectives } from './codec-v3';
import { encodeV4, readBreakpoints } from './codec-v4';
import { ByteReader, ByteWriter, PayloadLimitError, PayloadShapeError } from './varint';
import { applyVariantDiff, variantDiff, type VariantDiff } from './variantDiff';

/**
 * Link format 5: format 4's payload with one section more, the deck of scenes (model version 4),
 * between format 4's breakpoints section and format 1's records:
 *
 * - varint: flags (bit 0: open straight into presenting, on scene 1);
 * - varint: the byte length of the deck, then the deck as UTF-8 JSON (length 0: no scenes). The
 *   deck is an array with, per scene, its `id`, `title`, `narration`, `notes`, `camera` (when set),
 *   and `d`: its diagram as a difference from the link's diagram (`variantDiff.ts`), so a scene of
 *   the deck's own diagram costs a few bytes (its fault script, its stop time) and a scene of another
 *   diagram costs that diagram.
 *
 * Same dictionary as formats 2 to 4. FROZEN once released, like the formats before it.
 */
export const FORMAT_5 = 5;

const PRESENT = 1;
/** A deck larger than this (before deflate) is no deck of a diagram. */
export const MAX_DECK_BYTES = 8_000_000;
const SCENE_BODY = [
  'name',
  'description',
  'services',
  'edges',
  'notes',
  'faults',
  'breakpoints',
  'run',
] as const;
const encoder = new TextEncoder();

/** A link's payload, decoded: format 5 adds whether it opens presenting. */
export type DecodedPayloadV5 = DecodedPayload & { present: boolean };

/** The format-5 bytes of `diagram` (before deflate). */
export function encodeV5(diagram: Diagram, options: { autoplay: boolean; present: boolean }): Uint8Array {
  const v4 = encodeV4(diagram, options.autoplay);
  const before = new ByteReader(v4);
  readStringTableV2(before);
  readObjectives(before);
  readBreakpoints(before);
  const sectionAt = before.offset;
  const out = new ByteWriter();
  out.raw(v4.subarray(0, sectionAt));
  out.uint(options.present ? PRESENT : 0);
  const deck = diagram.scenes.length
    ? encoder.encode(JSON.stringify(diagram.scenes.map((s) => packScene(diagram, s))))
    : new Uint8Array(0);
  out.uint(deck.length);
  out.raw(deck);
  out.raw(v4.subarray(sectionAt));
  return out.finish();
}

/** A scene as the link carries it: its diagram as a difference from the deck's. */
function packScene(host: Diagram, scene: Scene): Record<string, unknown> {
  const { diagram, ...rest } = scene;
  return { ...rest, d: variantDiff(host, { ...host, ...diagram }) };
}

/** Reads format-5 bytes back into model-version-4 diagram JSON. */
export function decodeV5(input: Uint8Array | ByteReader): DecodedPayloadV5 {
  const r = readerOf(input);
  const strings = readStringTableV2(r);
  const objectives = readObjectives(r);
  const breakpoints = readBreakpoints(r);
  const flags = r.uint();
  if (flags >= 2) throw new PayloadShapeError('it has options this format does not have');
  const deck = readDeck(r);
  const decoded = decodeV1Body(r, strings);
  applyObjectives(decoded, objectives);
  decoded.raw.breakpoints = breakpoints;
  decoded.raw.version = 4;
  decoded.raw.scenes = deck.map((s) => unpackScene(decoded.raw, s));
  return { ...decoded, present: (flags & PRESENT) !== 0 };
}

/** The deck's JSON: an array of objects, or a clear reason why not. */
function readDeck(r: ByteReader): Array<Record<string, unknown>> {
  const length = r.uint();
  if (length === 0) return [];
  if (length > MAX_DECK_BYTES)
    throw new PayloadLimitError(
      null,
      `its deck of scenes claims ${length.toLocaleString('en-US')} bytes, more than any deck holds`,
    );
  let deck: unknown;
  try {
    deck = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(r.take(length)));
  } catch (e) {
    if (e instanceof PayloadShapeError) throw e;
    throw new PayloadShapeError('its deck of scenes is not readable JSON');
  }
  if (!Array.isArray(deck) || !deck.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s)))
    throw new PayloadShapeError('its deck of scenes is not a list of scenes');
  return deck as Array<Record<string, unknown>>;
}

/** A scene's raw JSON, its diagram rebuilt from the deck's diagram and its difference. */
function unpackScene(
  host: Record<string, unknown>,
  packed: Record<string, unknown>,
): Record<string, unknown> {
  const { d, ...rest } = packed;
  if (d === null || typeof d !== 'object' || Array.isArray(d))
    throw new PayloadShapeError('a scene of its deck has no diagram');
  let whole: Record<string, unknown>;
  try {
    whole = applyVariantDiff(host as unknown as Diagram, d as VariantDiff);
  } catch {
    throw new PayloadShapeError('a scene of its deck has a diagram that cannot be rebuilt');
  }
  const diagram: Record<string, unknown> = {};
  for (const key of SCENE_BODY) diagram[key] = whole[key];
  return { ...rest, diagram };
}
