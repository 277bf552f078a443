/**
 * The binary state encoding (version 2 of the state codec, state-codec.ts): each value a tag byte
 * and its payload, written into one growing buffer. Strings are length-prefixed UTF-8 written in
 * place with `TextEncoder.encodeInto` (ASCII ones under 64 characters by a plain loop, cheaper
 * than a call), numbers are 8 bytes (4 for an int32) — ±∞ and NaN included, which JSON cannot
 * hold — and typed arrays are their bytes, read back as the same typed array. Nothing is built as
 * text first: JSON made a 10 MB state a 10 MB string, then encoded it again into bytes.
 *
 * Values are taken the way JSON.stringify takes them, so state reads back as it did from JSON:
 * `toJSON` applies, boxed primitives unbox, `undefined`, functions and symbols are dropped from
 * objects and read as null in arrays, only own enumerable string keys are kept, a cycle or a
 * BigInt throws. Two differences, both kept exactly where JSON was lossy: −0 stays −0, and a
 * string with a lone surrogate stays as it was (its UTF-16 code units are stored).
 *
 * Every host Eddy runs on is little-endian; numbers are written little-endian explicitly, typed
 * arrays as their memory (an encoder on a big-endian machine refuses them).
 */

const Tag = {
  Null: 0,
  False: 1,
  True: 2,
  Int32: 3,
  Float64: 4,
  /** u8 byte length, UTF-8 bytes. */
  Str8: 5,
  /** u32 byte length, UTF-8 bytes. */
  Str32: 6,
  /** u32 length in code units, UTF-16LE code units: a string UTF-8 cannot hold (a lone surrogate). */
  Str16: 7,
  /** u32 count, the elements. */
  Array: 8,
  /** (key string, value) pairs, then End. */
  Object: 9,
  End: 10,
  /** u8 kind (TYPED_ARRAYS index), u32 byte length, the bytes. */
  Typed: 11,
} as const;
type Tag = (typeof Tag)[keyof typeof Tag];

/** The first bytes of a binary state: 0x00 (no JSON text starts with it), "es", the version. */
export const STATE_HEADER = Uint8Array.of(0x00, 0x65, 0x73, 0x02);

const TYPED_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array] as const;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[number]>;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Past this many UTF-8 bytes a string is encoded on its own rather than reserving 3 bytes a character. */
const HUGE_STRING_BYTES = 1 << 24;
/** Nesting past which an object is checked against its ancestors for a cycle (a cycle nests forever). */
const CYCLE_CHECK_DEPTH = 64;

const encoder = new TextEncoder();
// ignoreBOM: a string that starts with U+FEFF keeps it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const OMIT = Symbol('omit');

/** The first chunk's size; each next one is twice the last, up to MAX_CHUNK (or one value's size). */
const FIRST_CHUNK = 4096;
const MAX_CHUNK = 1 << 22;

/**
 * Bytes written into chunks, joined once at the end: a growing buffer would copy everything
 * written so far at each doubling. Nothing is ever written back, so a value never spans a
 * rewind (object lengths end with a tag; array lengths are known up front).
 */
class Writer {
  buf: Uint8Array;
  view: DataView;
  pos = 0;
  private readonly full: Uint8Array[] = [];
  private fullBytes = 0;
  private depth = 0;
  /** Objects deeper than CYCLE_CHECK_DEPTH on the way down (a cycle repeats its objects there). */
  private readonly deep: object[] = [];

  constructor() {
    this.buf = new Uint8Array(FIRST_CHUNK);
    this.view = new DataView(this.buf.buffer);
  }

  /** Room for `extra` more bytes in the current chunk, starting a new one if needed. */
  ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    if (this.pos > 0) {
      this.full.push(this.buf.subarray(0, this.pos));
      this.fullBytes += this.pos;
    }
    this.buf = new Uint8Array(Math.max(extra, Math.min(MAX_CHUNK, 2 * this.buf.length)));
    this.view = new DataView(this.buf.buffer);
    this.pos = 0;
  }

  /** Everything written, in one buffer of exactly its length (a view of a larger one would be stored or sent whole). */
  finish(): Uint8Array {
    if (this.full.length === 0) return this.pos === this.buf.length ? this.buf : this.buf.slice(0, this.pos);
    const out = new Uint8Array(this.fullBytes + this.pos);
    let at = 0;
    for (const chunk of this.full) {
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(this.buf.subarray(0, this.pos), at);
    return out;
  }

  string(s: string): void {
    const n = s.length;
    if (n < 64) {
      this.ensure(2 + n);
      const buf = this.buf;
      let p = this.pos + 2;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[p++] = c;
      }
      if (i === n) {
        buf[this.pos] = Tag.Str8;
        buf[this.pos + 1] = n;
        this.pos = p;
        return;
      }
    }
    if (!isWellFormed(s)) {
      this.ensure(5 + 2 * n);
      this.buf[this.pos] = Tag.Str16;
      this.view.setUint32(this.pos + 1, n, true);
      let p = this.pos + 5;
      for (let i = 0; i < n; i++, p += 2) this.view.setUint16(p, s.charCodeAt(i), true);
      this.pos = p;
      return;
    }
    const most = 3 * n;
    if (most < 256) {
      this.ensure(2 + most);
      const { written } = encoder.encodeInto(s, this.buf.subarray(this.pos + 2));
      this.buf[this.pos] = Tag.Str8;
      this.buf[this.pos + 1] = written;
      this.pos += 2 + written;
    } else if (most <= HUGE_STRING_BYTES) {
      this.ensure(5 + most);
      const { written } = encoder.encodeInto(s, this.buf.subarray(this.pos + 5));
      this.buf[this.pos] = Tag.Str32;
      this.view.setUint32(this.pos + 1, written, true);
      this.pos += 5 + written;
    } else {
      const bytes = encoder.encode(s);
      this.ensure(5 + bytes.length);
      this.buf[this.pos] = Tag.Str32;
      this.view.setUint32(this.pos + 1, bytes.length, true);
      this.buf.set(bytes, this.pos + 5);
      this.pos += 5 + bytes.length;
    }
  }

  number(v: number): void {
    this.ensure(9);
    if ((v | 0) === v && !(v === 0 && 1 / v < 0)) {
      this.buf[this.pos] = Tag.Int32;
      this.view.setInt32(this.pos + 1, v, true);
      this.pos += 5;
    } else {
      this.buf[this.pos] = Tag.Float64;
      this.view.setFloat64(this.pos + 1, v, true);
      this.pos += 9;
    }
  }

  byte(tag: Tag): void {
    this.ensure(1);
    this.buf[this.pos++] = tag;
  }

  /** Writes `value` (already through `resolve`) as JSON.stringify would take it. */
  value(value: unknown): void {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        return this.number(value);
      case 'boolean':
        return this.byte(value ? Tag.True : Tag.False);
      case 'bigint':
        throw new TypeError('the state holds a BigInt, which a checkpoint cannot store (store it as a string or a number)');
      case 'object':
        if (value === null) return this.byte(Tag.Null);
        return this.object(value);
      default:
        throw new TypeError(`the state holds a ${typeof value} where a value belongs`);
    }
  }

  private object(obj: object): void {
    if (++this.depth > CYCLE_CHECK_DEPTH) {
      if (this.deep.includes(obj)) throw new TypeError('the state holds a cycle (an object that contains itself), which a checkpoint cannot store');
      this.deep.push(obj);
    }
    if (Array.isArray(obj)) {
      const n = obj.length;
      this.ensure(5);
      this.buf[this.pos] = Tag.Array;
      this.view.setUint32(this.pos + 1, n, true);
      this.pos += 5;
      for (let i = 0; i < n; i++) {
        const v = resolve(obj[i], i);
        if (v === OMIT) this.byte(Tag.Null);
        else this.value(v);
      }
    } else if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
      this.typed(obj as AnyTypedArray);
    } else if (obj instanceof Number || obj instanceof String || obj instanceof Boolean) {
      this.value(obj.valueOf());
    } else {
      this.byte(Tag.Object);
      const record = obj as Record<string, unknown>;
      for (const k of Object.keys(record)) {
        const v = resolve(record[k], k);
        if (v === OMIT) continue;
        this.string(k);
        this.value(v);
      }
      this.byte(Tag.End);
    }
    if (this.depth-- > CYCLE_CHECK_DEPTH) this.deep.pop();
  }

  typed(a: AnyTypedArray): void {
    if (!LITTLE_ENDIAN) throw new TypeError('typed arrays in state are stored as their little-endian memory; this machine is big-endian');
    const kind = TYPED_ARRAYS.findIndex((T) => a instanceof T);
    if (kind < 0) throw new TypeError(`the state holds a ${a.constructor.name}, which a checkpoint cannot store`);
    this.ensure(6 + a.byteLength);
    this.buf[this.pos] = Tag.Typed;
    this.buf[this.pos + 1] = kind;
    this.view.setUint32(this.pos + 2, a.byteLength, true);
    this.buf.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), this.pos + 6);
    this.pos += 6 + a.byteLength;
  }
}

/** `value` after its toJSON (given its key or index, as JSON does), or OMIT where JSON leaves it out. */
function resolve(value: unknown, key: string | number): unknown {
  if (typeof value === 'object') {
    if (value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') return resolve((value as { toJSON(key: string): unknown }).toJSON(String(key)), key);
    return value;
  }
  return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? OMIT : value;
}

/** `value` in the binary encoding, header first, in a buffer of exactly its length. */
export function encodeBinaryState(value: unknown): Uint8Array {
  const w = new Writer();
  w.buf.set(STATE_HEADER);
  w.pos = STATE_HEADER.length;
  const v = resolve(value, '');
  if (v === OMIT) w.byte(Tag.Null);
  else w.value(v);
  return w.finish();
}

export function isBinaryState(bytes: Uint8Array): boolean {
  return bytes.length >= STATE_HEADER.length && bytes[0] === STATE_HEADER[0] && bytes[1] === STATE_HEADER[1] && bytes[2] === STATE_HEADER[2];
}

/** Strings up to this many bytes go through the Reader's cache; its size, a power of two. */
const SHORT_STRING = 16;
const SHORT_CACHE = 4096;

class Reader {
  pos: number;
  private readonly view: DataView;
  private readonly short: Array<string | undefined> = new Array(SHORT_CACHE);

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = STATE_HEADER.length;
  }

  private fail(what: string): never {
    throw new Error(`the state encoding is damaged: ${what} at byte ${this.pos} of ${this.buf.length}`);
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) this.fail('it ends early');
  }

  private utf8(length: number): string {
    this.need(length);
    const buf = this.buf;
    const start = this.pos;
    this.pos += length;
    if (length <= SHORT_STRING) {
      // Short ASCII strings repeat (a key in each of its states, namespaces, field names): one
      // string each, as JSON.parse internalizes its short ones, rather than a new one per row.
      let h = length;
      for (let i = start; i < start + length; i++) {
        const c = buf[i]!;
        if (c >= 0x80) return decoder.decode(buf.subarray(start, start + length));
        h = Math.imul(h ^ c, 0x01000193);
      }
      const slot = (h ^ (h >>> 15)) & (SHORT_CACHE - 1);
      const cached = this.short[slot];
      if (cached !== undefined && cached.length === length) {
        let same = true;
        for (let i = 0; i < length; i++) if (cached.charCodeAt(i) !== buf[start + i]) same = false;
        if (same) return cached;
      }
      let s = '';
      for (let i = start; i < start + length; i++) s += String.fromCharCode(buf[i]!);
      this.short[slot] = s;
      return s;
    }
    return decoder.decode(buf.subarray(start, start + length));
  }

  /** A string at the cursor (an object key or a value), its tag already read. */
  private stringOf(tag: number): string {
    if (tag === Tag.Str8) {
      this.need(1);
      return this.utf8(this.buf[this.pos++]!);
    }
    if (tag === Tag.Str32) {
      this.need(4);
      const n = this.view.getUint32(this.pos, true);
      this.pos += 4;
      return this.utf8(n);
    }
    if (tag === Tag.Str16) {
      this.need(4);
      const n = this.view.getUint32(this.pos, true);
      this.pos += 4;
      this.need(2 * n);
      let s = '';
      for (let i = 0; i < n; i++, this.pos += 2) s += String.fromCharCode(this.view.getUint16(this.pos, true));
      return s;
    }
    return this.fail(`tag ${tag} where a string belongs`);
  }

  value(): unknown {
    this.need(1);
    const tag = this.buf[this.pos++]!;
    switch (tag) {
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Int32: {
        this.need(4);
        const v = this.view.getInt32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case Tag.Float64: {
        this.need(8);
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case Tag.Str8:
      case Tag.Str32:
      case Tag.Str16:
        return this.stringOf(tag);
      case Tag.Array: {
        this.need(4);
        const n = this.view.getUint32(this.pos, true);
        this.pos += 4;
        // Every element takes a byte at least: a damaged length fails here, not in new Array.
        if (n > this.buf.length - this.pos) this.fail(`an array of ${n} elements in fewer bytes`);
        // Exactly its length: pushing into [] reserves room for 17 elements at the first push.
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = this.value();
        return out;
      }
      case Tag.Object: {
        const out: Record<string, unknown> = {};
        for (;;) {
          this.need(1);
          const t = this.buf[this.pos++]!;
          if (t === Tag.End) return out;
          const k = this.stringOf(t);
          const v = this.value();
          // As JSON.parse makes it: an own property, never the prototype.
          if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
          else out[k] = v;
        }
      }
      case Tag.Typed: {
        this.need(5);
        const T = TYPED_ARRAYS[this.buf[this.pos]!];
        const n = this.view.getUint32(this.pos + 1, true);
        this.pos += 5;
        if (T === undefined || n % T.BYTES_PER_ELEMENT !== 0) this.fail('an unknown typed array');
        this.need(n);
        const start = this.buf.byteOffset + this.pos;
        this.pos += n;
        return new T(this.buf.buffer.slice(start, start + n) as ArrayBuffer);
      }
      default:
        return this.fail(`unknown tag ${tag}`);
    }
  }

  end(): void {
    if (this.pos !== this.buf.length) this.fail('bytes after the value');
  }
}

/** The value of a binary state (isBinaryState). Throws naming the byte where it is damaged. */
export function decodeBinaryState(bytes: Uint8Array): unknown {
  if (!isBinaryState(bytes)) throw new Error('not a binary state encoding');
  if (bytes[3] !== STATE_HEADER[3]) throw new Error(`the state was encoded by a newer version of Eddy (state encoding version ${bytes[3]}; this one reads up to ${STATE_HEADER[3]})`);
  const r = new Reader(bytes);
  const value = r.value();
  r.end();
  return value;
}
