import { describe, expect, it } from 'vitest';
import { crc32, decodeState, encodeState, STATE_HEADER_BYTES } from './state-codec.js';

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
  const roundTrip = (state: unknown) => decodeState(encodeState(state));

  it('keeps the numbers JSON cannot hold, however deep', () => {
    const state = { timers: [[1, 'k', Number.POSITIVE_INFINITY]], wm: Number.NEGATIVE_INFINITY, nested: { a: [{ b: Number.NaN }] }, ok: 1.5 };
    const back = roundTrip(state) as typeof state;
    expect(back.timers[0]![2]).toBe(Number.POSITIVE_INFINITY);
    expect(back.wm).toBe(Number.NEGATIVE_INFINITY);
    expect(back.nested.a[0]!.b).toBeNaN();
    expect(back.ok).toBe(1.5);
  });

  it('reads back numbers of every size exactly: int32 bounds, past them, fractions, -0', () => {
    const numbers = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.MAX_VALUE, 0.1 + 0.2, -1e-300];
    expect(roundTrip(numbers)).toEqual(numbers);
    expect(Object.is((roundTrip([-0]) as number[])[0], -0)).toBe(true);
  });

  it('reads back unicode: accents, CJK, emoji, a leading byte-order mark, control characters, and lone surrogates UTF-8 cannot hold', () => {
    const strings = ['', 'a', 'ä', 'Grüße', '東京', '🎉 party', '\uFEFFbom first', '\u0000\u0001\n\t"\\', 'x'.repeat(63) + 'é', 'é'.repeat(200), '\uD800', 'a\uDC00b', '🎉'.slice(0, 1) + 'tail'.repeat(30)];
    const back = roundTrip({ strings, [strings[4]!]: strings[5], '': 'empty key' }) as Record<string, unknown>;
    expect(back.strings).toEqual(strings);
    expect(back['東京']).toBe('🎉 party');
    expect(back['']).toBe('empty key');
  });

  it('reads back empty state of every shape', () => {
    for (const state of [{}, [], '', null, 0, false, { a: {}, b: [], c: '' }]) expect(roundTrip(state)).toEqual(state);
  });

  it('reads back huge strings whole, under and over the size encoded on its own', () => {
    const tenMb = 'x'.repeat(10_000_000);
    const mixed = `${'ü'.repeat(3_000_000)}${'a'.repeat(10_000_000)}`;
    const oneMb = 'é'.repeat(500_000) + '東'.repeat(100_000);
    const back = roundTrip({ tenMb, mixed, oneMb, after: 1 }) as { tenMb: string; mixed: string; oneMb: string; after: number };
    expect(back.tenMb.length).toBe(tenMb.length);
    expect(back.tenMb === tenMb).toBe(true);
    expect(back.mixed === mixed).toBe(true);
    expect(back.oneMb === oneMb).toBe(true);
    expect(back.after).toBe(1);
  });

  it('writes each string once as UTF-8 after a few bytes of framing, never as escaped JSON text', () => {
    const state = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 'x'.repeat(10_000)]));
    const payload = 1000 * 10_000;
    const keys = Object.keys(state).join('').length;
    const bytes = encodeState(state);
    // Header, object tag and end, per key: a tag and length for the key and for the value, its 5-byte u32 length.
    expect(bytes.length).toBe(STATE_HEADER_BYTES + 2 + keys + payload + 1000 * (2 + 5));
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  it('stores typed arrays as their bytes and reads back the same kind of array', () => {
    const state = { f64: new Float64Array([1.5, Number.NaN, -0, Number.POSITIVE_INFINITY]), i32: new Int32Array([-1, 2 ** 31 - 1]), u8: new Uint8Array(new ArrayBuffer(16), 3, 5).fill(7), big: new BigInt64Array([-(2n ** 63n)]) };
    const back = roundTrip(state) as typeof state;
    expect(back.f64).toBeInstanceOf(Float64Array);
    expect([...back.f64]).toEqual([1.5, Number.NaN, -0, Number.POSITIVE_INFINITY]);
    expect(back.i32).toEqual(state.i32);
    expect(back.u8).toEqual(new Uint8Array(5).fill(7));
    expect(back.big[0]).toBe(-(2n ** 63n));
  });

  it('applies toJSON, unboxes, and drops undefined, functions and symbols as JSON does', () => {
    const d = new Date(0);
    const state = { at: d, gone: undefined, fn: () => 1, sym: Symbol('s'), inf: Number.POSITIVE_INFINITY, list: [undefined, () => 1], boxed: [new Number(2), new String('s'), new Boolean(false)] };
    expect(roundTrip(state)).toEqual({ at: d.toISOString(), inf: Number.POSITIVE_INFINITY, list: [null, null], boxed: [2, 's', false] });
    expect(roundTrip({ at: d, gone: undefined })).toEqual({ at: d.toISOString() });
    expect(roundTrip(new Map([[1, 2]]))).toEqual({});
  });

  it('keeps a "__proto__" key as an own property, as JSON.parse does', () => {
    const state = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const back = roundTrip(state) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a BigInt and a cycle with a sentence, as a checkpoint fails on them', () => {
    expect(() => encodeState({ n: 1n })).toThrow(/BigInt/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => encodeState(cyclic)).toThrow(/cycle/);
    // Deep but not cyclic, and the same object twice side by side, are fine.
    let deep: unknown = 'leaf';
    for (let i = 0; i < 500; i++) deep = [deep];
    const shared = { s: 1 };
    expect(roundTrip({ deep, twice: [shared, shared] })).toEqual({ deep, twice: [shared, shared] });
  });

  it('reads checkpoints written in the older JSON encoding, non-finite numbers tagged', () => {
    // The bytes version 1 wrote (JSON.stringify with the number tag, as UTF-8).
    const older = new TextEncoder().encode('{"src":{"operator":{"offset":42}},"win":{"keyed":{"7":{"timers":[["k","",{"$eddy:number":"Infinity"}]],"state":{"sum":[["k","","Grüße 🎉"]]}}}},"wm":{"$eddy:number":"-Infinity"},"nan":{"$eddy:number":"NaN"},"s":"$eddy:number"}');
    const back = decodeState(older) as Record<string, any>;
    expect(back.src).toEqual({ operator: { offset: 42 } });
    expect(back.win.keyed['7'].timers[0][2]).toBe(Number.POSITIVE_INFINITY);
    expect(back.win.keyed['7'].state.sum[0][2]).toBe('Grüße 🎉');
    expect(back.wm).toBe(Number.NEGATIVE_INFINITY);
    expect(back.nan).toBeNaN();
    expect(back.s).toBe('$eddy:number');
    expect(decodeState(new TextEncoder().encode('{}'))).toEqual({});
  });

  it('names the damage in a truncated or corrupted binary state, and refuses a newer version', () => {
    const bytes = encodeState({ key: 'value', n: [1, 2, 3] });
    expect(() => decodeState(bytes.subarray(0, bytes.length - 3))).toThrow(/damaged: it ends early/);
    const extra = new Uint8Array(bytes.length + 1);
    extra.set(bytes);
    expect(() => decodeState(extra)).toThrow(/bytes after the value/);
    const bad = bytes.slice();
    bad[STATE_HEADER_BYTES] = 200;
    expect(() => decodeState(bad)).toThrow(/unknown tag 200/);
    const newer = bytes.slice();
    newer[3] = 9;
    expect(() => decodeState(newer)).toThrow(/newer version/);
  });
});
