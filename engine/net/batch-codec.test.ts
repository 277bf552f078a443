import { describe, expect, it } from 'vitest';
import { BatchDecoder, BatchEncoder, BatchFormatError, decodeBatch } from './batch-codec.js';
import { H, HEADER_BYTES, Kind, Mode } from './batch-codec-format.js';
import { genericBuilder, genericSplitter } from './batch-codec-shapes.js';

function stamps(n: number, f: (i: number) => number = (i) => i * 10): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => f(i));
}

function roundTrip(values: unknown[], timestamps = stamps(values.length), encoder = new BatchEncoder()) {
  const { buffer, byteLength } = encoder.encode(values, timestamps, values.length);
  return { ...decodeBatch(buffer, byteLength), buffer, byteLength };
}

function modeOf(buffer: ArrayBuffer): number {
  return new Uint32Array(buffer, 0, 8)[H.mode]!;
}

/** Column kinds by field name, read from the directory of a columnar batch. */
function kindsOf(buffer: ArrayBuffer, n: number, names: string[]): Record<string, number> {
  const body = HEADER_BYTES + 8 * n;
  const f = new Uint32Array(buffer, body, 1)[0]!;
  const dir = new Uint32Array(buffer, body + 8, 4 * f);
  const out: Record<string, number> = {};
  for (let j = 0; j < f; j++) out[names[dir[4 * j]!]!] = dir[4 * j + 1]!;
  return out;
}

/** Deterministic PRNG (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE_STRINGS = ['', 'a', 'key-1', 'héllo', '日本語', '😀 pair', '\u0000', '\uFEFFbom', 'a"b\\c', '\u2028', 'x'.repeat(40), '__proto__'];

function randomString(r: () => number): string {
  if (r() < 0.5) return SAMPLE_STRINGS[Math.floor(r() * SAMPLE_STRINGS.length)]!;
  let s = '';
  const len = Math.floor(r() * 20);
  for (let i = 0; i < len; i++) {
    const c = r();
    s += c < 0.7 ? String.fromCharCode(32 + Math.floor(r() * 95)) : c < 0.9 ? String.fromCharCode(0x80 + Math.floor(r() * 0x700)) : String.fromCodePoint(0x10000 + Math.floor(r() * 0xfffff));
  }
  return s;
}

function randomNumber(r: () => number): number {
  const c = r();
  const x = c < 0.4 ? Math.floor(r() * 2000) - 1000 : c < 0.7 ? (r() - 0.5) * 1e6 : c < 0.85 ? Math.floor(r() * 2 ** 53) : r() * 1e-300;
  return x === 0 ? 0 : x; // JSON has no -0
}

function randomJson(r: () => number, depth = 0): unknown {
  const c = r();
  if (c < 0.1) return null;
  if (c < 0.2) return r() < 0.5;
  if (c < 0.45) return randomNumber(r);
  if (c < 0.7 || depth > 3) return randomString(r);
  if (c < 0.85) return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth + 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) Object.defineProperty(o, randomString(r), { value: randomJson(r, depth + 1), enumerable: true, writable: true, configurable: true });
  return o;
}

describe('BatchEncoder / decodeBatch round trips', () => {
  it('round-trips an empty batch', () => {
    const out = roundTrip([]);
    expect(out).toMatchObject({ values: [], length: 0 });
    expect(out.timestamps).toEqual(new Float64Array(0));
  });

  it('keeps NaN, ±Infinity and -0 in an all-number batch and in numeric columns', () => {
    const nums = [1.5, NaN, Infinity, -Infinity, -0, 0, 2 ** 53, -1e-300, 42];
    const a = roundTrip(nums);
    expect(modeOf(a.buffer)).toBe(Mode.numbers);
    a.values.forEach((v, i) => { expect(Object.is(v, nums[i])).toBe(true); });
    const records = nums.map((x) => ({ x }));
    const b = roundTrip(records);
    expect(kindsOf(b.buffer, nums.length, ['x'])).toEqual({ x: Kind.f64 });
    b.values.forEach((v, i) => { expect(Object.is((v as { x: number }).x, nums[i])).toBe(true); });
  });

  it('keeps timestamps exactly, including -Infinity (none) and +Infinity, in a fresh array', () => {
    const ts = Float64Array.from([-Infinity, 0, 1.5, Infinity, -5]);
    const out = roundTrip([1, 2, 3, 4, 5], ts);
    expect(Array.from(out.timestamps)).toEqual(Array.from(ts));
    expect(out.timestamps.buffer).not.toBe(out.buffer);
  });

  it('round-trips an all-string batch with unicode, NUL, a BOM, empty and very long strings', () => {
    const strings = ['', 'a', 'a', '😀', 'x😀y', '\u0000', '\uFEFF', '\uFEFFlead', 'é'.repeat(50), 'z'.repeat(200_000), '', '日本'];
    const out = roundTrip(strings);
    expect(modeOf(out.buffer)).toBe(Mode.strings);
    expect(out.values).toEqual(strings);
  });

  it('keeps a byte-order mark that starts the string table', () => {
    for (const values of [['\uFEFF', 'a'], ['\uFEFFx'], [{ '\uFEFFk': '\uFEFF' }]]) {
      expect(roundTrip(values).values).toStrictEqual(values);
    }
  });

  it('encodes uniform records as columns of the narrowest kind', () => {
    const values = Array.from({ length: 20 }, (_, i) => ({
      id: i,
      price: i + 0.25,
      maybe: i % 3 === 0 ? null : i * 1.5,
      name: `name-${i % 4}`,
      label: i % 5 === 0 ? null : `l${i % 2}`,
      ok: i % 2 === 0,
      nested: { a: [i, { b: `x${i}` }] },
      mixed: i % 2 === 0 ? i : `s${i}`,
      maybeBool: i % 2 === 0 ? true : null,
    }));
    const out = roundTrip(values);
    expect(modeOf(out.buffer)).toBe(Mode.columns);
    const names = Object.keys(values[0]!);
    expect(kindsOf(out.buffer, 20, [...names, 'name-0', 'name-1', 'name-2', 'name-3', 'l1', 'l0'])).toEqual({
      id: Kind.i32,
      price: Kind.f64,
      maybe: Kind.nullableF64,
      name: Kind.string16,
      label: Kind.string16,
      ok: Kind.bool,
      nested: Kind.json,
      mixed: Kind.json,
      maybeBool: Kind.json,
    });
    expect(out.values).toStrictEqual(values);
  });

  it('round-trips a column whose values are all null, and records with no keys', () => {
    expect(roundTrip([{ a: null }, { a: null }]).values).toStrictEqual([{ a: null }, { a: null }]);
    expect(roundTrip([{}, {}, {}]).values).toStrictEqual([{}, {}, {}]);
  });

  it('uses u32 string indexes when a batch has more than 65534 distinct strings', () => {
    const values = Array.from({ length: 70_000 }, (_, i) => ({ k: `k${i}` }));
    const out = roundTrip(values);
    expect(kindsOf(out.buffer, values.length, ['k'])).toEqual({ k: Kind.string32 });
    expect(out.values).toStrictEqual(values);
    const strings = values.map((v) => v.k);
    expect(roundTrip(strings).values).toStrictEqual(strings);
  });

  it('falls back to JSON when key order differs between records, keeping each order', () => {
    const values = [{ a: 1, b: 2 }, { b: 3, a: 4 }, { a: 5 }, 7, 'x', [1, 2], null];
    const out = roundTrip(values);
    expect(modeOf(out.buffer)).toBe(Mode.json);
    expect(out.values).toStrictEqual(values);
    expect(Object.keys(out.values[1]!)).toEqual(['b', 'a']);
  });

  it('keeps "__proto__" an own property and never changes a prototype', () => {
    const rec = () => JSON.parse('{"__proto__": {"polluted": true}, "v": 1}') as object;
    for (const values of [[rec(), rec()], [rec(), { v: 2 }]]) {
      const out = roundTrip(values);
      for (const v of out.values) {
        expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
        expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
      }
      expect(Object.hasOwn(out.values[0] as object, '__proto__')).toBe(true);
      expect(Object.keys(out.values[0]!)).toEqual(['__proto__', 'v']);
      expect(JSON.stringify(out.values)).toBe(JSON.stringify(values));
    }
  });

  it('round-trips awkward keys: empty, quotes, U+2028, integer-like, and Object.prototype names', () => {
    const rec = (i: number) => ({ '': i, 'a"b': i, '\u2028': i, '1': i, '0': `z${i}`, constructor: 'c', toString: i, hasOwnProperty: null });
    const values = [rec(1), rec(2)];
    const out = roundTrip(values);
    expect(modeOf(out.buffer)).toBe(Mode.json); // an own "constructor" key is not a plain-object marker
    expect(out.values).toStrictEqual(values);
    const plain = [{ '': 1, 'a"b': 2, '\u2028': 3, '1': 4, toString: 5 }];
    const p = roundTrip(plain);
    expect(modeOf(p.buffer)).toBe(Mode.columns);
    expect(p.values).toStrictEqual(plain);
  });

  it('drops keys whose value is undefined, like JSON, and turns a top-level undefined into null', () => {
    const out = roundTrip([{ a: 1, b: undefined }, { a: 2, b: 3 }, undefined]);
    expect(out.values).toStrictEqual([{ a: 1 }, { a: 2, b: 3 }, null]);
    expect(roundTrip([{ a: 1, f: () => 1 }]).values).toStrictEqual([{ a: 1 }]);
  });

  it('follows JSON for non-plain objects: toJSON applies and class instances become plain objects', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const date = new Date(Date.UTC(2024, 0, 2));
    const out = roundTrip([new Point(1, 2), date, { at: date }]);
    expect(out.values).toStrictEqual([{ x: 1, y: 2 }, '2024-01-02T00:00:00.000Z', { at: '2024-01-02T00:00:00.000Z' }]);
  });

  it('throws like JSON.stringify on a BigInt', () => {
    expect(() => new BatchEncoder().encode([{ n: 1n }], stamps(1), 1)).toThrow(TypeError);
  });

  it('round-trips lone surrogates exactly by falling back to JSON', () => {
    for (const values of [['\uD800', 'ok'], [{ s: 'a\uDC00b' }, { s: 'c' }], [{ ['\uD83D']: 1 }], ['x\uD83D', '\uDE00y']]) {
      const out = roundTrip(values);
      expect(modeOf(out.buffer)).toBe(Mode.json);
      expect(out.values).toStrictEqual(values);
    }
  });

  it('encodes only values[0..length) and timestamps[0..length)', () => {
    const { buffer, byteLength } = new BatchEncoder().encode([{ a: 1 }, { a: 2 }, { a: 3 }], stamps(5), 2);
    const out = decodeBatch(buffer, byteLength);
    expect(out.values).toStrictEqual([{ a: 1 }, { a: 2 }]);
    expect(Array.from(out.timestamps)).toEqual([0, 10]);
  });

  it('rejects a length that does not fit the inputs', () => {
    expect(() => new BatchEncoder().encode([1], stamps(1), 2)).toThrow(RangeError);
    expect(() => new BatchEncoder().encode([1, 2], stamps(1), 2)).toThrow(RangeError);
    expect(() => new BatchEncoder().encode([1], stamps(1), 0.5)).toThrow(RangeError);
  });

  it('decodes fresh records that share nothing with the input', () => {
    const input = [{ a: { b: 1 } }, { a: { b: 2 } }];
    const out = roundTrip(input);
    (out.values[0] as { a: { b: number } }).a.b = 99;
    expect(input[0]!.a.b).toBe(1);
    expect(out.values[0]).not.toBe(input[0]);
  });

  it('switches between shapes and modes with one encoder', () => {
    const encoder = new BatchEncoder();
    const batches: unknown[][] = [[{ a: 1 }], [{ b: 's' }], [1, 2], ['x'], [{ a: 2 }], [{ a: 1 }, 2], [{ b: 't', c: true }]];
    for (let round = 0; round < 2; round++) {
      for (const values of batches) expect(roundTrip(values, stamps(values.length), encoder).values).toStrictEqual(values);
    }
  });
});

describe('buffer reuse', () => {
  const records = (n: number, tag = 'k') => Array.from({ length: n }, (_, i) => ({ key: `${tag}-${i % 7}`, value: i, ts: i * 2 }));

  it('returns the target when it is large enough and a new, larger buffer when it is not', () => {
    const encoder = new BatchEncoder();
    const small = new ArrayBuffer(64);
    const a = encoder.encode(records(100), stamps(100), 100, small);
    expect(a.buffer).not.toBe(small);
    expect(a.buffer.byteLength).toBeGreaterThanOrEqual(a.byteLength);
    const b = encoder.encode(records(50), stamps(50), 50, a.buffer);
    expect(b.buffer).toBe(a.buffer);
    expect(decodeBatch(b.buffer, b.byteLength).values).toStrictEqual(records(50));
  });

  it('decodes correctly whatever the reused buffer held before', () => {
    const encoder = new BatchEncoder();
    const big = encoder.encode(records(500, 'long-previous-key'), stamps(500), 500);
    const values = [...records(30), { key: 'odd', value: 1.5, ts: null }];
    const smaller = values.map((v) => ({ ...v, value: v.value === 1.5 ? null : v.value }));
    for (const fill of [-1, 0, 0xff, 0xa5]) {
      const target = new ArrayBuffer(big.buffer.byteLength);
      if (fill >= 0) new Uint8Array(target).fill(fill);
      else new Uint8Array(target).set(new Uint8Array(big.buffer));
      const r = encoder.encode(smaller, stamps(smaller.length), smaller.length, target);
      expect(r.buffer).toBe(target);
      expect(decodeBatch(r.buffer, r.byteLength).values).toStrictEqual(smaller);
    }
  });

  it('grows past a target that fits ASCII but not the UTF-8 of the same text', () => {
    const values = Array.from({ length: 8 }, (_, i) => ({ s: '日本語'.repeat(50) + i }));
    const encoder = new BatchEncoder();
    const ascii = encoder.encode(values.map((v) => ({ s: 'a'.repeat(v.s.length) })), stamps(8), 8);
    const target = new ArrayBuffer(ascii.byteLength);
    const r = encoder.encode(values, stamps(8), 8, target);
    expect(r.buffer).not.toBe(target);
    expect(decodeBatch(r.buffer, r.byteLength).values).toStrictEqual(values);
  });
});

describe.each([
  ['without a dictionary', false],
  ['with a channel dictionary', true],
])('random JSON values (seeded), %s', (_, dictionary) => {
  it('round-trips 3000 random JSON values in batches of mixed, uniform, numeric and string values', () => {
    const r = rng(20240611);
    const encoder = new BatchEncoder({ dictionary });
    const decoder = new BatchDecoder();
    let total = 0;
    let target: ArrayBuffer | undefined;
    const modes = new Set<number>();
    while (total < 3000) {
      const n = Math.floor(r() * 64);
      const style = Math.floor(r() * 4);
      let values: unknown[];
      if (style === 0) values = Array.from({ length: n }, () => randomJson(r));
      else if (style === 1) values = Array.from({ length: n }, () => randomNumber(r));
      else if (style === 2) values = Array.from({ length: n }, () => randomString(r));
      else {
        const keys = Array.from({ length: Math.floor(r() * 5) }, () => randomString(r));
        const makers = keys.map(() => {
          const t = Math.floor(r() * 5);
          return () => (t === 0 ? randomNumber(r) : t === 1 ? randomString(r) : t === 2 ? (r() < 0.2 ? null : randomNumber(r)) : t === 3 ? r() < 0.5 : randomJson(r));
        });
        values = Array.from({ length: n }, () => {
          const o: Record<string, unknown> = {};
          keys.forEach((k, j) => { Object.defineProperty(o, k, { value: makers[j]!(), enumerable: true, writable: true, configurable: true }); });
          return o;
        });
      }
      const ts = stamps(n, () => (r() < 0.1 ? -Infinity : Math.floor(r() * 1e12)));
      const enc = encoder.encode(values, ts, n, target);
      modes.add(modeOf(enc.buffer) & 0xff);
      const out = dictionary ? decoder.decode(enc.buffer, enc.byteLength) : decodeBatch(enc.buffer, enc.byteLength);
      expect(out.length).toBe(n);
      expect(out.values).toStrictEqual(values);
      expect(JSON.stringify(out.values)).toBe(JSON.stringify(values));
      expect(Array.from(out.timestamps)).toEqual(Array.from(ts));
      target = enc.buffer;
      total += n;
    }
    expect([...modes].sort()).toEqual([Mode.numbers, Mode.strings, Mode.json, Mode.columns].sort());
    expect(decoder.dictionarySize).toBe(encoder.dictionarySize);
    if (dictionary) expect(encoder.dictionarySize).toBeGreaterThan(0);
  });
});

describe('corrupt buffers', () => {
  const sample = () => new BatchEncoder().encode([{ k: 'a', v: 1 }, { k: 'b', v: 2 }], stamps(2), 2);

  it('throws a BatchFormatError for a truncated buffer or a wrong byteLength', () => {
    const { buffer, byteLength } = sample();
    expect(() => decodeBatch(buffer.slice(0, byteLength - 8), byteLength - 8)).toThrow(BatchFormatError);
    expect(() => decodeBatch(buffer, byteLength - 1)).toThrow(/truncated/);
    expect(() => decodeBatch(buffer.slice(0, 16), 16)).toThrow(/shorter than the header/);
    expect(() => decodeBatch(buffer, buffer.byteLength + 8)).toThrow(BatchFormatError);
    expect(() => decodeBatch(new Uint8Array(buffer) as unknown as ArrayBuffer, byteLength)).toThrow(/ArrayBuffer/);
  });

  it('throws a BatchFormatError for a bad magic number, version, mode or record count', () => {
    const cases: Array<[number, number, RegExp]> = [
      [H.magic, 0x12345678, /magic/],
      [H.version, 99, /version 99/],
      [H.mode, 42, /mode 42/],
      [H.count, 0xfffffff, /do not fit/],
    ];
    for (const [word, value, message] of cases) {
      const { buffer, byteLength } = sample();
      new Uint32Array(buffer)[word] = value;
      expect(() => decodeBatch(buffer, byteLength)).toThrow(message);
    }
  });

  it('throws a BatchFormatError for invalid UTF-8, a bad string index or an unknown column kind', () => {
    let { buffer, byteLength } = sample();
    const head = new Uint32Array(buffer, 0, 8);
    new Uint8Array(buffer)[head[H.stringsOffset]! + 8 * Math.ceil((4 * head[H.stringCount]!) / 8)] = 0xff;
    expect(() => decodeBatch(buffer, byteLength)).toThrow(/invalid UTF-8/);

    ({ buffer, byteLength } = sample());
    const body = HEADER_BYTES + 16;
    const dir = new Uint32Array(buffer, body + 8, 8);
    new Uint16Array(buffer, dir[2]!, 2)[1] = 999;
    expect(() => decodeBatch(buffer, byteLength)).toThrow(/string index 999 out of range/);

    ({ buffer, byteLength } = sample());
    new Uint32Array(buffer, body + 8, 8)[5] = 77;
    expect(() => decodeBatch(buffer, byteLength)).toThrow(/unknown column kind 77/);
  });

  it('either decodes or throws a BatchFormatError, never anything else, when random bytes are damaged', () => {
    const r = rng(7);
    const inputs: unknown[][] = [
      [{ k: 'a', v: 1, n: null, b: true, j: [1] }, { k: 'b', v: 2.5, n: 3, b: false, j: {} }],
      ['x', 'yy', 'x'],
      [1, 2, 3],
      [{ a: 1 }, 'mixed'],
    ];
    let threw = 0;
    for (let trial = 0; trial < 400; trial++) {
      const values = inputs[trial % inputs.length]!;
      const { buffer, byteLength } = new BatchEncoder().encode(values, stamps(values.length), values.length);
      const bytes = new Uint8Array(buffer);
      for (let k = 0; k < 1 + Math.floor(r() * 3); k++) bytes[Math.floor(r() * byteLength)] = Math.floor(r() * 256);
      try {
        decodeBatch(buffer, byteLength);
      } catch (e) {
        expect(e).toBeInstanceOf(BatchFormatError);
        threw++;
      }
    }
    expect(threw).toBeGreaterThan(50);
  });
});

describe('shape code without code generation', () => {
  it('splits and builds records like the generated code, own "__proto__" included', () => {
    const keys = ['__proto__', 'a', 'b c'];
    const make = (i: number) => JSON.parse(`{"__proto__": ${i}, "a": "s${i}", "b c": [${i}]}`) as Record<string, unknown>;
    const values = [make(1), make(2), { a: 1 }];
    const cols: unknown[][] = [[], [], []];
    expect(genericSplitter(keys)(values, 3, cols)).toBe(2);
    expect(cols).toEqual([[1, 2], ['s1', 's2'], [[1], [2]]]);
    const out: unknown[] = [];
    genericBuilder(keys)(2, cols, out);
    expect(out).toStrictEqual([make(1), make(2)]);
    expect(Object.getPrototypeOf(out[0])).toBe(Object.prototype);
    expect(roundTrip([make(1), make(2)]).values).toStrictEqual(out);
  });
});
