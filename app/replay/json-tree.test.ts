import { describe, expect, it } from 'vitest';
import { isBranch, jsonChildren, jsonKind, jsonSummary, leafText } from './json-tree';

describe('the JSON tree model', () => {
  it('names each value kind', () => {
    expect([{}, [], 's', 1, true, null, undefined].map(jsonKind)).toEqual(['object', 'array', 'string', 'number', 'boolean', 'null', 'other']);
  });

  it('summarises short objects and arrays as their JSON, long ones as counts', () => {
    expect(jsonSummary({ a: 1 })).toBe('{"a":1}');
    expect(jsonSummary([1, 2])).toBe('[1,2]');
    const long = { alpha: 'x'.repeat(30), beta: 2, gamma: [1, 2, 3] };
    expect(jsonSummary(long)).toBe('{ 3 keys }');
    expect(jsonSummary(Array.from({ length: 12 }, (_, i) => ({ i, name: `item ${i}` })))).toBe('[ 12 items ]');
    expect(jsonSummary({ only: 'y'.repeat(60) })).toBe('{ 1 key }');
    expect(jsonSummary([['z'.repeat(60)]])).toBe('[ 1 item ]');
  });

  it('lists children one level down, in order', () => {
    expect(jsonChildren({ b: 1, a: { c: 2 } })).toEqual([
      ['b', 1],
      ['a', { c: 2 }],
    ]);
    expect(jsonChildren(['x', 'y'])).toEqual([
      ['0', 'x'],
      ['1', 'y'],
    ]);
    expect(jsonChildren('leaf')).toEqual([]);
    expect([isBranch({ a: 1 }), isBranch([1]), isBranch({}), isBranch([]), isBranch('s'), isBranch(null)]).toEqual([true, true, false, false, false, false]);
  });

  it('cuts long leaves and keeps the full value for the tooltip', () => {
    expect(leafText('hi')).toEqual({ text: '"hi"', full: '"hi"', truncated: false });
    const long = 'q'.repeat(100);
    const cut = leafText(long, 20);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toHaveLength(20);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(cut.full).toBe(JSON.stringify(long));
    expect(leafText(null).text).toBe('null');
    expect(leafText(3.5).text).toBe('3.5');
  });
});
