import { describe, expect, it } from 'vitest';
import { cellText, columnsOf, visibleRows } from './virtual-range';

describe('virtual rows', () => {
  it('draws only the rows in view plus the overscan', () => {
    expect(visibleRows(0, 240, 24, 100_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRows(24 * 50_000, 240, 24, 100_000, 5)).toEqual({ start: 49_995, end: 50_016 });
  });

  it('stays inside the list at its end and for short lists', () => {
    expect(visibleRows(24 * 99_999, 240, 24, 100_000)).toEqual({ start: 99_991, end: 100_000 });
    expect(visibleRows(0, 240, 24, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(0, 240, 24, 0)).toEqual({ start: 0, end: 0 });
  });

  it('makes columns from record fields, or one value column for other values', () => {
    expect(columnsOf([{ a: 1 }, { a: 2, b: 3 }])).toEqual(['a', 'b']);
    expect(columnsOf([1, 2])).toEqual(['value']);
    expect(columnsOf([{ a: 1 }, 'x'])).toEqual(['value']);
    expect(columnsOf([])).toEqual(['value']);
  });

  it('shows strings as they are and the rest as JSON', () => {
    expect(cellText('ann')).toBe('ann');
    expect(cellText({ n: 1 })).toBe('{"n":1}');
    expect(cellText(undefined)).toBe('');
  });
});
