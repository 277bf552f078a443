/**
 * The binary wire format of record batches between threads: one ArrayBuffer per batch,
 * transferred, then handed back to the sender as the credit and reused (layout in
 * `batch-codec-format.ts`). Batches whose records share one object shape travel as columns
 * (numbers as f64/i32, strings interned once per batch, booleans as bytes, anything else as
 * JSON per field); all-number and all-string batches as one column; irregular batches as JSON.
 */
import {
  BatchFormatError,
  DICTIONARY,
  DICTIONARY_MAX_ENTRIES,
  DICTIONARY_RESET,
  DIR_ENTRY_WORDS,
  H,
  HEADER_BYTES,
  HEADER_WORDS,
  Kind,
  MAGIC,
  MAX_U16_INDEX,
  MODE_FLAGS,
  Mode,
  REF_NEW,
  ROW_KINDS,
  VERSION,
  align8,
  fixedColumnBytes,
} from './batch-codec-format.js';
import { builderFor } from './batch-codec-shapes.js';

export { BatchEncoder } from './batch-codec-encode.js';
export { BatchFormatError } from './batch-codec-format.js';

/** A decoded batch: everything in it is fresh and owned by the caller. */
export interface DecodedBatch {
  values: unknown[];
  timestamps: Float64Array;
  length: number;
  /** The records' row kinds, when the batch carried them (a changelog batch). */
  kinds?: Uint8Array;
}

// `ignoreBOM` keeps a leading U+FEFF that is part of the data; `fatal` turns bad bytes into errors.
const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Per-field scratch columns; decodeBatch runs no user code, so it is never re-entered. */
const scratch: unknown[][] = [];
const NO_STRINGS: readonly (string | null)[] = [null];

/**
 * The receiving end of one channel's batches: decodes them in the order they were encoded and
 * keeps the channel's string dictionary (see `BatchEncoder`'s `dictionary` option), so a string
 * sent before decodes to the same string object every time — state keyed by it is found by
 * identity, and its text is neither sent nor decoded again.
 */
export class BatchDecoder {
  /** The channel's dictionary: id → string. */
  private readonly dictionary: string[] = [];

  /** Strings in the dictionary. */
  get dictionarySize(): number {
    return this.dictionary.length;
  }

  /** Decodes the channel's next batch (as `decodeBatch`, with the dictionary). */
  decode(buffer: ArrayBuffer, byteLength: number): DecodedBatch {
    return decodeWith(buffer, byteLength, this.dictionary);
  }
}

/**
 * Decodes a buffer produced by BatchEncoder. Values are fresh objects (the receiver owns them);
 * timestamps are a fresh Float64Array, so nothing returned views `buffer`, which may be handed
 * back (transferred) at once. A buffer that is truncated, corrupt or of another format version
 * throws a BatchFormatError; decoding never reads past `byteLength`, which must be exactly the
 * encoder's. A batch of an encoder with a dictionary needs its channel's `BatchDecoder`.
 */
export function decodeBatch(buffer: ArrayBuffer, byteLength: number): DecodedBatch {
  return decodeWith(buffer, byteLength, undefined);
}

function decodeWith(buffer: ArrayBuffer, byteLength: number, dictionary: string[] | undefined): DecodedBatch {
  if (Object.prototype.toString.call(buffer) !== '[object ArrayBuffer]') throw new BatchFormatError('expected an ArrayBuffer');
  if (!Number.isInteger(byteLength) || byteLength < HEADER_BYTES || byteLength > buffer.byteLength) {
    throw new BatchFormatError(`byteLength ${byteLength} is shorter than the header or longer than the buffer (${buffer.byteLength} bytes)`);
  }
  const head = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (head[H.magic] !== MAGIC) throw new BatchFormatError('bad magic number (not a record batch)');
  if (head[H.version] !== VERSION) throw new BatchFormatError(`format version ${head[H.version]}, expected ${VERSION}`);
  if (head[H.byteLength] !== byteLength) {
    throw new BatchFormatError(`the header says ${head[H.byteLength]} bytes but ${byteLength} were given (truncated?)`);
  }
  const n = head[H.count]!;
  const body = HEADER_BYTES + 8 * n;
  if (body > byteLength) throw new BatchFormatError(`${n} records do not fit in ${byteLength} bytes`);
  const timestamps = new Float64Array(buffer, HEADER_BYTES, n).slice();
  let dataEnd = byteLength;
  const flags = head[H.mode]! & MODE_FLAGS;
  const mode = head[H.mode]! & ~MODE_FLAGS;
  let kinds: Uint8Array | undefined;
  if ((flags & ROW_KINDS) !== 0) {
    // The row kinds are the last n bytes; what precedes them is laid out as without.
    if (body + n > dataEnd) throw new BatchFormatError(`${n} row kinds do not fit in ${byteLength} bytes`);
    dataEnd -= n;
    kinds = new Uint8Array(buffer, dataEnd, n).slice();
    for (let i = 0; i < n; i++) if (kinds[i]! > 3) throw new BatchFormatError(`row kind byte ${kinds[i]} (record ${i})`);
  }
  if ((flags & (DICTIONARY | DICTIONARY_RESET)) !== 0) {
    if (dictionary === undefined) throw new BatchFormatError("the batch refers to its channel's string dictionary: decode it with that channel's BatchDecoder");
    if ((flags & DICTIONARY_RESET) !== 0) dictionary.length = 0;
  }
  const table = readStringTable(buffer, head, body, dataEnd, (flags & DICTIONARY) !== 0 ? dictionary : undefined);
  let values: unknown[];
  if (mode === Mode.columns) values = decodeColumns(buffer, n, body, dataEnd, table);
  else if (mode === Mode.numbers) {
    need(body, 8 * n, dataEnd, 'number column');
    const f64 = new Float64Array(buffer, body, n);
    values = [];
    for (let i = 0; i < n; i++) values.push(f64[i]);
  } else if (mode === Mode.strings) {
    const wide = table.length - 1 > MAX_U16_INDEX;
    need(body, (wide ? 4 : 2) * n, dataEnd, 'string column');
    const idx = wide ? new Uint32Array(buffer, body, n) : new Uint16Array(buffer, body, n);
    const count = table.length - 1;
    values = [];
    for (let i = 0; i < n; i++) {
      const k = idx[i]!;
      if (k >= count) throw new BatchFormatError(`string index ${k} out of range (${count} strings)`);
      values.push(table[k]);
    }
  } else if (mode === Mode.json) {
    need(body, 8, dataEnd, 'JSON length');
    const bytes = new Uint32Array(buffer, body, 1)[0]!;
    values = parseArray(buffer, body + 8, bytes, dataEnd, n, 'records');
  } else throw new BatchFormatError(`unknown encoding mode ${mode}`);
  return kinds === undefined ? { values, timestamps, length: n } : { values, timestamps, length: n, kinds };
}

function decodeColumns(buffer: ArrayBuffer, n: number, body: number, byteLength: number, table: readonly (string | null)[]): unknown[] {
  need(body, 8, byteLength, 'field count');
  const f = new Uint32Array(buffer, body, 1)[0]!;
  need(body + 8, 4 * DIR_ENTRY_WORDS * f, byteLength, 'column directory');
  const dir = new Uint32Array(buffer, body + 8, DIR_ENTRY_WORDS * f);
  const count = table.length - 1;
  const names: string[] = [];
  const cols: ArrayLike<unknown>[] = [];
  for (let j = 0; j < f; j++) {
    const e = j * DIR_ENTRY_WORDS;
    const name = dir[e]!;
    if (name >= count) throw new BatchFormatError(`field ${j}: name index ${name} out of range (${count} strings)`);
    names.push(table[name]!);
    cols.push(readColumn(buffer, n, dir[e + 1]!, dir[e + 2]!, dir[e + 3]!, byteLength, table, j, names[j]!));
  }
  const values: unknown[] = [];
  builderFor(names)(n, cols, values);
  return values;
}

function readColumn(
  buffer: ArrayBuffer,
  n: number,
  kind: number,
  off: number,
  aux: number,
  byteLength: number,
  table: readonly (string | null)[],
  j: number,
  name: string,
): ArrayLike<unknown> {
  const what = `column "${name}"`;
  if (kind === Kind.json) return parseArray(buffer, off, aux, byteLength, n, what);
  if (off % 8 !== 0) throw new BatchFormatError(`${what}: offset ${off} is not 8-aligned`);
  const size = fixedColumnBytes(kind, n);
  if (size === 0 && n > 0) throw new BatchFormatError(`${what}: unknown column kind ${kind}`);
  need(off, size, byteLength, what);
  // Typed arrays go to the builder as they are; other kinds are expanded into scratch arrays.
  if (kind === Kind.f64) return new Float64Array(buffer, off, n);
  if (kind === Kind.i32) return new Int32Array(buffer, off, n);
  while (scratch.length <= j) scratch.push([]);
  const out = scratch[j]!;
  if (kind === Kind.string16 || kind === Kind.string32) {
    const idx = kind === Kind.string16 ? new Uint16Array(buffer, off, n) : new Uint32Array(buffer, off, n);
    if ((kind === Kind.string32) !== table.length - 1 > MAX_U16_INDEX) throw new BatchFormatError(`${what}: index width does not match the string count`);
    for (let i = 0; i < n; i++) {
      const s = table[idx[i]!];
      if (s === undefined) throw new BatchFormatError(`${what}: string index ${idx[i]} out of range`);
      out[i] = s;
    }
  } else if (kind === Kind.nullableF64) {
    const bits = new Uint8Array(buffer, off, Math.ceil(n / 8));
    const f64 = new Float64Array(buffer, off + align8(bits.length), n);
    for (let i = 0; i < n; i++) out[i] = (bits[i >>> 3]! >>> (i & 7)) & 1 ? null : f64[i];
  } else if (kind === Kind.bool) {
    const u8 = new Uint8Array(buffer, off, n);
    for (let i = 0; i < n; i++) {
      const b = u8[i]!;
      if (b > 1) throw new BatchFormatError(`${what}: boolean byte ${b}`);
      out[i] = b === 1;
    }
  } else throw new BatchFormatError(`${what}: unknown column kind ${kind}`);
  return out;
}

/**
 * The string table, with null appended at index `count` (the null index of string columns). With
 * `dictionary` (the batch has references), strings come from it by id or are added to it.
 */
function readStringTable(buffer: ArrayBuffer, head: Uint32Array, body: number, byteLength: number, dictionary: string[] | undefined): readonly (string | null)[] {
  const count = head[H.stringCount]!;
  const off = head[H.stringsOffset]!;
  const bytes = head[H.stringsBytes]!;
  if (count === 0) {
    if (off !== 0 || bytes !== 0) throw new BatchFormatError('string table without strings');
    return NO_STRINGS;
  }
  if (off < body || off % 8 !== 0) throw new BatchFormatError(`string table at offset ${off} is misplaced`);
  const textOff = align8(off + (dictionary === undefined ? 4 : 8) * count);
  need(off, textOff - off + bytes, byteLength, 'string table');
  const ends = new Uint32Array(buffer, off, count);
  const refs = dictionary === undefined ? undefined : new Uint32Array(buffer, off + 4 * count, count);
  let text: string;
  try {
    text = textDecoder.decode(new Uint8Array(buffer, textOff, bytes));
  } catch (cause) {
    throw new BatchFormatError(`string table: invalid UTF-8 (${(cause as Error).message})`, { cause });
  }
  if (ends[count - 1] !== text.length) throw new BatchFormatError('string table: offsets do not match its text');
  const table: (string | null)[] = [];
  let a = 0;
  for (let i = 0; i < count; i++) {
    const b = ends[i]!;
    if (b < a) throw new BatchFormatError(`string table: offset ${i} goes backwards`);
    const ref = refs === undefined ? REF_NEW : refs[i]!;
    if (ref < REF_NEW) {
      const known = dictionary![ref];
      if (known === undefined) throw new BatchFormatError(`string ${i}: dictionary id ${ref} out of range (${dictionary!.length} strings)`);
      if (b !== a) throw new BatchFormatError(`string ${i}: a dictionary reference with text`);
      table.push(known);
      continue;
    }
    // V8 makes substrings of 13+ units slices that keep the whole text alive; a record kept in
    // state would pin its batch's table. Concatenating then slicing copies the characters.
    const s = b - a < 13 ? text.substring(a, b) : (text.substring(a, b) + '\0').slice(0, -1);
    if (refs !== undefined && ref === REF_NEW) {
      if (dictionary!.length >= DICTIONARY_MAX_ENTRIES) throw new BatchFormatError(`string ${i}: the dictionary is full (${DICTIONARY_MAX_ENTRIES} strings)`);
      dictionary!.push(s);
    }
    table.push(s);
    a = b;
  }
  table.push(null);
  return table;
}

/** Parses UTF-8 JSON text of an array that must hold exactly `length` elements. */
function parseArray(buffer: ArrayBuffer, off: number, bytes: number, byteLength: number, length: number, what: string): unknown[] {
  need(off, bytes, byteLength, what);
  let parsed: unknown;
  try {
    parsed = JSON.parse(textDecoder.decode(new Uint8Array(buffer, off, bytes)));
  } catch (cause) {
    throw new BatchFormatError(`${what}: invalid UTF-8 or JSON (${(cause as Error).message})`, { cause });
  }
  if (!Array.isArray(parsed) || parsed.length !== length) {
    throw new BatchFormatError(`${what}: expected a JSON array of ${length} elements`);
  }
  return parsed;
}

function need(off: number, size: number, byteLength: number, what: string): void {
  if (off + size > byteLength) throw new BatchFormatError(`${what} (${size} bytes at ${off}) runs past the end (${byteLength} bytes)`);
}
