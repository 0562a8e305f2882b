import { deflateSync, Inflate } from 'fflate';
import type { DiagramError } from '../model/parse';
import { parseDiagram } from '../model/parse';
import type { Diagram } from '../model/schema';
import { fnv1a, fromBase64Url, toBase64Url } from './bytes';
import { decodeV1 } from './codec-v1-decode';
import { DICTIONARY_V1 } from './codec-v1-tables';
import { decodeV2, DICTIONARY_V2, encodeV2, FORMAT_2 } from './codec-v2';

/**
 * A share link's fragment: `m<format>.<base64url>`, where the bytes are a 3-byte fingerprint of the
 * payload followed by the payload (see codec-v2.ts, codec-v1.ts) raw-deflated at level 9 with the
 * format's preset dictionary. The format number names the codec; every released codec's decoder is
 * kept so old links open.
 */
export const LINK_FORMAT = FORMAT_2;

interface LinkCodec {
  dictionary: Uint8Array;
  decode: (payload: Uint8Array) => { raw: Record<string, unknown>; autoplay: boolean };
}
/** Decoders of every released link format: each gives raw diagram JSON that parseDiagram migrates. */
const CODECS: Record<number, LinkCodec> = {
  1: { dictionary: DICTIONARY_V1, decode: decodeV1 },
  2: { dictionary: DICTIONARY_V2, decode: decodeV2 },
};

/** Above this many characters some chat tools and mail clients cut links. */
export const LONG_LINK_CHARS = 8_000;
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
export type DecodeLinkResult =
  { ok: true; diagram: Diagram; autoplay: boolean } | { ok: false; error: LinkError };

/** The fragment payload (without '#') that carries `diagram`; `autoplay` makes the run start on open. */
export function encodeLink(diagram: Diagram, options: { autoplay?: boolean } = {}): string {
  const payload = encodeV2(diagram, options.autoplay ?? false);
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
export function decodeLink(fragmentOrUrl: string): DecodeLinkResult {
  try {
    return decode(fragmentOrUrl);
  } catch {
    // Every known failure is classified below; this guards the promise that nothing escapes.
    return fail('corrupt', damaged('it could not be read'));
  }
}

function decode(input: string): DecodeLinkResult {
  if (typeof input !== 'string') return fail('not-a-link', 'This is not a link.');
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
  const r = unpack(codec, format, body);
  // An ellipsis where the link ends is what chat tools leave when they shorten a link.
  if (!r.ok && cut && r.error.code === 'corrupt') return fail('truncated', TRUNCATED);
  return r;
}

/** The diagram in a link's body (after `m<format>.`). */
function unpack(codec: LinkCodec, format: number, body: string): DecodeLinkResult {
  const b64 = fromBase64Url(body);
  if (!b64.ok) {
    if (b64.reason === 'bad-length') return fail('truncated', TRUNCATED);
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
  const inflated = inflateCapped(bytes.subarray(FINGERPRINT_BYTES), codec.dictionary, MAX_PAYLOAD_BYTES);
  if (inflated === 'eof') return fail('truncated', TRUNCATED);
  if (inflated === 'invalid') return fail('corrupt', damaged('its compressed data is invalid'));
  if (inflated === 'too-large')
    return fail('corrupt', damaged('it unpacks to far more data than any diagram'));
  const payload = inflated;
  const expected = ((bytes[0]! << 16) | (bytes[1]! << 8) | bytes[2]!) >>> 0;
  if ((fnv1a(payload) & 0xffffff) !== expected) {
    return fail('corrupt', damaged("its contents don't match its checksum, so part of it was altered"));
  }
  let decoded: { raw: Record<string, unknown>; autoplay: boolean };
  try {
    decoded = codec.decode(payload);
  } catch (e) {
    return fail(
      'corrupt',
      damaged(`its contents are not laid out as link format ${format} expects (${(e as Error).message})`),
    );
  }
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
  return { ok: true, diagram: parsed.diagram, autoplay: decoded.autoplay };
}

/** Raw inflate that stops as soon as the output passes `cap`, so a tiny link can't exhaust memory. */
function inflateCapped(
  data: Uint8Array,
  dictionary: Uint8Array,
  cap: number,
): Uint8Array | 'eof' | 'invalid' | 'too-large' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const inflater = new Inflate({ dictionary }, (chunk) => {
    total += chunk.length;
    if (total > cap) tooLarge = true;
    else chunks.push(chunk.slice());
  });
  const STEP = 1024;
  try {
    for (let i = 0; i < data.length && !tooLarge; i += STEP) {
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    }
  } catch (e) {
    return (e as { code?: number }).code === 0 ? 'eof' : 'invalid';
  }
  if (tooLarge) return 'too-large';
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Characters that copying adds without showing them: zero-width spaces and joiners, soft hyphens, BOMs. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060\uFEFF]/g;
/** Escapes of URL punctuation that mail and chat link-wrappers (e.g. Outlook safe links) add. */
const ESCAPED = /%(23|2F|3A|3F|3D|26|2E|25|20)/gi;
/** Percent-encoded non-ASCII text (an ellipsis, a zero-width space), as browsers show it in a URL. */
const ESCAPED_UTF8 = /(?:%[C-F][0-9A-F](?:%[89AB][0-9A-F]){1,3})+/gi;

/**
 * Finds `m<format>.<body>` in a URL, fragment or bare payload, forgiving what copying adds. `cut` is
 * set when the body ends in an ellipsis, the mark chat tools leave where they shortened a link.
 */
function findPayload(input: string): { format: number; body: string; cut: boolean } | null {
  // Mail quotes lines with "> "; mail and chat wrap long links onto several lines.
  let s = input.replace(/^[ \t]*(?:>[ \t]?)+/gm, '');
  // A link inside another link arrives percent-encoded, sometimes twice.
  for (let i = 0; i < 3 && s.search(ESCAPED) >= 0; i++) {
    s = s.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  s = s.replace(ESCAPED_UTF8, (escaped) => {
    try {
      return decodeURIComponent(escaped);
    } catch {
      return escaped;
    }
  });
  s = s.replace(INVISIBLE, '').replace(/\s+/g, '');
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(hash + 1);
  const match = /(?:^|[&/=?;(<"'])m(\d{1,6})\.([^&/=?;#]*)/.exec(s);
  if (!match) return null;
  const body = match[2]!.replace(/[.,;:!?)\]>'"…]+$/, '');
  return { format: Number(match[1]), body, cut: /…[.,;:!?)\]>'"]*$/.test(match[2]!) };
}
