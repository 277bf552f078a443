/**
 * The encoding half of the batch codec: records → one ArrayBuffer in the layout of
 * `batch-codec-format.ts`.
 */
import {
  DIR_ENTRY_WORDS,
  H,
  HEADER_BYTES,
  Kind,
  MAGIC,
  MAX_U16_INDEX,
  Mode,
  VERSION,
  align8,
  fixedColumnBytes,
} from './batch-codec-format.js';
import { EncodeShapes } from './batch-codec-shapes.js';

/** Column classification before string widths are known. */
const Class = { f64: 1, nullableF64: 2, string: 3, bool: 4, json: 5, i32: 6 } as const;
/** A cell JSON would drop (undefined, a function, a symbol): only the JSON mode can express that. */
const NOT_COLUMNAR = -1;
/** Placeholder string index for null, replaced by the string count once it is known. */
const NULL_INDEX = 0xffffffff;
/** Returned by a writer instead of an end offset: the batch must go as JSON. */
const ILL_FORMED = -1;
/** Distinct strings the intern map may hold before it is cleared between batches. */
const MAX_INTERNED = 1 << 16;

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
  private readonly text = new TextEncoder();
  private readonly shapes = new EncodeShapes();
  /** string → index in this batch's table; entries of older batches carry a stale stamp. */
  private readonly interned = new Map<string, number>();
  private stamps = new Uint32Array(1024);
  private stamp = 0;
  private tableIndex = new Uint32Array(1024);
  /** UTF-16 units in this batch's string table. */
  private units = 0;
  private readonly strings: string[] = [];
  private readonly columns: unknown[][] = [];
  private readonly indexes: Uint32Array[] = [];
  private readonly classes: number[] = [];
  private readonly jsonTexts: string[] = [];
  private readonly kinds: number[] = [];
  private readonly offsets: number[] = [];
  private readonly auxes: number[] = [];

  private buf: ArrayBuffer = new ArrayBuffer(0);
  private u8 = new Uint8Array(0);
  private u16 = new Uint16Array(0);
  private u32 = new Uint32Array(0);
  private i32 = new Int32Array(0);
  private f64 = new Float64Array(0);

  /**
   * Encodes values[0..length) and timestamps[0..length) into `target` if it is large enough
   * (else into a new, larger ArrayBuffer); returns the buffer and the bytes used. Bytes past
   * `byteLength` are never read back, so a reused buffer needs no clearing.
   */
  encode(
    values: readonly unknown[],
    timestamps: Float64Array,
    length: number,
    target?: ArrayBuffer,
  ): { buffer: ArrayBuffer; byteLength: number } {
    if (!Number.isInteger(length) || length < 0 || length > values.length || length > timestamps.length || length > 0xffffffff) {
      throw new RangeError(`BatchEncoder.encode: length ${length} does not fit values (${values.length}) and timestamps (${timestamps.length})`);
    }
    this.startStrings();
    const n = length;
    const v0 = n > 0 ? values[0] : 0;
    let end = ILL_FORMED;
    if (typeof v0 === 'number' && this.allOfType(values, n, 'number')) end = this.writeNumbers(values, timestamps, n, target);
    else if (typeof v0 === 'string' && this.allOfType(values, n, 'string')) end = this.writeStrings(values, timestamps, n, target);
    else if (isPlainObject(v0) && this.splitColumns(values, n, v0)) end = this.writeColumns(timestamps, n, target);
    if (end === ILL_FORMED) {
      // JSON escapes lone surrogates, which UTF-8 cannot carry.
      this.startStrings();
      end = this.writeJson(values, timestamps, n, target);
    }
    this.strings.length = 0;
    return { buffer: this.buf, byteLength: end };
  }

  private allOfType(values: readonly unknown[], n: number, type: 'number' | 'string'): boolean {
    for (let i = 0; i < n; i++) if (typeof values[i] !== type) return false;
    return true;
  }

  // ---- modes -------------------------------------------------------------------------------

  private writeNumbers(values: readonly unknown[], ts: Float64Array, n: number, target?: ArrayBuffer): number {
    const body = HEADER_BYTES + 8 * n;
    this.useBuffer(target, body + 8 * n);
    const f64 = this.f64;
    const base = body >>> 3;
    for (let i = 0; i < n; i++) f64[base + i] = values[i] as number;
    return this.finish(Mode.numbers, ts, n, body + 8 * n);
  }

  private writeStrings(values: readonly unknown[], ts: Float64Array, n: number, target?: ArrayBuffer): number {
    const idx = this.scratchIndexes(0, n);
    for (let i = 0; i < n; i++) idx[i] = this.intern(values[i] as string);
    const body = HEADER_BYTES + 8 * n;
    const wide = this.strings.length > MAX_U16_INDEX;
    const end = align8(body + (wide ? 4 : 2) * n);
    this.useBuffer(target, end + 4 * this.strings.length + 8 + this.units);
    this.writeIndexes(idx, n, body, wide);
    const after = this.writeStringTable(end);
    return after === ILL_FORMED ? ILL_FORMED : this.finish(Mode.strings, ts, n, after);
  }

  private writeJson(values: readonly unknown[], ts: Float64Array, n: number, target?: ArrayBuffer): number {
    const json = JSON.stringify(values.length === n ? values : values.slice(0, n));
    const body = HEADER_BYTES + 8 * n;
    this.useBuffer(target, body + 8 + json.length);
    const after = this.writeText(json, body + 8);
    this.u32[body >>> 2] = after - body - 8;
    this.u32[(body >>> 2) + 1] = 0;
    return this.finish(Mode.json, ts, n, align8(after));
  }

  /** Splits plain-object records into columns and classifies them; false → use JSON mode. */
  private splitColumns(values: readonly unknown[], n: number, v0: object): boolean {
    const shape = this.shapes.of(v0);
    const f = shape.keys.length;
    const columns = this.columns;
    while (columns.length < f) columns.push([]);
    if (shape.split(values, n, columns) !== n) return false;
    for (let j = 0; j < f; j++) this.intern(shape.keys[j]!);
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
      for (; i < n; i++) {
        const x = col[i];
        if (typeof x !== 'string') break;
        idx[i] = this.intern(x);
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
        idx[i] = x === null ? NULL_INDEX : this.intern(x as string);
      }
      return Class.string;
    }
    if (bools === n) return Class.bool;
    return Class.json;
  }

  private writeColumns(ts: Float64Array, n: number, target?: ArrayBuffer): number {
    const f = this.classes.length;
    const wide = this.strings.length > MAX_U16_INDEX;
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
    this.useBuffer(target, end + textLength + 4 * this.strings.length + 8 + this.units);
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
      const after = this.writeText(texts[t++]!, off);
      aux[j] = after - off;
      off = after;
    }
    texts.length = 0;
    // Written last: writeText may have moved everything to a larger buffer.
    const u32 = this.u32;
    u32[dir >>> 2] = f;
    u32[(dir >>> 2) + 1] = 0;
    for (let j = 0; j < f; j++) {
      const e = (dir + 8) / 4 + j * DIR_ENTRY_WORDS;
      u32[e] = j;
      u32[e + 1] = kinds[j]!;
      u32[e + 2] = offsets[j]!;
      u32[e + 3] = aux[j]!;
    }
    const after = this.writeStringTable(align8(off));
    return after === ILL_FORMED ? ILL_FORMED : this.finish(Mode.columns, ts, n, after);
  }

  private writeColumn(kind: number, j: number, n: number, off: number): void {
    const col = this.columns[j]!;
    if (kind === Kind.i32) {
      const i32 = this.i32;
      const base = off >>> 2;
      for (let i = 0; i < n; i++) i32[base + i] = col[i] as number;
    } else if (kind === Kind.f64) {
      const f64 = this.f64;
      const base = off >>> 3;
      for (let i = 0; i < n; i++) f64[base + i] = col[i] as number;
    } else if (kind === Kind.nullableF64) {
      const bitmapBytes = align8(Math.ceil(n / 8));
      const u8 = this.u8;
      u8.fill(0, off, off + bitmapBytes);
      const f64 = this.f64;
      const base = (off + bitmapBytes) >>> 3;
      for (let i = 0; i < n; i++) {
        const x = col[i];
        if (x === null) {
          u8[off + (i >>> 3)]! |= 1 << (i & 7);
          f64[base + i] = 0;
        } else f64[base + i] = x as number;
      }
    } else if (kind === Kind.bool) {
      const u8 = this.u8;
      for (let i = 0; i < n; i++) u8[off + i] = col[i] ? 1 : 0;
    } else {
      this.writeIndexes(this.indexes[j]!, n, off, kind === Kind.string32);
    }
  }

  private writeIndexes(idx: Uint32Array, n: number, off: number, wide: boolean): void {
    const nullIndex = this.strings.length;
    if (wide) {
      const u32 = this.u32;
      const base = off >>> 2;
      for (let i = 0; i < n; i++) {
        const x = idx[i]!;
        u32[base + i] = x === NULL_INDEX ? nullIndex : x;
      }
    } else {
      const u16 = this.u16;
      const base = off >>> 1;
      for (let i = 0; i < n; i++) {
        const x = idx[i]!;
        u16[base + i] = x === NULL_INDEX ? nullIndex : x;
      }
    }
  }

  // ---- strings -----------------------------------------------------------------------------

  /** Starts an empty string table; the intern map survives batches but only current stamps count. */
  private startStrings(): void {
    this.strings.length = 0;
    this.units = 0;
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0 || this.interned.size > MAX_INTERNED) {
      this.interned.clear();
      this.stamp = 1;
    }
  }

  /**
   * The string's index in this batch's table. The map keeps slot → string across batches, so a
   * string seen in an earlier batch costs one lookup, not an insertion: `stamps[slot]` says
   * whether the slot belongs to this batch and `tableIndex[slot]` holds its index in the table.
   */
  private intern(s: string): number {
    const slot = this.interned.get(s);
    if (slot !== undefined) {
      if (this.stamps[slot] === this.stamp) return this.tableIndex[slot]!;
      this.stamps[slot] = this.stamp;
      this.tableIndex[slot] = this.strings.length;
      this.units += s.length;
      return this.strings.push(s) - 1;
    }
    const fresh = this.interned.size;
    if (fresh >= this.stamps.length) this.growSlots();
    this.interned.set(s, fresh);
    this.stamps[fresh] = this.stamp;
    this.tableIndex[fresh] = this.strings.length;
    this.units += s.length;
    return this.strings.push(s) - 1;
  }

  private growSlots(): void {
    const stamps = new Uint32Array(this.stamps.length * 2);
    stamps.set(this.stamps);
    this.stamps = stamps;
    const table = new Uint32Array(this.tableIndex.length * 2);
    table.set(this.tableIndex);
    this.tableIndex = table;
  }

  /**
   * Writes the table: u32 UTF-16 end offsets, padded to 8, then the UTF-8 of all strings joined.
   * Returns its 8-aligned end, or ILL_FORMED when a string holds a lone surrogate.
   */
  private writeStringTable(off: number): number {
    const strings = this.strings;
    const count = strings.length;
    if (count === 0) return off;
    const u32 = this.u32;
    let e = off >>> 2;
    let units = 0;
    for (let k = 0; k < count; k++) {
      units += strings[k]!.length;
      u32[e++] = units;
    }
    const textOff = align8(off + 4 * count);
    if (this.u8.length < textOff + units) this.grow(textOff + units);
    let u8 = this.u8;
    let p = textOff;
    let left = units;
    for (let k = 0; k < count; k++) {
      // Copying ASCII by hand beats joining the strings for one TextEncoder call by ~2x.
      const s = strings[k]!;
      const len = s.length;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        u8[p + i] = c;
      }
      left -= len;
      if (i === len) {
        p += len;
        continue;
      }
      if (!isWellFormed(s)) return ILL_FORMED;
      if (u8.length < p + 3 * (len + left)) {
        this.grow(p + 3 * (len + left) + 64);
        u8 = this.u8;
      }
      p += this.text.encodeInto(s, u8.subarray(p)).written;
    }
    const head = this.u32;
    head[H.stringsOffset] = off;
    head[H.stringsBytes] = p - textOff;
    head[H.stringCount] = count;
    return align8(p);
  }

  private scratchIndexes(j: number, n: number): Uint32Array {
    let idx = this.indexes[j];
    if (idx === undefined || idx.length < n) {
      idx = new Uint32Array(Math.max(n, 1024));
      this.indexes[j] = idx;
    }
    return idx;
  }

  // ---- buffer ------------------------------------------------------------------------------

  /** Writes UTF-8 of `text` at `off`, growing the buffer if the text is not ASCII; returns its end. */
  private writeText(text: string, off: number): number {
    let r = this.text.encodeInto(text, this.u8.subarray(off));
    if (r.read < text.length) {
      // At most 3 bytes per UTF-16 unit (a lone surrogate becomes U+FFFD, also 3 bytes).
      this.grow(off + 3 * text.length + 64);
      r = this.text.encodeInto(text, this.u8.subarray(off));
    }
    return off + r.written;
  }

  /** Picks the output buffer: `target` if it holds `minBytes`, else a new one with headroom. */
  private useBuffer(target: ArrayBuffer | undefined, minBytes: number): void {
    const need = align8(minBytes);
    if (target !== undefined && target.byteLength >= need) this.setViews(target);
    else this.setViews(new ArrayBuffer(align8(Math.max(need + (need >>> 1), 2 * (target?.byteLength ?? 0), 1024))));
  }

  /** Replaces the buffer by a larger one (geometric growth), keeping every byte written so far. */
  private grow(minBytes: number): void {
    const old = this.u8;
    const next = new ArrayBuffer(align8(Math.max(minBytes, 2 * old.byteLength)));
    new Uint8Array(next).set(old);
    this.setViews(next);
  }

  private setViews(buf: ArrayBuffer): void {
    this.buf = buf;
    this.u8 = new Uint8Array(buf);
    this.u16 = new Uint16Array(buf, 0, buf.byteLength >>> 1);
    this.u32 = new Uint32Array(buf, 0, buf.byteLength >>> 2);
    this.i32 = new Int32Array(buf, 0, buf.byteLength >>> 2);
    this.f64 = new Float64Array(buf, 0, buf.byteLength >>> 3);
  }

  /** Writes the header and the timestamps; returns the total byte length. */
  private finish(mode: number, ts: Float64Array, n: number, end: number): number {
    const u32 = this.u32;
    u32[H.magic] = MAGIC;
    u32[H.version] = VERSION;
    u32[H.mode] = mode;
    u32[H.count] = n;
    u32[H.byteLength] = end;
    if (this.strings.length === 0) {
      u32[H.stringsOffset] = 0;
      u32[H.stringsBytes] = 0;
      u32[H.stringCount] = 0;
    }
    this.f64.set(n === ts.length ? ts : ts.subarray(0, n), HEADER_BYTES >>> 3);
    return end;
  }
}

/**
 * An object literal or JSON.parse result. The constructor test is much cheaper than reading the
 * prototype; the key check in the shape splitter catches inherited enumerable properties.
 */
function isPlainObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null && (v as { constructor?: unknown }).constructor === Object;
}

const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False when `s` holds a lone surrogate, which TextEncoder would replace by U+FFFD. */
function isWellFormed(s: string): boolean {
  return nativeIsWellFormed !== undefined ? nativeIsWellFormed.call(s) : !LONE_SURROGATE.test(s);
}
