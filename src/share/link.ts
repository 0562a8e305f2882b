import { deflateSync, inflateSync } from 'fflate';
import type { DiagramError } from '../model/parse';
import { parseDiagram } from '../model/parse';
import type { Diagram } from '../model/schema';
import type { SchemaFields } from '../model/schema-shape';
import { fnv1a, fromBase64Url, toBase64Url } from './bytes';
import { LONG_LINK_CHARS } from './link-length';
import type { DecodedPayload } from './codec-v1-decode';
import { decodeV1 } from './codec-v1-decode';
import { FIELDS_V1 } from './codec-v1-fields';
import { DICTIONARY_V1 } from './codec-v1-tables';
import { decodeV2, DICTIONARY_V2 } from './codec-v2';
import { decodeV3 } from './codec-v3';
import { FIELDS_V3 } from './codec-v3-fields';
import { decodeV4 } from './codec-v4';
import { FIELDS_V4 } from './codec-v4-fields';
import { decodeV5 } from './codec-v5';
import { FIELDS_V5 } from './codec-v5-fields';
import { decodeV6, encodeV6, FORMAT_6 } from './codec-v6';
import { FIELDS_V6 } from './codec-v6-fields';
import type { BytePull } from './varint';
import { ByteReader, PayloadLimitError, PayloadShapeError } from './varint';
import { decodeComparison, findComparison } from './variantDiff';
import { inflateStream, InflateStop } from './inflate';
import { findPayload } from './link-find';

/**
 * A share link's fragment: `m<format>.<base64url>`, where the bytes are a 3-byte fingerprint of the
 * payload followed by the payload (see codec-v6.ts, codec-v5.ts, codec-v4.ts, codec-v3.ts, codec-v2.ts, codec-v1.ts) raw-deflated at level 9 with the
 * format's preset dictionary. The format number names the codec; every released codec's decoder is
 * kept so old links open.
 */
export const LINK_FORMAT = FORMAT_6;

interface LinkCodec {
  dictionary: Uint8Array;
  decode: (payload: ByteReader) => DecodedPayload & { present?: boolean };
  /** The diagram fields the format carries, frozen with it (link-format-guard.test.ts checks them). */
  fields: SchemaFields;
}
/** Decoders of every released link format: each gives raw diagram JSON that parseDiagram migrates. */
const CODECS: Record<number, LinkCodec> = {
  1: { dictionary: DICTIONARY_V1, decode: decodeV1, fields: FIELDS_V1 },
  2: { dictionary: DICTIONARY_V2, decode: decodeV2, fields: FIELDS_V1 },
  3: { dictionary: DICTIONARY_V2, decode: decodeV3, fields: FIELDS_V3 },
  4: { dictionary: DICTIONARY_V2, decode: decodeV4, fields: FIELDS_V4 },
  5: { dictionary: DICTIONARY_V2, decode: decodeV5, fields: FIELDS_V5 },
  6: { dictionary: DICTIONARY_V2, decode: decodeV6, fields: FIELDS_V6 },
};

/** The diagram fields the current link format carries: the schema's fields when it was released. */
export const LINK_FORMAT_FIELDS: SchemaFields = CODECS[LINK_FORMAT]!.fields;

export { LONG_LINK_CHARS } from './link-length';
/** Longer inputs are refused before unpacking: no real link comes near it. */
const MAX_LINK_CHARS = 500_000;
/** Unpacked payloads larger than this are refused (a deflate bomb, not a diagram). */
const MAX_PAYLOAD_BYTES = 20_000_000;
const FINGERPRINT_BYTES = 3;

export type LinkErrorCode = 'truncated' | 'corrupt' | 'future-version' | 'not-a-link' | 'invalid-diagram';
export interface LinkError {
  code: LinkErrorCode;
  message: string;
  details?: DiagramError[];
}
/** What decoding a link cost, for tests and bench:share: bytes unpacked from its compressed data. */
export interface DecodeStats {
  inflatedBytes: number;
}
export type DecodeLinkResult =
  | {
      ok: true;
      diagram: Diagram;
      autoplay: boolean;
      /**
       * Open straight into presenting, on scene 1 (format 5's "open presenting" option): the deck, or
       * the diagram as one scene when it has no deck.
       */
      present?: boolean;
      /** A comparison link's variant B (variantDiff.ts); `diagram` is its A. */
      variant?: Diagram;
    }
  | { ok: false; error: LinkError };

/**
 * The fragment payload (without '#') that carries `diagram`; `autoplay` makes the run start on open,
 * `present` opens the deck presenting, on scene 1.
 */
export function encodeLink(
  diagram: Diagram,
  options: { autoplay?: boolean; present?: boolean } = {},
): string {
  const payload = encodeV6(diagram, {
    autoplay: options.autoplay ?? false,
    present: options.present ?? false,
  });
  const packed = deflateSync(payload, { level: 9, dictionary: DICTIONARY_V2 });
  const bytes = new Uint8Array(FINGERPRINT_BYTES + packed.length);
  const print = fnv1a(payload);
  bytes[0] = print >>> 16;
  bytes[1] = print >>> 8;
  bytes[2] = print;
  bytes.set(packed, FINGERPRINT_BYTES);
  return `m${LINK_FORMAT}.${toBase64Url(bytes)}`;
}

/** `base` (any URL, its own fragment dropped) with `payload` as its fragment. */
export function shareUrl(base: string, payload: string): string {
  const hash = base.indexOf('#');
  return `${hash < 0 ? base : base.slice(0, hash)}#${payload}`;
}

/** A warning for the interface when a link is long enough to be cut by chat tools, else null. */
export function linkSizeWarning(length: number): string | null {
  if (length <= LONG_LINK_CHARS) return null;
  return (
    `This link is ${length.toLocaleString('en-US')} characters long. Some chat tools and mail clients cut ` +
    `links longer than about ${LONG_LINK_CHARS.toLocaleString('en-US')} characters; ` +
    'if it may be cut, share the diagram as a JSON file instead.'
  );
}

const fail = (code: LinkErrorCode, message: string, details?: DiagramError[]): DecodeLinkResult => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
const TRUNCATED =
  'This link is incomplete — it may have been cut off when it was copied. Copy the whole link again, or ask its author to send it as a file.';
const damaged = (why: string) =>
  `This link is damaged: ${why}. It was probably changed when it was copied; ask for the link again.`;

/**
 * Reads a share link back: accepts a whole URL, a '#…' fragment or the bare payload. Never throws;
 * any problem comes back as an error with a code and a message meant for the person who opened it.
 */
export function decodeLink(fragmentOrUrl: string, stats?: DecodeStats): DecodeLinkResult {
  try {
    return decode(fragmentOrUrl, stats ?? { inflatedBytes: 0 });
  } catch {
    // Every known failure is classified below; this guards the promise that nothing escapes.
    return fail('corrupt', damaged('it could not be read'));
  }
}

function decode(input: string, stats: DecodeStats): DecodeLinkResult {
  if (typeof input !== 'string') return fail('not-a-link', 'This is not a link.');
  // A comparison link (`c1.` + A's link + B's difference) reads A with this same reader.
  const comparison = input.length <= MAX_LINK_CHARS ? findComparison(input) : null;
  if (comparison) return decodeComparison(comparison, (a) => decode(a, stats));
  if (input.length > MAX_LINK_CHARS) {
    return fail(
      'corrupt',
      damaged(
        `it is ${input.length.toLocaleString('en-US')} characters long, far more than any diagram needs`,
      ),
    );
  }
  const found = findPayload(input);
  if (!found) {
    return fail(
      'not-a-link',
      input.trim() === '' || input.trim() === '#'
        ? 'This link has no diagram in it: the part after "#" is empty.'
        : `This is not a Microsim diagram link: the part after "#" should start with "m${LINK_FORMAT}." followed by the diagram.`,
    );
  }
  const { format, body, cut } = found;
  const codec = CODECS[format];
  if (!codec) {
    if (format > LINK_FORMAT) {
      return fail(
        'future-version',
        `This link was made by a newer Microsim (link format ${format}); this one reads link formats up to ${LINK_FORMAT}. Open it in the latest version of Microsim.`,
      );
    }
    return fail(
      'not-a-link',
      `This is not a Microsim diagram link: there has never been a link format ${format}.`,
    );
  }
  const r = unpack(codec, format, body, stats);
  // An ellipsis where the link ends is what chat tools leave when they shorten a link.
  if (!r.ok && cut && r.error.code === 'corrupt') return fail('truncated', TRUNCATED);
  return r;
}

/** The diagram in a link's body (after `m<format>.`). */
function unpack(codec: LinkCodec, format: number, body: string, stats: DecodeStats): DecodeLinkResult {
  // A last character alone (length 4n + 1) holds no byte: a link never ends so, but extra text can.
  const dangling = body.length % 4 === 1;
  const b64 = fromBase64Url(dangling ? body.slice(0, -1) : body);
  if (!b64.ok) {
    const ch = body[b64.at ?? 0] ?? '';
    return fail(
      'corrupt',
      damaged(
        `it contains ${JSON.stringify(ch)} (at character ${(b64.at ?? 0) + 1} of the diagram part), which a Microsim link never has`,
      ),
    );
  }
  const bytes = b64.bytes;
  if (bytes.length <= FINGERPRINT_BYTES) return fail('truncated', TRUNCATED);
  const packed = bytes.subarray(FINGERPRINT_BYTES);
  const expected = ((bytes[0]! << 16) | (bytes[1]! << 8) | bytes[2]!) >>> 0;
  const stream = inflateStream(packed, codec.dictionary, MAX_PAYLOAD_BYTES, stats);
  // The codec reads as the payload inflates, so a count past the schema's limits stops both at once.
  const reader = new ByteReader(new Uint8Array(0), stream.pull);
  let decoded: DecodedPayload & { present?: boolean };
  try {
    decoded = codec.decode(reader);
  } catch (e) {
    if (e instanceof InflateStop) return inflateFailure(e.reason);
    if (!(e instanceof PayloadLimitError) && !(e instanceof PayloadShapeError)) throw e;
    // What a damaged link says first is what the whole payload shows: its inflating or its checksum.
    // A count past the schema's limits too: one altered byte can read as one (a bomb is too long to
    // check, and is refused by its count).
    const limit = e instanceof PayloadLimitError;
    // A bomb reaches its count after megabytes: refused at once by it, without unpacking more.
    if (limit && reader.received().length > CHECK_REST_AFTER_LIMIT_BYTES) return limitFailure(e);
    const checked = checkRest(
      reader,
      stream.pull,
      expected,
      limit ? CHECK_REST_AFTER_LIMIT_BYTES : CHECK_REST_BYTES,
    );
    if (checked) return checked;
    return e instanceof PayloadLimitError ? limitFailure(e) : notLaidOut(format, e);
  }
  if ((fnv1a(reader.received()) & 0xffffff) !== expected) return fail('corrupt', MISMATCH);
  const extra = extraText(body, packed, codec.dictionary, dangling);
  if (extra !== null) return fail('corrupt', extra);
  const parsed = parseDiagram(decoded.raw);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
    return fail(
      'invalid-diagram',
      `This link opens, but the diagram in it is not valid: ${first ? `${first.path}: ${first.message}` : 'unknown problem'}${more}.`,
      parsed.errors,
    );
  }
  return {
    ok: true,
    diagram: parsed.diagram,
    autoplay: decoded.autoplay,
    // Presenting opens the deck, or the diagram as one scene when it has no deck.
    ...(decoded.present && { present: true }),
  };
}

const MISMATCH = damaged("its contents don't match its checksum, so part of it was altered");

function inflateFailure(reason: InflateStop['reason']): DecodeLinkResult {
  if (reason === 'eof') return fail('truncated', TRUNCATED);
  if (reason === 'invalid') return fail('corrupt', damaged('its compressed data is invalid'));
  return fail('corrupt', damaged('it unpacks to far more data than any diagram'));
}

function notLaidOut(format: number, e: Error): DecodeLinkResult {
  return fail(
    'corrupt',
    damaged(`its contents are not laid out as link format ${format} expects (${e.message})`),
  );
}

/** A payload that claims more than a diagram holds, refused in the words parseDiagram would use. */
function limitFailure(e: PayloadLimitError): DecodeLinkResult {
  if (e.path === null) return fail('corrupt', damaged(e.message));
  return fail(
    'invalid-diagram',
    `This link opens, but the diagram in it is not valid: ${e.path}: ${e.message}.`,
    [{ path: e.path, message: e.message }],
  );
}

/** Past a reading error, how much more is inflated to check the whole payload (then: give up). */
const CHECK_REST_BYTES = 1_000_000;
/**
 * A count over the limits within this many bytes is checked against the checksum (with this much
 * more at most): a link altered there is a diagram's few kB, a bomb's megabytes (refused at once).
 */
const CHECK_REST_AFTER_LIMIT_BYTES = 32_000;

/**
 * After the codec stopped on bytes it could not have written: inflates the rest (at most `budget`
 * bytes more, keeping only a running fingerprint) to tell a cut or altered link, which
 * is what a damaged link usually is, from a payload that is intact but wrongly laid out. Null when
 * the rest inflates and matches the checksum, or is too long to check.
 */
function checkRest(
  reader: ByteReader,
  pull: BytePull,
  expected: number,
  budget: number,
): DecodeLinkResult | null {
  let print = fnv1a(reader.received());
  let more = 0;
  try {
    for (let chunk = pull(); chunk; chunk = pull()) {
      print = fnv1a(chunk, print);
      more += chunk.length;
      if (more > budget) return null;
    }
  } catch (e) {
    if (e instanceof InflateStop) return inflateFailure(e.reason);
    throw e;
  }
  return (print & 0xffffff) === expected ? null : fail('corrupt', MISMATCH);
}

/**
 * Text after the end of a link's compressed data (`<link>hello-world`), which inflating alone
 * ignores: the message saying so, or null. Run only on a link that decoded: its payload is small.
 * The data ends at the shortest prefix that still inflates; what follows it is the extra text.
 */
function extraText(
  body: string,
  packed: Uint8Array,
  dictionary: Uint8Array,
  dangling: boolean,
): string | null {
  const inflates = (length: number) => {
    try {
      inflateSync(packed.subarray(0, length), { dictionary });
      return true;
    } catch {
      return false;
    }
  };
  let end = packed.length;
  if (inflates(end - 1)) {
    // Widen the step until a prefix no longer inflates, then narrow down to the exact end.
    let step = 2;
    while (step < end && inflates(end - step)) step *= 2;
    let low = Math.max(0, end - step);
    let high = end - step / 2;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (inflates(mid)) high = mid;
      else low = mid;
    }
    end = high;
  } else if (!dangling) return null;
  const linkChars = Math.ceil(((FINGERPRINT_BYTES + end) * 4) / 3);
  const extra = body.slice(linkChars);
  const shown = extra.length > 24 ? `${extra.slice(0, 24)}…` : extra;
  return (
    `This link has extra text at its end (“${shown}”), probably pasted or typed after it. ` +
    'Remove the extra text, or copy the link again.'
  );
}
