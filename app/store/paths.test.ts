import { describe, expect, it } from 'vitest';
import { fieldName, getAt, setAt } from './paths';

describe('paths', () => {
  it('reads nested values and undefined for missing steps', () => {
    const v = { a: { b: [10, { c: 'x' }] } };
    expect(getAt(v, ['a', 'b', 1, 'c'])).toBe('x');
    expect(getAt(v, ['a', 'z', 'c'])).toBeUndefined();
  });

  it('writes a copy, keeping untouched branches and the input as they were', () => {
    const v = { a: { b: 1 }, other: { keep: true } };
    const next = setAt(v, ['a', 'b'], 2) as typeof v;
    expect(next).toEqual({ a: { b: 2 }, other: { keep: true } });
    expect(v.a.b).toBe(1);
    expect(next.other).toBe(v.other);
  });

  it('creates missing containers on the way', () => {
    expect(setAt({}, ['assigner', 'sizeMs'], 5)).toEqual({ assigner: { sizeMs: 5 } });
  });

  it('removes the key when writing undefined', () => {
    expect(setAt({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
  });

  it('names paths the way validation names fields', () => {
    expect(fieldName(['params', 'assigner', 'sizeMs'])).toBe('params.assigner.sizeMs');
    expect(fieldName(['params', 'records', 2])).toBe('params.records[2]');
  });
});
