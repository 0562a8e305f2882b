import { deflateSync, inflateSync } from 'fflate';
import { parseDiagram } from '../model/parse';
import type { Diagram } from '../model/schema';
import { fnv1a, fromBase64Url, toBase64Url } from './bytes';
import type { DecodeLinkResult } from './link';

/*
 * A comparison link (issue 12) carries A as an ordinary link and B as a difference from A, so the
 * link stays about as short as A's: `c1.` + A's link (`m4.…`) + `.` + B's difference, which is
 * deflated JSON behind a 3-byte checksum, base64url. The difference names, per section, the
 * elements B sets (changed or added, whole), the ids B removes, and B's order when it is not A's
 * with the new ones last; top-level fields (name, description, run, faults, breakpoints) only when
 * they differ (a difference without breakpoints, written before they existed, keeps A's).
 */

/** Comparison links this version writes; the digit after `c`. */
export const COMPARISON_FORMAT = 1;
/** A difference larger than this once inflated is no variant of a diagram (a deflate bomb). */
const MAX_DIFF_BYTES = 4_000_000;

type Section = 'services' | 'edges' | 'notes';
const SECTIONS: Section[] = ['services', 'edges', 'notes'];
const TOP_FIELDS = ['name', 'description', 'run', 'faults', 'breakpoints'] as const;

interface SectionDiff {
  set?: unknown[];
  removed?: string[];
  order?: string[];
}
/** B as a difference from A (JSON). */
export type VariantDiff = { v: number } & Partial<Record<Section, SectionDiff>> & Record<string, unknown>;

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/** What B changes of A, section by section. */
export function variantDiff(a: Diagram, b: Diagram): VariantDiff {
  const out: VariantDiff = { v: COMPARISON_FORMAT };
  for (const key of TOP_FIELDS) if (!same(a[key], b[key])) out[key] = b[key];
  for (const section of SECTIONS) {
    const before = new Map<string, unknown>(a[section].map((x) => [x.id, x]));
    const after = new Set(b[section].map((x) => x.id));
    const set = b[section].filter((x) => !same(before.get(x.id), x));
    const removed = a[section].filter((x) => !after.has(x.id)).map((x) => x.id);
    const diff: SectionDiff = {};
    if (set.length) diff.set = set;
    if (removed.length) diff.removed = removed;
    const rebuilt = rebuildOrder(
      a[section].map((x) => x.id),
      removed,
      set.map((x) => x.id),
    );
    const order = b[section].map((x) => x.id);
    if (!same(rebuilt, order)) diff.order = order;
    if (Object.keys(diff).length) out[section] = diff;
  }
  return out;
}

/** A's order without the removed, then the new ids in the order B sets them. */
function rebuildOrder(ids: string[], removed: readonly string[], setIds: readonly string[]): string[] {
  const gone = new Set(removed);
  const kept = ids.filter((id) => !gone.has(id));
  const known = new Set(kept);
  return [...kept, ...setIds.filter((id) => !known.has(id))];
}

/** B rebuilt from A and its difference (not validated: parseDiagram does that). */
export function applyVariantDiff(a: Diagram, diff: VariantDiff): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const key of TOP_FIELDS) if (Object.hasOwn(diff, key)) out[key] = diff[key];
  for (const section of SECTIONS) {
    const d = diff[section];
    if (!d) continue;
    const set = (Array.isArray(d.set) ? d.set : []) as Array<{ id: string }>;
    const removed = Array.isArray(d.removed) ? d.removed : [];
    const byId = new Map<string, unknown>(a[section].map((x) => [x.id, x]));
    for (const id of removed) byId.delete(id);
    for (const x of set) byId.set(x.id, x);
    const order = Array.isArray(d.order)
      ? d.order
      : rebuildOrder(
          a[section].map((x) => x.id),
          removed,
          set.map((x) => x.id),
        );
    out[section] = order.filter((id) => byId.has(id)).map((id) => byId.get(id));
  }
  return out;
}

/** B's difference from A, packed for a link: checksum, deflated JSON, base64url. */
export function packVariantDiff(a: Diagram, b: Diagram): string {
  const json = new TextEncoder().encode(JSON.stringify(variantDiff(a, b)));
  const packed = deflateSync(json, { level: 9 });
  const print = fnv1a(json);
  const bytes = new Uint8Array(3 + packed.length);
  bytes.set([(print >>> 16) & 0xff, (print >>> 8) & 0xff, print & 0xff]);
  bytes.set(packed, 3);
  return toBase64Url(bytes);
}

const damaged = (why: string): DecodeLinkResult => ({
  ok: false,
  error: {
    code: 'corrupt',
    message: `This comparison link is damaged: ${why}. It was probably changed when it was copied; ask for the link again.`,
  },
});

/** The difference in a link's last part, or null when it is not one (damaged). */
function unpackVariantDiff(text: string): VariantDiff | null {
  const b64 = fromBase64Url(text);
  if (!b64.ok || b64.bytes.length <= 3) return null;
  const bytes = b64.bytes;
  let json: Uint8Array;
  try {
    json = inflateSync(bytes.subarray(3), { out: new Uint8Array(MAX_DIFF_BYTES) });
  } catch {
    return null;
  }
  const expected = ((bytes[0]! << 16) | (bytes[1]! << 8) | bytes[2]!) >>> 0;
  if ((fnv1a(json) & 0xffffff) !== expected) return null;
  try {
    const diff = JSON.parse(new TextDecoder().decode(json)) as unknown;
    return diff !== null && typeof diff === 'object' && !Array.isArray(diff) ? (diff as VariantDiff) : null;
  } catch {
    return null;
  }
}

/** The comparison link in `input` (a URL, `#…` or the bare payload), if it is one: its format and the rest. */
export function findComparison(input: string): { format: number; rest: string } | null {
  let s = typeof input === 'string' ? input.replace(/\s+/g, '') : '';
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(hash + 1);
  const match = /^c(\d{1,6})\.(.*)$/.exec(s);
  return match ? { format: Number(match[1]), rest: match[2]! } : null;
}

/**
 * Reads a comparison link: A with `decodeA` (the ordinary link reader), then B from its difference,
 * validated like any diagram. The result is A's, with `variant` B; any problem says what is wrong.
 */
export function decodeComparison(
  found: { format: number; rest: string },
  decodeA: (link: string) => DecodeLinkResult,
): DecodeLinkResult {
  if (found.format !== COMPARISON_FORMAT)
    return {
      ok: false,
      error:
        found.format > COMPARISON_FORMAT
          ? {
              code: 'future-version',
              message: `This comparison link was made by a newer Microsim (comparison format ${found.format}); this one reads format ${COMPARISON_FORMAT}. Open it in the latest version of Microsim.`,
            }
          : { code: 'not-a-link', message: `There has never been a comparison link format ${found.format}.` },
    };
  const last = found.rest.lastIndexOf('.');
  // "m3.<A>" has one dot; without a second one, B's part was cut off.
  if (last < 0 || found.rest.indexOf('.') === last)
    return {
      ok: false,
      error: {
        code: 'truncated',
        message:
          'This comparison link is incomplete: its variant B is missing — it may have been cut off when it was copied. Copy the whole link again.',
      },
    };
  const a = decodeA(found.rest.slice(0, last));
  if (!a.ok) return a;
  const diff = unpackVariantDiff(found.rest.slice(last + 1).replace(/[.,;:!?)\]>'"…]+$/, ''));
  if (!diff) return damaged("its variant B part can't be read or doesn't match its checksum");
  const parsed = parseDiagram(applyVariantDiff(a.diagram, diff));
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return {
      ok: false,
      error: {
        code: 'invalid-diagram',
        message: `This comparison link opens, but its variant B is not valid: ${first ? `${first.path}: ${first.message}` : 'unknown problem'}.`,
        details: parsed.errors,
      },
    };
  }
  return { ...a, autoplay: false, variant: parsed.diagram };
}
