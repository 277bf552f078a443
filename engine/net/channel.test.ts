import { describe, expect, it } from 'vitest';
import { BatchBuilder } from './channel.js';

describe('BatchBuilder', () => {
  it('says when a batch is full and hands it over with exactly its records', () => {
    const b = new BatchBuilder(3);
    expect(b.add('a', 1)).toBe(false);
    expect(b.add('b', 2)).toBe(false);
    expect(b.add('c', 3)).toBe(true);
    const batch = b.take();
    expect(batch).toEqual({ kind: 'batch', values: ['a', 'b', 'c'], timestamps: new Float64Array([1, 2, 3]), length: 3 });
    expect(b.size).toBe(0);
  });

  it('cuts a partial batch of the right length and keeps later batches apart from earlier ones', () => {
    const b = new BatchBuilder(4);
    b.add({ n: 1 }, -Infinity);
    b.add({ n: 2 }, 5);
    const first = b.take();
    expect(first.values).toEqual([{ n: 1 }, { n: 2 }]);
    expect(first.values.length).toBe(2);
    expect([...first.timestamps]).toEqual([-Infinity, 5]);
    b.add({ n: 3 }, 6);
    for (let i = 4; i <= 6; i++) b.add({ n: i }, i);
    const second = b.take();
    expect(second.values).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }, { n: 6 }]);
    expect(first.values).toEqual([{ n: 1 }, { n: 2 }]);
    expect([...first.timestamps]).toEqual([-Infinity, 5]);
    b.add({ n: 7 }, 7);
    expect(second.values[0]).toEqual({ n: 3 });
    expect(b.take().values).toEqual([{ n: 7 }]);
  });

  it('gives an empty batch when nothing was added', () => {
    const b = new BatchBuilder(2);
    const batch = b.take();
    expect(batch.length).toBe(0);
    expect(batch.values).toEqual([]);
    expect(batch.timestamps.length).toBe(0);
  });
});
