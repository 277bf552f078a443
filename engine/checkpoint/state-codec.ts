/**
 * Subtask snapshots as bytes: one blob per subtask (never one write per key), JSON inside with
 * the numbers JSON cannot hold (±∞, NaN — timers at the end of time, watermarks) kept, and a
 * CRC-32 so a corrupt blob is detected on read.
 */

const NUMBER_TAG = '$eddy:number';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { [NUMBER_TAG]: String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = (value as Record<string, unknown>)[NUMBER_TAG];
    if (typeof tagged === 'string' && Object.keys(value).length === 1) return Number(tagged);
  }
  return value;
}

/**
 * The state as UTF-8 JSON. A replacer costs a call (and for array elements a key string) per
 * value, several times what JSON.stringify does alone, so it runs only when a walk finds a
 * non-finite number — or something the walk does not follow the way JSON does (a toJSON method,
 * an object other than a plain one or an array, nesting past MAX_WALK_DEPTH, a cycle).
 */
export function encodeState(state: unknown): Uint8Array {
  const text = plainJsonSafe(state, 0) ? JSON.stringify(state) : JSON.stringify(state, replacer);
  return new TextEncoder().encode(text);
}

/** Without the tag anywhere in the text the reviver would return every value as it is. */
export function decodeState(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  return text.includes(NUMBER_TAG) ? JSON.parse(text, reviver) : JSON.parse(text);
}

const MAX_WALK_DEPTH = 200;

/** True when plain JSON.stringify gives the replacer's text: no non-finite number anywhere. */
function plainJsonSafe(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_WALK_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!plainJsonSafe(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const k in value) if (!plainJsonSafe((value as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/** Slicing-by-8 tables: `tables[k * 256 + b]` is the CRC of byte b followed by k zero bytes. */
let tables: Uint32Array | null = null;

function crcTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const prev = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = (t[prev & 0xff]! ^ (prev >>> 8)) >>> 0;
    }
  }
  return t;
}

/** Words can be read four bytes at a time only where they read as the bytes' little-endian value. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * CRC-32 (IEEE), as zip and PNG use it. Eight bytes a step (slicing-by-8), read as two words
 * where the bytes are 4-aligned on a little-endian machine: a checkpoint's blobs are checksummed
 * on the controller's thread — the page's, in the IDE — where a byte-at-a-time loop over 10 MB
 * of state held it for ~100 ms (about 5× this).
 */
export function crc32(bytes: Uint8Array): number {
  const t = (tables ??= crcTables());
  let crc = -1;
  const n = bytes.length;
  let i = 0;
  if (LITTLE_ENDIAN && (bytes.byteOffset & 3) === 0) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset, n >>> 2);
    const m = words.length & ~1;
    for (let w = 0; w < m; w += 2) {
      const a = crc ^ words[w]!;
      const b = words[w + 1]!;
      crc =
        t[1792 + (a & 0xff)]! ^
        t[1536 + ((a >>> 8) & 0xff)]! ^
        t[1280 + ((a >>> 16) & 0xff)]! ^
        t[1024 + (a >>> 24)]! ^
        t[768 + (b & 0xff)]! ^
        t[512 + ((b >>> 8) & 0xff)]! ^
        t[256 + ((b >>> 16) & 0xff)]! ^
        t[b >>> 24]!;
    }
    i = 4 * m;
  }
  for (; i < n; i++) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
