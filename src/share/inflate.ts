import { Inflate } from 'fflate';
import type { DecodeStats } from './link';
import type { BytePull } from './varint';

/** Why an inflating link stopped short of its end. */
export class InflateStop extends Error {
  constructor(readonly reason: 'eof' | 'invalid' | 'too-large') {
    super(reason);
  }
}

/** Input fed to the inflater at a time: one push makes at most about 1,032 times as much output. */
const INFLATE_STEP = 512;

/**
 * Raw inflate, a piece at a time as the reader asks for it: `pull` gives the next output (null at
 * the end) and throws InflateStop when the data is cut, invalid or unpacks past `cap`.
 */
export function inflateStream(
  data: Uint8Array,
  dictionary: Uint8Array,
  cap: number,
  stats: DecodeStats,
): { pull: BytePull } {
  const ready: Uint8Array[] = [];
  let total = 0;
  let at = 0;
  const inflater = new Inflate({ dictionary }, (chunk) => {
    total += chunk.length;
    stats.inflatedBytes += chunk.length;
    if (chunk.length) ready.push(chunk);
  });
  const pull = (): Uint8Array | null => {
    while (ready.length === 0) {
      if (at >= data.length) return null;
      const next = Math.min(at + INFLATE_STEP, data.length);
      try {
        inflater.push(data.subarray(at, next), next === data.length);
      } catch (e) {
        throw new InflateStop((e as { code?: number }).code === 0 ? 'eof' : 'invalid');
      }
      at = next;
      if (total > cap) throw new InflateStop('too-large');
    }
    return ready.shift()!;
  };
  return { pull };
}
