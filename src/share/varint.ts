/** A byte stream of unsigned/signed varints, numbers and strings, for the link codec. */
export class ByteWriter {
  private readonly bytes: number[] = [];

  /** An unsigned whole number (LEB128): any size a double holds, exactly. */
  uint(n: number): void {
    if (n > Number.MAX_SAFE_INTEGER) return this.big(BigInt(n));
    let v = n;
    while (v >= 128) {
      this.bytes.push((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }
  /** A signed whole number, zigzag-encoded so small negatives stay short. */
  sint(n: number): void {
    // Past 2^52 the zigzag value is not a double any more: work it out exactly.
    if (Math.abs(n) > 2 ** 52) {
      const b = BigInt(n);
      return this.big(b >= 0n ? b * 2n : -b * 2n - 1n);
    }
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  private big(v: bigint): void {
    while (v >= 128n) {
      this.bytes.push(Number(v % 128n) | 128);
      v /= 128n;
    }
    this.bytes.push(Number(v));
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
  /** How many bytes have been read. */
  get offset(): number {
    return this.pos;
  }
  private byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new PayloadShapeError('it ends too early');
    return b;
  }
  uint(): number {
    const v = this.varint();
    if (typeof v === 'number') return v;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new PayloadShapeError('a number is too large');
    return n;
  }
  sint(): number {
    const z = this.varint();
    if (typeof z === 'number') return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    const n = Number(z % 2n === 0n ? z / 2n : -(z + 1n) / 2n);
    if (!Number.isFinite(n)) throw new PayloadShapeError('a number is too large');
    return n;
  }
  /** A LEB128 number: a double up to 7 bytes (49 bits, always exact), else a bigint. */
  private varint(): number | bigint {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      n += (b & 127) * scale;
      if (b < 128) return n;
      scale *= 128;
    }
    let big = BigInt(n);
    for (let shift = 49n; ; shift += 7n) {
      // 1,100 bits is past the largest double: no writer makes such a number.
      if (shift > 1100n) throw new PayloadShapeError('a number is too long');
      const b = this.byte();
      big += BigInt(b & 127) << shift;
      if (b < 128) return big;
    }
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
