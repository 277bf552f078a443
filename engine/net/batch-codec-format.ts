/**
 * The binary layout of a record batch on the wire (version 1). Shared by the encoder and the
 * decoder; nothing here allocates on the data path.
 *
 * All integers are u32 and all numbers f64 in the machine's byte order: buffers only move
 * between threads of one process, and a foreign byte order shows up as a bad magic number.
 * Every section starts at a multiple of 8 bytes so typed-array views can be laid over it.
 *
 * ```
 * 0   header, 8 × u32: MAGIC, VERSION, mode, record count n, total bytes used,
 *     string-table offset, string-table bytes, string count
 * 32  timestamps: n × f64 (-Infinity = no timestamp)
 * 32 + 8n  body, by mode:
 *   NUMBERS  n × f64
 *   STRINGS  n × (u16 | u32) indexes into the string table (u16 while count + 1 ≤ 0xFFFF)
 *   JSON     u32 bytes, u32 0, then the UTF-8 text of one JSON array of the n values
 *   COLUMNS  u32 field count F, u32 0, then F directory entries of 4 × u32
 *            (name index in the string table, column kind, byte offset, aux), then the
 *            columns, each 8-aligned:
 *     F64           n × f64
 *     I32           n × i32 (every value an int32, none -0: decodes without boxing in V8)
 *     NULLABLE_F64  ceil(n/8) bitmap bytes (bit set = null), padded to 8, then n × f64
 *     STRING16/32   n × u16/u32 string indexes; index = string count means null
 *     BOOL          n × u8 (0 or 1)
 *     JSON          aux bytes of UTF-8: one JSON array of the column's n values
 * row kinds (only when the mode word has ROW_KINDS set): the last n bytes, one per record —
 *     Flink's RowKind byte (0 +I, 1 -U, 2 +U, 3 -D); without them every record is an INSERT
 * string table (8-aligned; absent when the string count is 0): count × u32 cumulative end
 *     offsets in UTF-16 units, padded to 8, then the UTF-8 bytes of all strings joined
 *     (string-table bytes = that UTF-8 length). Each distinct string appears once per batch;
 *     field names come first. A batch with a lone surrogate anywhere goes as JSON instead,
 *     since UTF-8 cannot carry one and JSON escapes it.
 *   With DICTIONARY set in the mode word (a channel's encoder with a string dictionary): the
 *     end offsets are followed by count × u32 references, then (8-aligned) the text. A
 *     reference below REF_NEW is the id of a string the channel sent before: it has no text
 *     (its end offset repeats the previous one). REF_NEW is a string sent as text that both
 *     ends add to the channel's dictionary under the next id (ids count up from 0 in the order
 *     the strings first appear); REF_LITERAL is text only. DICTIONARY_RESET empties the
 *     receiver's dictionary before the table is read.
 * ```
 *
 * A batch without DICTIONARY decodes on its own. One with it decodes only in order, after every
 * earlier batch of its channel, by that channel's decoder (`BatchDecoder`): channel ends are made
 * per deployment, so a restart or restore starts both ends with empty dictionaries.
 */

/** "EDB1" read as a little-endian u32. */
export const MAGIC = 0x31424445;
export const VERSION = 1;
export const HEADER_BYTES = 32;
export const HEADER_WORDS = 8;

/** Header word indexes. */
export const H = {
  magic: 0,
  version: 1,
  mode: 2,
  count: 3,
  byteLength: 4,
  stringsOffset: 5,
  stringsBytes: 6,
  stringCount: 7,
} as const;

/** How the body encodes the values of a batch. */
export const Mode = {
  numbers: 1,
  strings: 2,
  json: 3,
  columns: 4,
} as const;

/** A flag in the mode word: the batch ends with one row-kind byte per record. */
export const ROW_KINDS = 0x100;
/** A flag in the mode word: the string table has a reference per string (the channel's dictionary). */
export const DICTIONARY = 0x200;
/** A flag in the mode word: the receiver empties its dictionary before reading this batch. */
export const DICTIONARY_RESET = 0x400;
/** Flags of the mode word; the rest is a Mode. */
export const MODE_FLAGS = ROW_KINDS | DICTIONARY | DICTIONARY_RESET;

/** A string-table reference: text only, not added to the dictionary. */
export const REF_LITERAL = 0xffffffff;
/** A string-table reference: text, added to the dictionary under the next id. */
export const REF_NEW = 0xfffffffe;
/**
 * Strings a channel's dictionary holds at most, and the longest (UTF-16 units) it takes: keys
 * and enum-like values repeat, long text rarely does; the receiver keeps ≤ 8192 × 64 units.
 */
export const DICTIONARY_MAX_ENTRIES = 8192;
export const DICTIONARY_MAX_UNITS = 64;

/** Column kinds in columnar mode. */
export const Kind = {
  f64: 1,
  nullableF64: 2,
  string16: 3,
  string32: 4,
  bool: 5,
  json: 6,
  i32: 7,
} as const;

/** Bytes of one columnar directory entry (name, kind, offset, aux). */
export const DIR_ENTRY_WORDS = 4;

/** The largest string index a u16 column can hold; the null index must fit too. */
export const MAX_U16_INDEX = 0xfffe;

/** Rounds up to a multiple of 8 (byte offsets stay far below 2^53, so no bit tricks). */
export function align8(n: number): number {
  const r = n % 8;
  return r === 0 ? n : n + 8 - r;
}

/** Bytes a fixed-width column takes for `n` records (JSON columns: 0, their text is separate). */
export function fixedColumnBytes(kind: number, n: number): number {
  switch (kind) {
    case Kind.f64:
      return 8 * n;
    case Kind.nullableF64:
      return align8(Math.ceil(n / 8)) + 8 * n;
    case Kind.string16:
      return 2 * n;
    case Kind.string32:
      return 4 * n;
    case Kind.bool:
      return n;
    case Kind.i32:
      return 4 * n;
    default:
      return 0;
  }
}

/** A buffer that is not a batch of this format (truncated, corrupt, or another version). */
export class BatchFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`corrupt record batch: ${message}`, options);
    this.name = 'BatchFormatError';
  }
}
