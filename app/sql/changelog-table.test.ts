import { describe, expect, it } from 'vitest';
import type { RowKind } from '../store/result-buffer';
import { applyChangelog } from './changelog-table';

const apply = (log: [RowKind, unknown][]) =>
  applyChangelog(
    log.map(([, v]) => v),
    log.map(([op]) => op),
  );

describe('applyChangelog', () => {
  it('an append-only result is its own table', () => {
    expect(apply([['+I', { a: 1 }], ['+I', { a: 2 }]])).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("a non-windowed GROUP BY's -U/+U pairs leave one row per key with its latest count (Flink's word count)", () => {
    const log: [RowKind, unknown][] = [
      ['+I', { word: 'Hello', cnt: 1 }],
      ['+I', { word: 'Ciao', cnt: 1 }],
      ['-U', { word: 'Hello', cnt: 1 }],
      ['+U', { word: 'Hello', cnt: 2 }],
      ['-U', { word: 'Hello', cnt: 2 }],
      ['+U', { word: 'Hello', cnt: 3 }],
    ];
    expect(apply(log)).toEqual([
      { word: 'Ciao', cnt: 1 },
      { word: 'Hello', cnt: 3 },
    ]);
  });

  it('-D removes one equal row only, the newest, whatever the order of its fields', () => {
    const log: [RowKind, unknown][] = [
      ['+I', { k: 'x', n: 1, tag: 'first' }],
      ['+I', { k: 'y', n: 1 }],
      ['+I', { k: 'x', n: 1, tag: 'first' }],
      ['-D', { tag: 'first', n: 1, k: 'x' }],
    ];
    expect(apply(log)).toEqual([
      { k: 'x', n: 1, tag: 'first' },
      { k: 'y', n: 1 },
    ]);
  });

  it('a retraction without an equal row changes nothing; a record without a row kind is an insert', () => {
    expect(applyChangelog([{ a: 1 }, { a: 2 }, { a: 3 }], ['+I', '-U'])).toEqual([{ a: 1 }, { a: 3 }]);
    expect(apply([['-D', { a: 9 }], ['+I', { a: 1 }]])).toEqual([{ a: 1 }]);
  });
});
