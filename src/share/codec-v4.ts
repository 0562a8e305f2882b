import { LIMITS, type Diagram } from '../model/schema';
import type { DecodedPayload } from './codec-v1-decode';
import { decodeV1Body, readerOf, utf8 } from './codec-v1-decode';
import { readStringTableV2 } from './codec-v2';
import { applyObjectives, encodeV3, readObjectives } from './codec-v3';
import { FIELDS_V4 } from './codec-v4-fields';
import { checkCount, checkTextBytes } from './limits';
import { ByteReader, ByteWriter, PayloadShapeError } from './varint';

/**
 * Link format 4: format 3's payload with one section more, the diagram's breakpoints (model
 * version 3), between format 3's objectives section and format 1's records:
 *
 * - varint: how many breakpoints; then for each: its id (varint byte length, UTF-8), its kind (index
 *   in the table), a mask (bit 0 disabled, bit 1 a target, bit 2 a value other than 0), then the
 *   target (varint byte length, UTF-8) and the value (num) when their bits are set.
 *
 * Same dictionary as formats 2 and 3. FROZEN once released, like the formats before it.
 */
export const FORMAT_4 = 4;

const KINDS: readonly string[] = FIELDS_V4['breakpoints[].kind'].options;
const DISABLED = 1;
const TARGET = 2;
const VALUE = 4;
const encoder = new TextEncoder();

/** The format-4 bytes of `diagram` (before deflate). */
export function encodeV4(diagram: Diagram, autoplay: boolean): Uint8Array {
  const v3 = encodeV3(diagram, autoplay);
  const before = new ByteReader(v3);
  readStringTableV2(before);
  readObjectives(before);
  const sectionAt = before.offset;
  const out = new ByteWriter();
  out.raw(v3.subarray(0, sectionAt));
  out.uint(diagram.breakpoints.length);
  const text = (s: string) => {
    const bytes = encoder.encode(s);
    out.uint(bytes.length);
    out.raw(bytes);
  };
  for (const b of diagram.breakpoints) {
    text(b.id);
    out.choice(KINDS, b.kind, 'breakpoints[].kind', FORMAT_4);
    const mask = (b.enabled ? 0 : DISABLED) + (b.target !== '' ? TARGET : 0) + (b.value !== 0 ? VALUE : 0);
    out.uint(mask);
    if (mask & TARGET) text(b.target);
    if (mask & VALUE) out.num(b.value);
  }
  out.raw(v3.subarray(sectionAt));
  return out.finish();
}

/** Reads format-4 bytes back into model-version-3 diagram JSON. */
export function decodeV4(input: Uint8Array | ByteReader): DecodedPayload {
  const r = readerOf(input);
  const strings = readStringTableV2(r);
  const objectives = readObjectives(r);
  const breakpoints = readBreakpoints(r);
  const decoded = decodeV1Body(r, strings);
  applyObjectives(decoded, objectives);
  decoded.raw.breakpoints = breakpoints;
  decoded.raw.version = 3;
  return decoded;
}

/** The breakpoints section, as raw diagram JSON. */
export function readBreakpoints(r: ByteReader): Array<Record<string, unknown>> {
  const count = r.uint();
  checkCount(count, LIMITS.breakpoints, 'breakpoints', 'breakpoints');
  const text = () => {
    const length = r.uint();
    checkTextBytes(length);
    return utf8(r.take(length));
  };
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) {
    const id = text();
    const kind = KINDS[r.uint()];
    if (kind === undefined) throw new PayloadShapeError('a breakpoint kind is not in the table');
    const mask = r.uint();
    if (mask >= 8) throw new PayloadShapeError('a breakpoint has fields this format does not have');
    out.push({
      id,
      kind,
      enabled: (mask & DISABLED) === 0,
      target: mask & TARGET ? text() : '',
      value: mask & VALUE ? r.num() : 0,
    });
  }
  return out;
}
