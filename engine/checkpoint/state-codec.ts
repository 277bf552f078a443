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

export function encodeState(state: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(state, replacer));
}

export function decodeState(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes), reviver);
}

let table: Uint32Array | null = null;

/** CRC-32 (IEEE), as zip and PNG use it. */
export function crc32(bytes: Uint8Array): number {
  if (table === null) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
