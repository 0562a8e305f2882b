import type { Diagram } from '../model/schema';
import { decodeV5, encodeV5, type DecodedPayloadV5 } from './codec-v5';
import type { ByteReader } from './varint';

/**
 * Link format 6: model version 5, where a scene may say which panels it shows (`panels`). The bytes
 * are format 5's: the deck section's JSON carries every field of a scene but its diagram (written as
 * a difference), so a scene's `panels` travel in it as they are. The format number is new so that a
 * Microsim that reads up to format 5 refuses these links ("made by a newer Microsim") instead of
 * opening the deck with its panels silently gone.
 *
 * Same dictionary as formats 2 to 5. FROZEN once released, like the formats before it.
 */
export const FORMAT_6 = 6;

/** The format-6 bytes of `diagram` (before deflate). */
export function encodeV6(diagram: Diagram, options: { autoplay: boolean; present: boolean }): Uint8Array {
  return encodeV5(diagram, options);
}

/** Reads format-6 bytes back into model-version-5 diagram JSON. */
export function decodeV6(input: Uint8Array | ByteReader): DecodedPayloadV5 {
  const decoded = decodeV5(input);
  decoded.raw.version = 5;
  return decoded;
}
