import { describe, expect, it } from 'vitest';
import { crc32, decodeState, encodeState } from './state-codec.js';

/** The byte-at-a-time CRC-32 the slicing one must agree with. */
function crc32Bytewise(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]!;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('gives the IEEE check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('agrees with the bytewise CRC at every length and offset, eight bytes at a time or not', () => {
    const data = new Uint8Array(300);
    let x = 12345;
    for (let i = 0; i < data.length; i++) data[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    for (let start = 0; start < 9; start++) for (let end = start; end <= data.length; end += 7) expect(crc32(data.subarray(start, end))).toBe(crc32Bytewise(data.subarray(start, end)));
  });
});

describe('encodeState / decodeState', () => {
  it('keeps the numbers JSON cannot hold, however deep', () => {
    const state = { timers: [[1, 'k', Number.POSITIVE_INFINITY]], wm: Number.NEGATIVE_INFINITY, nested: { a: [{ b: Number.NaN }] }, ok: 1.5 };
    const back = decodeState(encodeState(state)) as typeof state;
    expect(back.timers[0]![2]).toBe(Number.POSITIVE_INFINITY);
    expect(back.wm).toBe(Number.NEGATIVE_INFINITY);
    expect(back.nested.a[0]!.b).toBeNaN();
    expect(back.ok).toBe(1.5);
  });

  it('writes finite-only state as plain JSON, and reads it back', () => {
    const state = { rows: [['key-1', '', 'x'.repeat(100)], ['key-2', 3, { sum: 4, list: [1, null, true] }]], empty: {} };
    const bytes = encodeState(state);
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(state));
    expect(decodeState(bytes)).toEqual(state);
  });

  it('applies toJSON and drops undefined as JSON does, with a non-finite number beside them', () => {
    const d = new Date(0);
    const state = { at: d, gone: undefined, inf: Number.POSITIVE_INFINITY, list: [undefined] };
    expect(decodeState(encodeState(state))).toEqual({ at: d.toISOString(), inf: Number.POSITIVE_INFINITY, list: [null] });
    expect(decodeState(encodeState({ at: d, gone: undefined }))).toEqual({ at: d.toISOString() });
  });

  it('reads a string that merely contains the tag as that string', () => {
    const state = { s: '$eddy:number', n: Number.NaN };
    const back = decodeState(encodeState(state)) as typeof state;
    expect(back.s).toBe('$eddy:number');
    expect(back.n).toBeNaN();
  });
});
