import { describe, expect, it } from 'vitest';
import { TraceLog } from './trace';

/** A NaN with the sign bit set, as x86 code computing 0/0 yields it (JavaScript's NaN has it clear). */
function negativeNaN(): number {
  const words = new Uint32Array([0, 0xfff80000]);
  return new Float64Array(words.buffer)[0]!;
}

describe('TraceLog hash', () => {
  it('is the same whichever NaN bit pattern stands for "no number"', () => {
    const plain = new TraceLog(['a'], [], 8, null);
    const other = new TraceLog(['a'], [], 8, null);
    expect(Number.isNaN(negativeNaN())).toBe(true);
    plain.add(1, 10, 0, 0, -1, -1, NaN);
    other.add(1, 10, 0, 0, -1, -1, negativeNaN());
    expect(other.hash()).toBe(plain.hash());
  });

  it('still tells numbers apart', () => {
    const one = new TraceLog(['a'], [], 8, null);
    const two = new TraceLog(['a'], [], 8, null);
    one.add(1, 10, 0, 0, -1, -1, 1);
    two.add(1, 10, 0, 0, -1, -1, 2);
    expect(one.hash()).not.toBe(two.hash());
  });
});
