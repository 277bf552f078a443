import { describe, expect, it } from 'vitest';
import { builtinAggregate } from './builtin-aggregates.js';

const fold = (fn: Parameters<typeof builtinAggregate>[0], field: string | undefined, values: unknown[]) => {
  const a = builtinAggregate(fn, field);
  let acc = a.create(values[0]);
  for (const v of values.slice(1)) acc = a.add(acc, v);
  return { a, acc };
};

describe('builtinAggregate', () => {
  it('merges averages by summing sums and counts, not by averaging averages', () => {
    const x = fold('avg', 'v', [{ v: 1 }, { v: 2 }, { v: 3 }]);
    const y = fold('avg', 'v', [{ v: 10 }]);
    expect(x.a.result(x.a.merge(x.acc, y.acc))).toBe(4);
  });

  it('keeps the element merged into on a minBy tie', () => {
    const x = fold('minBy', 'v', [{ v: 1, id: 'first' }]);
    const y = fold('minBy', 'v', [{ v: 1, id: 'second' }]);
    expect(x.a.merge(x.acc, y.acc)).toEqual({ v: 1, id: 'first' });
  });

  it('compares strings for min and max', () => {
    expect(fold('max', 's', [{ s: 'b' }, { s: 'c' }, { s: 'a' }]).acc).toBe('c');
  });

  it('requires a field except for count', () => {
    expect(() => builtinAggregate('sum', undefined)).toThrow(/needs a field/);
    expect(fold('count', undefined, [{}, {}]).acc).toBe(2);
  });
});
