/**
 * The encoding half of the batch codec: records → one ArrayBuffer in the layout of
 * `batch-codec-format.ts`.
 */
import { DIR_ENTRY_WORDS, H, HEADER_BYTES, Kind, MAX_U16_INDEX, Mode, ROW_KINDS, align8, fixedColumnBytes } from './batch-codec-format.js';
import { EncodeShapes } from './batch-codec-shapes.js';
import { ILL_FORMED, StringTable } from './batch-codec-strings.js';
import { BatchWriter } from './batch-codec-writer.js';

/** Column classification before string widths are known. */
const Class = { f64: 1, nullableF64: 2, string: 3, bool: 4, json: 5, i32: 6 } as const;
/** A cell JSON would drop (undefined, a function, a symbol): only the JSON mode can express that. */
const NOT_COLUMNAR = -1;
/** Placeholder string index for null, replaced by the string count once it is known. */
const NULL_INDEX = 0xffffffff;

/**
 * Encodes records into a reusable buffer. One encoder per channel sender; not thread-safe.
 *
 * Round trip: JSON values come back deep-equal. Beyond JSON, numbers in numeric columns and
 * all-number batches keep NaN, ±Infinity and -0. Everything else follows `JSON.stringify`:
 * a key whose value is `undefined` (or a function or symbol) disappears, such a value at the
 * top level becomes null, `toJSON` applies (a Date becomes its ISO string), objects other than
 * plain ones lose their prototype, and inside JSON-encoded parts NaN/±Infinity become null and
 * -0 becomes 0. A BigInt throws, as in JSON.
 */
export class BatchEncoder {
  private readonly out = new BatchWriter();
  private readonly table: StringTable;
  private readonly shapes = new EncodeShapes();
  /** Scratch per field, reused across batches (so it holds the last batch's values until the next). */
  private readonly columns: unknown[][] = [];
  /** String indexes per string column, with NULL_INDEX for null. */
  private readonly indexes: Uint32Array[] = [];
  private readonly classes: number[] = [];
  private readonly jsonTexts: string[] = [];
  private readonly kinds: number[] = [];
  private readonly offsets: number[] = [];
  private readonly auxes: number[] = [];

  /**
   * @param options.dictionary keep a string dictionary shared with one `BatchDecoder`: a string
   * sent before goes as a small id, and the decoder returns the same string object for it. Every
   * batch must then be decoded, in order, by that decoder (one channel's two ends).
   */
  constructor(options: { dictionary?: boolean } = {}) {
    this.table = new StringTable(options.dictionary === true);
  }

  /** Strings in the dictionary shared with the decoder (0 without one). */
  get dictionarySize(): number {
    return this.table.dictionarySize;
  }

  /**
   * Encodes values[0..length) and timestamps[0..length) into `target` if it is large enough
   * (else into a new, larger ArrayBuffer); returns the buffer and the bytes used. Bytes past
   * `byteLength` are never read back, so a reused buffer needs no clearing. `kinds`, the records'
   * row kinds, go along when given (a changelog batch); absent, every record is an INSERT.
   */
  encode(
    values: readonly unknown[],
    timestamps: Float64Array,
    length: number,
    target?: ArrayBuffer,
    kinds?: Uint8Array,
  ): { buffer: ArrayBuffer; byteLength: number } {
    if (!Number.isInteger(length) || length < 0 || length > values.length || length > timestamps.length || length > 0xffffffff) {
      throw new RangeError(`BatchEncoder.encode: length ${length} does not fit values (${values.length}) and timestamps (${timestamps.length})`);
    }
    this.table.start();
    const n = length;
    const v0 = n > 0 ? values[0] : 0;
    let end = ILL_FORMED;
    if (typeof v0 === 'number' && this.allOfType(values, n, 'number')) end = this.writeNumbers(values, timestamps, n, target);
    else if (typeof v0 === 'string' && this.allOfType(values, n, 'string')) end = this.writeStrings(values, timestamps, n, target);
    else if (isPlainObject(v0) && this.splitColumns(values, n, v0)) end = this.writeColumns(timestamps, n, target);
    if (end === ILL_FORMED) {
      // JSON escapes lone surrogates, which UTF-8 cannot carry.
      this.table.start();
      end = this.writeJson(values, timestamps, n, target);
    }
    this.table.start(); // drop references to this batch's strings
    if (kinds !== undefined) end = this.appendKinds(kinds, n, end);
    return { buffer: this.out.buf, byteLength: end };
  }

  /** Appends the row-kind bytes after everything else and flags them in the header. */
  private appendKinds(kinds: Uint8Array, n: number, end: number): number {
    const out = this.out;
    if (out.u8.length < end + n) out.grow(end + n);
    out.u8.set(n === kinds.length ? kinds : kinds.subarray(0, n), end);
    out.u32[H.mode] = out.u32[H.mode]! | ROW_KINDS;
    out.u32[H.byteLength] = end + n;
    return end + n;
  }

  private allOfType(values: readonly unknown[], n: number, type: 'number' | 'string'): boolean {
    for (let i = 0; i < n; i++) if (typeof values[i] !== type) return false;
    return true;
  }

  // ---- modes -------------------------------------------------------------------------------

  private writeNumbers(values: readonly unknown[], ts: Float64Array, n: number, target?: ArrayBuffer): number {
    const body = HEADER_BYTES + 8 * n;
    this.out.use(target, body + 8 * n);
    const f64 = this.out.f64;
    const base = body >>> 3;
    for (let i = 0; i < n; i++) f64[base + i] = values[i] as number;
    return this.out.finish(Mode.numbers, ts, n, body + 8 * n, false);
  }

  private writeStrings(values: readonly unknown[], ts: Float64Array, n: number, target?: ArrayBuffer): number {
    const idx = this.scratchIndexes(0, n);
    const table = this.table;
    for (let i = 0; i < n; i++) idx[i] = table.intern(values[i] as string);
    const body = HEADER_BYTES + 8 * n;
    const wide = table.count > MAX_U16_INDEX;
    const end = align8(body + (wide ? 4 : 2) * n);
    this.out.use(target, end + table.overheadBytes + table.units);
    this.writeIndexes(idx, n, body, wide);
    const after = table.write(this.out, end);
    return after === ILL_FORMED ? ILL_FORMED : this.out.finish(Mode.strings | table.modeFlags, ts, n, after, true);
  }

  private writeJson(values: readonly unknown[], ts: Float64Array, n: number, target?: ArrayBuffer): number {
    const json = JSON.stringify(values.length === n ? values : values.slice(0, n));
    const body = HEADER_BYTES + 8 * n;
    const out = this.out;
    out.use(target, body + 8 + json.length);
    const after = out.writeText(json, body + 8);
    out.u32[body >>> 2] = after - body - 8;
    out.u32[(body >>> 2) + 1] = 0;
    return out.finish(Mode.json, ts, n, align8(after), false);
  }

  /** Splits plain-object records into columns and classifies them; false → use JSON mode. */
  private splitColumns(values: readonly unknown[], n: number, v0: object): boolean {
    const shape = this.shapes.of(v0);
    const f = shape.keys.length;
    const columns = this.columns;
    while (columns.length < f) columns.push([]);
    if (shape.split(values, n, columns) !== n) return false;
    for (let j = 0; j < f; j++) this.table.intern(shape.keys[j]!);
    for (let j = 0; j < f; j++) {
      const c = this.classify(columns[j]!, n, j);
      if (c === NOT_COLUMNAR) return false;
      this.classes[j] = c;
    }
    this.classes.length = f;
    return true;
  }

  /** Fast paths for the common uniform columns, interning strings on the way. */
  private classify(col: unknown[], n: number, j: number): number {
    const x0 = col[0];
    let i = 0;
    if (typeof x0 === 'number') {
      for (; i < n; i++) {
        const x = col[i];
        if (typeof x !== 'number' || (x | 0) !== x || (x === 0 && 1 / x < 0)) break;
      }
      if (i === n) return Class.i32;
      for (; i < n; i++) if (typeof col[i] !== 'number') break;
      if (i === n) return Class.f64;
    } else if (typeof x0 === 'string') {
      const idx = this.scratchIndexes(j, n);
      const table = this.table;
      for (; i < n; i++) {
        const x = col[i];
        if (typeof x !== 'string') break;
        idx[i] = table.intern(x);
      }
      if (i === n) return Class.string;
    } else if (typeof x0 === 'boolean') {
      for (; i < n; i++) if (typeof col[i] !== 'boolean') break;
      if (i === n) return Class.bool;
    }
    return this.classifyMixed(col, n, j);
  }

  private classifyMixed(col: unknown[], n: number, j: number): number {
    let numbers = 0;
    let ints = 0;
    let strings = 0;
    let nulls = 0;
    let bools = 0;
    for (let i = 0; i < n; i++) {
      const x = col[i];
      const t = typeof x;
      if (t === 'number') {
        numbers++;
        if (((x as number) | 0) === x && (x !== 0 || 1 / x > 0)) ints++;
      }
      else if (t === 'string') strings++;
      else if (x === null) nulls++;
      else if (t === 'boolean') bools++;
      else if (t === 'undefined' || t === 'function' || t === 'symbol') return NOT_COLUMNAR;
    }
    if (ints === n) return Class.i32;
    if (numbers + nulls === n) return nulls === 0 ? Class.f64 : Class.nullableF64;
    if (strings + nulls === n) {
      const idx = this.scratchIndexes(j, n);
      for (let i = 0; i < n; i++) {
        const x = col[i];
        idx[i] = x === null ? NULL_INDEX : this.table.intern(x as string);
      }
      return Class.string;
    }
    if (bools === n) return Class.bool;
    return Class.json;
  }

  private writeColumns(ts: Float64Array, n: number, target?: ArrayBuffer): number {
    const f = this.classes.length;
    const wide = this.table.count > MAX_U16_INDEX;
    const kinds = this.kinds;
    const offsets = this.offsets;
    const texts = this.jsonTexts;
    kinds.length = f;
    offsets.length = f;
    texts.length = 0;
    // Fixed-width columns first, at offsets known now; JSON texts (variable UTF-8 length) after.
    const dir = HEADER_BYTES + 8 * n;
    let end = dir + 8 + 4 * DIR_ENTRY_WORDS * f;
    let textLength = 0;
    for (let j = 0; j < f; j++) {
      const c = this.classes[j]!;
      const kind =
        c === Class.i32 ? Kind.i32
        : c === Class.f64 ? Kind.f64
        : c === Class.nullableF64 ? Kind.nullableF64
        : c === Class.string ? (wide ? Kind.string32 : Kind.string16)
        : c === Class.bool ? Kind.bool
        : Kind.json;
      kinds[j] = kind;
      if (kind === Kind.json) {
        const t = JSON.stringify(this.columns[j]!.slice(0, n));
        texts.push(t);
        textLength += t.length + 8;
        offsets[j] = 0;
      } else {
        end = align8(end);
        offsets[j] = end;
        end += fixedColumnBytes(kind, n);
      }
    }
    const out = this.out;
    out.use(target, end + textLength + this.table.overheadBytes + this.table.units);
    for (let j = 0; j < f; j++) if (kinds[j] !== Kind.json) this.writeColumn(kinds[j]!, j, n, offsets[j]!);
    const aux = this.auxes;
    aux.length = f;
    let off = end;
    let t = 0;
    for (let j = 0; j < f; j++) {
      aux[j] = 0;
      if (kinds[j] !== Kind.json) continue;
      off = align8(off);
      offsets[j] = off;
      const after = out.writeText(texts[t++]!, off);
      aux[j] = after - off;
      off = after;
    }
    texts.length = 0;
    // Written last: writeText may have moved everything to a larger buffer.
    const u32 = out.u32;
    u32[dir >>> 2] = f;
    u32[(dir >>> 2) + 1] = 0;
    for (let j = 0; j < f; j++) {
      const e = (dir + 8) / 4 + j * DIR_ENTRY_WORDS;
      u32[e] = j;
      u32[e + 1] = kinds[j]!;
      u32[e + 2] = offsets[j]!;
      u32[e + 3] = aux[j]!;
    }
    const after = this.table.write(out, align8(off));
    return after === ILL_FORMED ? ILL_FORMED : out.finish(Mode.columns | this.table.modeFlags, ts, n, after, this.table.count > 0);
  }

  private writeColumn(kind: number, j: number, n: number, off: number): void {
    const col = this.columns[j]!;
    if (kind === Kind.i32) {
      const i32 = this.out.i32;
      const base = off >>> 2;
      for (let i = 0; i < n; i++) i32[base + i] = col[i] as number;
    } else if (kind === Kind.f64) {
      const f64 = this.out.f64;
      const base = off >>> 3;
      for (let i = 0; i < n; i++) f64[base + i] = col[i] as number;
    } else if (kind === Kind.nullableF64) {
      const bitmapBytes = align8(Math.ceil(n / 8));
      const u8 = this.out.u8;
      u8.fill(0, off, off + bitmapBytes);
      const f64 = this.out.f64;
      const base = (off + bitmapBytes) >>> 3;
      for (let i = 0; i < n; i++) {
        const x = col[i];
        if (x === null) {
          u8[off + (i >>> 3)]! |= 1 << (i & 7);
          f64[base + i] = 0;
        } else f64[base + i] = x as number;
      }
    } else if (kind === Kind.bool) {
      const u8 = this.out.u8;
      for (let i = 0; i < n; i++) u8[off + i] = col[i] ? 1 : 0;
    } else {
      this.writeIndexes(this.indexes[j]!, n, off, kind === Kind.string32);
    }
  }

  private writeIndexes(idx: Uint32Array, n: number, off: number, wide: boolean): void {
    const nullIndex = this.table.count;
    if (wide) {
      const u32 = this.out.u32;
      const base = off >>> 2;
      for (let i = 0; i < n; i++) {
        const x = idx[i]!;
        u32[base + i] = x === NULL_INDEX ? nullIndex : x;
      }
    } else {
      const u16 = this.out.u16;
      const base = off >>> 1;
      for (let i = 0; i < n; i++) {
        const x = idx[i]!;
        u16[base + i] = x === NULL_INDEX ? nullIndex : x;
      }
    }
  }

  private scratchIndexes(j: number, n: number): Uint32Array {
    let idx = this.indexes[j];
    if (idx === undefined || idx.length < n) {
      idx = new Uint32Array(Math.max(n, 1024));
      this.indexes[j] = idx;
    }
    return idx;
  }
}

/**
 * An object literal or JSON.parse result. The constructor test is much cheaper than reading the
 * prototype; the key check in the shape splitter catches inherited enumerable properties.
 */
function isPlainObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null && (v as { constructor?: unknown }).constructor === Object;
}
