import { describe, expect, it } from 'vitest';
import { ManualProcessingTime } from '../time/processing-time.js';
import { keyGroupRangeFor } from './key-groups.js';
import { KeyedStateBackend } from './keyed-state-backend.js';
import { UserState } from './user-state.js';

function world() {
  const backend = new KeyedStateBackend(128, keyGroupRangeFor(0, 1, 128));
  const clock = new ManualProcessingTime(0);
  const state = new UserState(backend, clock);
  backend.setCurrentKey('a');
  return { backend, clock, state };
}

describe('user state', () => {
  it('value: get/update/clear for the current key only', () => {
    const { backend, state } = world();
    const v = state.value<number>('seen');
    expect(v.get()).toBeUndefined();
    v.update(3);
    backend.setCurrentKey('b');
    expect(v.get()).toBeUndefined();
    v.update(7);
    backend.setCurrentKey('a');
    expect(v.get()).toBe(3);
    v.clear();
    expect(v.get()).toBeUndefined();
    backend.setCurrentKey('b');
    expect(v.get()).toBe(7);
  });

  it('value: update(null) clears, as in Flink', () => {
    const { backend, state } = world();
    const v = state.value('x');
    v.update(1);
    v.update(null);
    expect(v.get()).toBeUndefined();
    expect(backend.numKeys()).toBe(0);
  });

  it('returns the same handle for the same name', () => {
    const { state } = world();
    expect(state.value('x')).toBe(state.value('x'));
  });

  it('refuses one name for two kinds of state', () => {
    const { state } = world();
    state.value('x');
    expect(() => state.list('x')).toThrow(/state "x" is already a value state/);
  });

  it('list: get returns [] when empty and a copy otherwise', () => {
    const { state } = world();
    const l = state.list<number>('l');
    expect(l.get()).toEqual([]);
    l.add(1);
    l.addAll([2, 3]);
    const got = l.get();
    got.push(99);
    expect(l.get()).toEqual([1, 2, 3]);
    l.update([9]);
    expect(l.get()).toEqual([9]);
    l.update([]);
    expect(l.get()).toEqual([]);
  });

  it('list: refuses null elements', () => {
    const { state } = world();
    expect(() => state.list('l').add(null)).toThrow(/elements may not be null/);
  });

  it('map: keeps string and number keys apart and snapshots as JSON', () => {
    const { backend, state } = world();
    const m = state.map<string | number, string>('m');
    m.put('1', 'text');
    m.put(1, 'number');
    expect(m.get('1')).toBe('text');
    expect(m.get(1)).toBe('number');
    expect(m.has(2)).toBe(false);
    expect(m.entries()).toEqual([
      ['1', 'text'],
      [1, 'number'],
    ]);
    const snap = JSON.parse(JSON.stringify(backend.snapshot()));
    const fresh = new KeyedStateBackend(128, keyGroupRangeFor(0, 1, 128));
    fresh.restore(snap);
    fresh.setCurrentKey('a');
    const restored = new UserState(fresh, new ManualProcessingTime()).map('m');
    expect(restored.keys()).toEqual(['1', 1]);
  });

  it('map: remove, clear and isEmpty leave no state behind', () => {
    const { backend, state } = world();
    const m = state.map('m');
    m.put('x', 1);
    m.put('y', 2);
    m.remove('x');
    expect(m.keys()).toEqual(['y']);
    m.remove('y');
    expect(m.isEmpty()).toBe(true);
    expect(backend.numKeys()).toBe(0);
    m.put('z', 3);
    m.clear();
    expect(m.get('z')).toBeUndefined();
  });

  it('map: a "__proto__" key is an ordinary entry', () => {
    const { state } = world();
    const m = state.map('m');
    m.put('__proto__', 5);
    expect(m.get('__proto__')).toBe(5);
    expect(m.keys()).toEqual(['__proto__']);
  });

  it('map: rejects keys that are neither strings nor numbers', () => {
    const { state } = world();
    expect(() => state.map('m').put({} as any, 1)).toThrow(/keys must be strings or numbers/);
  });

  it('reducing: stores the first value, then folds with the function', () => {
    const { state } = world();
    const r = state.reducing<number>('r', (a, b) => a + b);
    expect(r.get()).toBeUndefined();
    r.add(2);
    r.add(5);
    expect(r.get()).toBe(7);
    r.clear();
    expect(r.get()).toBeUndefined();
  });

  it('aggregating: create, add(value, acc), result', () => {
    const { state } = world();
    const avg = state.aggregating('avg', {
      create: () => ({ sum: 0, n: 0 }),
      add: (v: number, acc: { sum: number; n: number }) => ({ sum: acc.sum + v, n: acc.n + 1 }),
      result: (acc: { sum: number; n: number }) => acc.sum / acc.n,
    });
    avg.add(2);
    avg.add(4);
    expect(avg.get()).toBe(3);
  });

  it('throws a clear error without a keyed input', () => {
    const state = new UserState(null, new ManualProcessingTime(), 'connect state needs keyed inputs');
    expect(() => state.value('x')).toThrow('connect state needs keyed inputs');
  });

  describe('TTL (processing time, refreshed on create and write)', () => {
    it('value expires ttlMs after its last write, not its last read', () => {
      const { clock, state } = world();
      const v = state.value('x', { ttlMs: 100 });
      v.update(1);
      clock.setTime(60);
      expect(v.get()).toBe(1);
      clock.setTime(99);
      expect(v.get()).toBe(1);
      clock.setTime(100);
      expect(v.get()).toBeUndefined();
    });

    it('a write refreshes the timestamp', () => {
      const { clock, state } = world();
      const v = state.value('x', { ttlMs: 100 });
      v.update(1);
      clock.setTime(80);
      v.update(2);
      clock.setTime(150);
      expect(v.get()).toBe(2);
    });

    it('expired values are removed from the backend when accessed', () => {
      const { backend, clock, state } = world();
      const v = state.value('x', { ttlMs: 10 });
      v.update(1);
      clock.setTime(10);
      expect(backend.numKeys()).toBe(1);
      v.get();
      expect(backend.numKeys()).toBe(0);
    });

    it('list elements expire one by one', () => {
      const { clock, state } = world();
      const l = state.list('l', { ttlMs: 100 });
      l.add('old');
      clock.setTime(50);
      l.add('new');
      clock.setTime(100);
      expect(l.get()).toEqual(['new']);
      clock.setTime(150);
      expect(l.get()).toEqual([]);
    });

    it('map entries expire one by one', () => {
      const { clock, state } = world();
      const m = state.map('m', { ttlMs: 100 });
      m.put('a', 1);
      clock.setTime(50);
      m.put('b', 2);
      clock.setTime(120);
      expect(m.has('a')).toBe(false);
      expect(m.entries()).toEqual([['b', 2]]);
    });

    it('reducing state restarts from the new value once expired', () => {
      const { clock, state } = world();
      const r = state.reducing<number>('r', (a, b) => a + b, { ttlMs: 100 });
      r.add(5);
      clock.setTime(100);
      r.add(1);
      expect(r.get()).toBe(1);
    });

    it('refuses a non-positive ttl', () => {
      const { state } = world();
      expect(() => state.value('x', { ttlMs: 0 })).toThrow(/ttlMs must be a positive number/);
    });
  });
});
