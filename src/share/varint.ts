/**
 * A value the link writer can not write (a negative count, NaN, an enum value the format has no
 * index for): thrown instead of writing bytes that would decode as something else or as corrupt.
 */
export class LinkWriteError extends Error {
  override name = 'LinkWriteError';
}

/**
 * A byte stream of unsigned/signed varints, numbers and strings, for the link codec. It refuses
 * impossible values by throwing LinkWriteError; it never writes garbage.
 */
export class ByteWriter {
  private readonly bytes: number[] = [];

  /** An unsigned whole number (LEB128): any size a double holds, exactly. */
  uint(n: number): void {
    if (!Number.isInteger(n) || n < 0)
      throw new LinkWriteError(`the link writer got ${n} where it needs a whole number of 0 or more`);
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
    if (!Number.isInteger(n))
      throw new LinkWriteError(`the link writer got ${n} where it needs a whole number`);
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
    if (!Number.isFinite(n))
      throw new LinkWriteError(`the link writer got ${n}, which is not a finite number`);
    if (Number.isSafeInteger(n) && Math.abs(n) < 2 ** 45) {
      this.uint((n >= 0 ? n * 2 : -n * 2 - 1) * 2);
      return;
    }
    const text = String(n);
    this.uint(text.length * 2 + 1);
    for (let i = 0; i < text.length; i++) this.bytes.push(text.charCodeAt(i) & 0x7f);
  }
  /**
   * `value`'s index in the format's table `options` (`field` names it in the error when it has
   * none: a schema that gained an option the format doesn't know).
   */
  choice(options: readonly string[], value: string, field: string, format: number): void {
    this.uint(indexIn(options, value, field, format));
  }
  raw(bytes: Uint8Array): void {
    for (const b of bytes) this.bytes.push(b);
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** `value`'s index in a link format's table `options`; throws LinkWriteError when it has none. */
export function indexIn(options: readonly string[], value: string, field: string, format: number): number {
  const index = options.indexOf(value);
  if (index < 0) {
    throw new LinkWriteError(
      `link format ${format} can not write ${field} ${JSON.stringify(value)}: its table has only ${options.join(', ')}`,
    );
  }
  return index;
}

/** Reading past the end or an impossible value: the bytes are not a payload of this format. */
export class PayloadShapeError extends Error {}

/**
 * A payload asks for more than any valid diagram holds (3,000,000 services, a 5 MB name): refused
 * before anything is built. `path` is the diagram field it concerns (`services`), null for none.
 */
export class PayloadLimitError extends Error {
  constructor(
    readonly path: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** Gives the next piece of a payload that arrives bit by bit (an inflating link), null at its end. */
export type BytePull = () => Uint8Array | null;

/**
 * Reads what ByteWriter wrote; throws PayloadShapeError on anything it could not have written. Reads
 * a whole array, or a stream through `pull`: then it asks for bytes only as it needs them, so a
 * reader that stops early (a count past the schema's limit) never unpacks the rest.
 */
export class ByteReader {
  private pos = 0;
  private bytes: Uint8Array;
  private end: number;
  constructor(
    bytes: Uint8Array,
    private readonly pull?: BytePull,
  ) {
    this.bytes = bytes;
    this.end = bytes.length;
  }

  /** Makes `need` bytes past the current position available if the stream has them. */
  private fill(need: number): boolean {
    while (this.pos + need > this.end) {
      const chunk = this.pull?.();
      if (!chunk) return false;
      if (this.end + chunk.length > this.bytes.length) {
        const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.end + chunk.length, 4096));
        grown.set(this.bytes.subarray(0, this.end));
        this.bytes = grown;
      }
      this.bytes.set(chunk, this.end);
      this.end += chunk.length;
    }
    return true;
  }
  /** Whether the payload ends here (a stream is asked for one more byte to know). */
  get done(): boolean {
    return !this.fill(1);
  }
  /** How many bytes have been read. */
  get offset(): number {
    return this.pos;
  }
  /** Every byte that has arrived so far (after `done`, the whole payload). */
  received(): Uint8Array {
    return this.bytes.subarray(0, this.end);
  }
  private byte(): number {
    if (this.pos >= this.end && !this.fill(1)) throw new PayloadShapeError('it ends too early');
    return this.bytes[this.pos++]!;
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
    // The text is payload bytes, maybe binary: the message never shows it.
    if (!Number.isFinite(n) || text.trim() !== text || text === '')
      throw new PayloadShapeError('a number is written as text that is not a number');
    return n;
  }
  take(length: number): Uint8Array {
    if (!this.fill(length)) throw new PayloadShapeError('it ends too early');
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  /**
   * The bytes up to the next NUL (which is skipped); a text longer than `max` bytes is refused
   * as soon as it is, without reading on to find its end.
   */
  untilNul(max: number, tooLong: () => Error): Uint8Array {
    let at = this.pos;
    for (;;) {
      if (at >= this.end && !this.fill(at - this.pos + 1)) throw new PayloadShapeError('it ends too early');
      if (this.bytes[at] === 0) break;
      if (++at - this.pos > max) throw tooLong();
    }
    const out = this.bytes.subarray(this.pos, at);
    this.pos = at + 1;
    return out;
  }
}
