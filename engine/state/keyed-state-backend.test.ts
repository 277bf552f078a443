import { describe, expect, it } from 'vitest';
import { KeyedStateBackend } from './keyed-state-backend.js';

const backend = () => new KeyedStateBackend(128, { start: 0, end: 127 });

describe('KeyedStateBackend', () => {
  it('scopes table values to the current key and namespace', () => {
    const b = backend();
    const t = b.table<number>('t');
    b.setCurrentKey('a');
    t.put('x', 1);
    t.put('y', 2);
    b.setCurrentKey('b');
    expect(t.get('x')).toBeUndefined();
    t.put('x', 3);
    b.setCurrentKey('a');
    expect([t.get('x'), t.get('y')]).toEqual([1, 2]);
    expect(t.namespaces()).toEqual(['x', 'y']);
    expect(t.size()).toBe(3);
    expect(b.numKeys()).toBe(2);
  });

  it('forgets a key whose last namespace was removed, and takes it back on the next write', () => {
    const b = backend();
    const t = b.table<number>('t');
    b.setCurrentKey('a');
    t.put('x', 1);
    t.remove('x');
    expect(b.numKeys()).toBe(0);
    expect(t.get('x')).toBeUndefined();
    t.put('x', 2);
    expect(t.get('x')).toBe(2);
    expect(b.numKeys()).toBe(1);
    b.setCurrentKeyId('a');
    expect(t.get('x')).toBe(2);
  });

  it('tells equal keys from distinct string objects apart from different keys, NaN included', () => {
    const b = backend();
    const t = b.table<string>('t');
    b.setCurrentKey(['k', 'ey'].join(''));
    t.put('', 'first');
    b.setCurrentKey('key');
    expect(t.get()).toBe('first');
    b.setCurrentKey('kex');
    expect(t.get()).toBeUndefined();
    b.setCurrentKey(NaN);
    t.put('', 'nan');
    b.setCurrentKey(Number('x'));
    expect(t.get()).toBe('nan');
    b.setCurrentKey(-0);
    t.put('', 'zero');
    b.setCurrentKey(0);
    expect(t.get()).toBe('zero');
  });

  it('sees restored state for the current key, and snapshots copies', () => {
    const source = backend();
    const st = source.table<number[]>('t');
    source.setCurrentKey('a');
    st.put('x', [1]);
    const snap = source.snapshot();
    st.get('x')!.push(2);

    const b = backend();
    const t = b.table<number[]>('t');
    b.setCurrentKey('a');
    expect(t.get('x')).toBeUndefined();
    b.restore(snap);
    expect(t.get('x')).toEqual([1]);
    t.remove('x');
    expect(t.get('x')).toBeUndefined();
  });

  it('snapshots and restores immutable values as they are, and objects as deep copies', () => {
    const source = backend();
    const t = source.table<unknown>('t');
    const long = 'x'.repeat(10_000);
    const values: unknown[] = [long, 1.5, -0, Number.NaN, true, null, undefined, { nested: [1, { deep: 'a' }] }, [1, 2]];
    values.forEach((v, i) => {
      source.setCurrentKey(`k${i}`);
      t.put('ns', v);
    });
    const snap = source.snapshot();
    // Changing the live objects after the snapshot does not reach it.
    source.setCurrentKey('k7');
    ((t.get('ns') as { nested: unknown[] }).nested[1] as { deep: string }).deep = 'changed';
    source.setCurrentKey('k8');
    (t.get('ns') as number[]).push(3);
    const b = backend();
    const r = b.table<unknown>('t');
    b.restore(snap);
    const restored = values.map((_, i) => {
      b.setCurrentKey(`k${i}`);
      return r.get('ns');
    });
    expect(restored).toEqual([long, 1.5, -0, Number.NaN, true, null, undefined, { nested: [1, { deep: 'a' }] }, [1, 2]]);
    expect(Object.is(restored[2], -0)).toBe(true);
    // A restored object is not the snapshot's: restoring twice gives independent state.
    const again = backend();
    again.restore(snap);
    again.setCurrentKey('k8');
    (again.table<number[]>('t').get('ns') as number[]).push(9);
    b.setCurrentKey('k8');
    expect(r.get('ns')).toEqual([1, 2]);
  });

  it('restores only the key groups in its range', () => {
    const source = backend();
    const t = source.table<number>('t');
    for (const k of ['a', 'b', 'c', 'd', 'e']) {
      source.setCurrentKey(k);
      t.put('', 1);
    }
    const snap = source.snapshot();
    const low = new KeyedStateBackend(128, { start: 0, end: 63 });
    const high = new KeyedStateBackend(128, { start: 64, end: 127 });
    low.restore(snap);
    high.restore(snap);
    expect(low.numKeys() + high.numKeys()).toBe(5);
  });

  it('samples at most the asked number of rows, spread over every table, and counts all rows', () => {
    const b = backend();
    const a = b.table<number>('a');
    const w = b.table<number>('w');
    for (let k = 0; k < 300; k++) {
      b.setCurrentKey(k);
      a.put('', k);
      w.put(1, k);
      w.put(2, k);
    }
    const { rows, sample } = b.sampleRows(32);
    expect(rows).toBe(900);
    expect(sample.length).toBeLessThanOrEqual(32);
    expect(sample.length).toBeGreaterThan(16);
    expect(new Set(sample.map(([, ns]) => (ns === '' ? 'a' : 'w')))).toEqual(new Set(['a', 'w']));
    expect(b.sampleRows(32).sample).toEqual(sample);
    expect(backend().sampleRows(32)).toEqual({ rows: 0, sample: [] });
    expect(b.isEmpty()).toBe(false);
    expect(backend().isEmpty()).toBe(true);
  });
});
