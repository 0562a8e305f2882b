const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Bytes as unpadded base64url, safe in a URL fragment without escaping. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += ALPHABET[n & 63]!;
  }
  return out;
}

/**
 * Unpadded base64url back to bytes: `invalid-char` when a character is outside the alphabet,
 * `bad-length` when the length can't be one of ours (one stray character after a full group).
 */
export function fromBase64Url(
  text: string,
): { ok: true; bytes: Uint8Array } | { ok: false; reason: 'invalid-char' | 'bad-length'; at?: number } {
  if (text.length % 4 === 1) return { ok: false, reason: 'bad-length' };
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? LOOKUP[code]! : -1;
    if (v < 0) return { ok: false, reason: 'invalid-char', at: i };
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: out.subarray(0, o) };
}

/** FNV-1a, 32 bits: a cheap fingerprint that tells a mangled link from an intact one. `from`: the
 * fingerprint of the bytes before these, to fingerprint a payload piece by piece. */
export function fnv1a(bytes: Uint8Array, from = 0x811c9dc5): number {
  let h = from;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
