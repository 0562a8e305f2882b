/** A byte stream of unsigned/signed varints, numbers and strings, for the link codec. */
export class ByteWriter {
  private readonly bytes: number[] = [];

  /** An unsigned integer (LEB128), up to 2^53. */
  uint(n: number): void {
    let v = n;
    while (v >= 128) {
      this.bytes.push((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }
  /** A signed integer, zigzag-encoded so small negatives stay short. */
  sint(n: number): void {
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  /** Any finite number: whole numbers as varints, others as their shortest decimal text. */
  num(n: number): void {
    if (Number.isSafeInteger(n) && Math.abs(n) < 2 ** 45) {
      this.uint((n >= 0 ? n * 2 : -n * 2 - 1) * 2);
      return;
    }
    const text = String(n);
    this.uint(text.length * 2 + 1);
    for (let i = 0; i < text.length; i++) this.bytes.push(text.charCodeAt(i) & 0x7f);
  }
  raw(bytes: Uint8Array): void {
    for (const b of bytes) this.bytes.push(b);
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** Reading past the end or an impossible value: the bytes are not a payload of this format. */
export class PayloadShapeError extends Error {}

/** Reads what ByteWriter wrote; throws PayloadShapeError on anything it could not have written. */
export class ByteReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos === this.bytes.length;
  }
  private byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new PayloadShapeError('it ends too early');
    return b;
  }
  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 127) * scale;
      if (b < 128) return n;
      scale *= 128;
      if (scale > 2 ** 53) throw new PayloadShapeError('a number is too long');
    }
  }
  sint(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
  num(): number {
    const z = this.uint();
    if (z % 2 === 0) {
      const h = z / 2;
      return h % 2 === 0 ? h / 2 : -(h + 1) / 2;
    }
    const length = (z - 1) / 2;
    if (length > 32) throw new PayloadShapeError('a number is too long');
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(this.byte());
    const n = Number(text);
    if (!Number.isFinite(n) || text.trim() !== text || text === '')
      throw new PayloadShapeError(`"${text}" is not a number`);
    return n;
  }
  take(length: number): Uint8Array {
    if (this.pos + length > this.bytes.length) throw new PayloadShapeError('it ends too early');
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}
