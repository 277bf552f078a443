import { describe, expect, it } from 'vitest';
import { compilePath, getPath, setPath } from './field-path.js';

describe('field paths', () => {
  it('reads nested fields and gives undefined under a missing parent', () => {
    expect(getPath({ a: { b: 2 } }, compilePath('a.b'))).toBe(2);
    expect(getPath({ a: null }, compilePath('a.b'))).toBeUndefined();
  });

  it('writes a copy along the path and leaves the input alone', () => {
    const input = { a: { b: 1, c: 2 }, d: [1] };
    const out = setPath(input, compilePath('a.b'), 5);
    expect(out).toEqual({ a: { b: 5, c: 2 }, d: [1] });
    expect(input.a.b).toBe(1);
    expect(out.d).toBe(input.d);
  });

  it('creates missing parents', () => {
    expect(setPath({}, compilePath('x.y'), 1)).toEqual({ x: { y: 1 } });
  });

  it('treats a "__proto__" segment as a plain field', () => {
    const out = setPath({}, compilePath('__proto__'), { polluted: true });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
  });

  it('rejects empty segments', () => {
    expect(() => compilePath('a..b', 'params.field')).toThrow(/params\.field "a\.\.b" has an empty segment/);
  });
});
