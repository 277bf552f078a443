import { describe, expect, it } from 'vitest';
import { keyFromId, keyGroupOf, keyGroupOfId, keyGroupRangeFor, keyId, murmur3, subtaskForKeyGroup } from './key-groups.js';

// Key groups are part of the snapshot and rescale contract: a snapshot taken by one build must
// restore into the same key groups in the next. These figures were taken from the original
// implementation (murmur3 over 's' + key, 'n' + String(key), 'j' + canonical JSON).
const KEYS: unknown[] = [
  '',
  'a',
  'key-0',
  'key-1',
  'key-999',
  'héllo wörld ✓',
  '\u{1F600}',
  0,
  1,
  -1,
  42,
  3.5,
  -0,
  1e21,
  NaN,
  Infinity,
  true,
  null,
  [1, 'a'],
  { b: 1, a: [2] },
];
const GROUPS_128 = [90, 91, 23, 61, 59, 52, 78, 97, 38, 45, 24, 32, 97, 50, 87, 88, 74, 121, 51, 65];
const GROUPS_32768 = [
  2138, 12379, 10903, 5949, 3131, 14516, 10318, 17249, 21798, 22061, 152, 3616, 17249, 23218, 471, 27992, 17866, 20857, 3251, 21313,
];

describe('key groups', () => {
  it('keeps the key-group assignment of every kind of key (pinned)', () => {
    expect(KEYS.map((k) => keyGroupOf(k, 128))).toEqual(GROUPS_128);
    expect(KEYS.map((k) => keyGroupOf(k, 32768))).toEqual(GROUPS_32768);
  });

  it('gives the same group from a key id as from the key', () => {
    expect(KEYS.map((k) => keyGroupOfId(keyId(k), 128))).toEqual(GROUPS_128);
    expect(KEYS.map((k) => keyGroupOfId(keyId(k), 32768))).toEqual(GROUPS_32768);
  });

  it('keeps murmur3 of a text unchanged (pinned)', () => {
    expect([murmur3(''), murmur3('a'), murmur3('abc'), murmur3('abcd', 7)]).toEqual([0, 1867108634, 1118836419, 990645629]);
  });

  it('hashes a string key as the text "s" + key, whatever its length', () => {
    for (const k of ['', 'x', 'xy', 'xyz', 'key-12345', 'a longer key with an odd length']) {
      expect(keyGroupOf(k, 32768)).toBe(murmur3('s' + k) % 32768);
    }
  });

  it('hashes numbers and other keys as "n" + String(key) and "j" + canonical JSON', () => {
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let t = 0; t < 200; t++) {
      const len = Math.floor(rnd() * 12);
      let s = '';
      for (let i = 0; i < len; i++) s += String.fromCharCode(Math.floor(rnd() * 0x10000));
      const n = Math.floor(rnd() * 1e9) - 5e8;
      const obj = { s, n };
      expect(keyGroupOf(s, 1000)).toBe(murmur3('s' + s) % 1000);
      expect(keyGroupOf(n, 1000)).toBe(murmur3('n' + String(n)) % 1000);
      expect(keyGroupOf(obj, 1000)).toBe(murmur3('j' + JSON.stringify({ n, s })) % 1000);
      expect(keyGroupOfId(keyId(obj), 1000)).toBe(keyGroupOf(obj, 1000));
    }
  });

  it('keeps 1 and "1" apart as keys and round-trips key ids', () => {
    expect(keyId(1)).not.toBe(keyId('1'));
    for (const k of ['a', 7, { b: 1, a: [2] }, [1, 'a'], null]) expect(keyFromId(keyId(k))).toEqual(k);
  });

  it('sends every key group to the subtask whose range holds it', () => {
    for (const p of [1, 2, 3, 7]) {
      for (let kg = 0; kg < 128; kg++) {
        const s = subtaskForKeyGroup(kg, 128, p);
        const range = keyGroupRangeFor(s, p, 128);
        expect(kg >= range.start && kg <= range.end).toBe(true);
      }
    }
  });
});
