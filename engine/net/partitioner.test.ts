import { describe, expect, it } from 'vitest';
import { keyGroupOf, keyGroupRangeFor, subtaskForKeyGroup } from '../state/key-groups.js';
import { KEY_CHANNEL_CACHE_SIZE, KeyGroupPartitioner } from './partitioner.js';

describe('KeyGroupPartitioner', () => {
  it('sends each key to the subtask owning its key group', () => {
    for (const channels of [2, 3, 5]) {
      const p = new KeyGroupPartitioner((v) => (v as { k: unknown }).k, 128, channels);
      for (const k of ['a', 'key-17', 42, -3.5, { x: [1, 2] }, null]) {
        const c = p.select({ k });
        expect(c).toBe(subtaskForKeyGroup(keyGroupOf(k, 128), 128, channels));
        const range = keyGroupRangeFor(c, channels, 128);
        expect(keyGroupOf(k, 128)).toBeGreaterThanOrEqual(range.start);
        expect(keyGroupOf(k, 128)).toBeLessThanOrEqual(range.end);
      }
    }
  });

  it('sends everything to the one channel, still running the key function on every record', () => {
    let calls = 0;
    const p = new KeyGroupPartitioner((v) => {
      calls++;
      if (v === 'bad') throw new Error('key function failed');
      return v;
    }, 128, 1);
    expect(['a', 7, { o: 1 }].map((v) => p.select(v))).toEqual([0, 0, 0]);
    expect(calls).toBe(3);
    expect(() => p.select('bad')).toThrow('key function failed');
  });

  it('fails on a key that has no canonical form at one channel as at several', () => {
    for (const channels of [1, 2]) {
      const p = new KeyGroupPartitioner((v) => v, 128, channels);
      expect(() => p.select({ big: 1n })).toThrow();
    }
  });

  it('remembers channels of string and number keys without mixing them up, past the cache size too', () => {
    const owner = (k: unknown, channels: number) => subtaskForKeyGroup(keyGroupOf(k, 128), 128, channels);
    for (const channels of [2, 3]) {
      const p = new KeyGroupPartitioner((v) => v, 128, channels);
      const keys: unknown[] = [];
      for (let i = 0; i < KEY_CHANNEL_CACHE_SIZE + 500; i++) keys.push(i % 3 === 0 ? i : `k${i}`);
      keys.push('1', 1, 0, -0, Number.NaN, 'NaN', Number.POSITIVE_INFINITY, 'Infinity', 2.5, '2.5');
      // Twice: the first pass fills the cache (and overflows it), the second reads it.
      for (let pass = 0; pass < 2; pass++) for (const k of keys) expect(p.select(k)).toBe(owner(k, channels));
    }
  });
});
