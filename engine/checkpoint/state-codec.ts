/**
 * Subtask snapshots as bytes: one blob per subtask (never one write per key), and a CRC-32 so a
 * corrupt blob is detected on read. The one place state is encoded and decoded: checkpoints (in
 * IndexedDB or files, and savepoint files holding the same blobs), the trace's snapshots, the
 * state-size metric.
 *
 * Version 2, written now, is binary (state-binary.ts: length-prefixed UTF-8 written in place,
 * numbers as 8 bytes, typed arrays raw), marked by its first bytes. Version 1, read still, is
 * UTF-8 JSON with the numbers JSON cannot hold (±∞, NaN — timers at the end of time,
 * watermarks) written as `{"$eddy:number": "Infinity"}`.
 */
import { decodeBinaryState, encodeBinaryState, isBinaryState, STATE_HEADER } from './state-binary.js';

/** Bytes every encoding starts with, whatever the state (the state-size metric leaves them out). */
export const STATE_HEADER_BYTES = STATE_HEADER.length;

/** The state in the current encoding (binary, version 2). Throws on what a checkpoint cannot hold: a BigInt, a cycle. */
export function encodeState(state: unknown): Uint8Array {
  return encodeBinaryState(state);
}

/** Reads either encoding: binary (version 2) or JSON (version 1, checkpoints and savepoints written before it). */
export function decodeState(bytes: Uint8Array): unknown {
  return isBinaryState(bytes) ? decodeBinaryState(bytes) : decodeJsonState(bytes);
}

const NUMBER_TAG = '$eddy:number';

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = (value as Record<string, unknown>)[NUMBER_TAG];
    if (typeof tagged === 'string' && Object.keys(value).length === 1) return Number(tagged);
  }
  return value;
}

/** Without the tag anywhere in the text the reviver would return every value as it is. */
function decodeJsonState(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  return text.includes(NUMBER_TAG) ? JSON.parse(text, reviver) : JSON.parse(text);
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
