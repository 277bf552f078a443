import { describe, expect, it } from 'vitest';
import { AggregateOperator } from './aggregate.js';
import { OperatorHarness } from './harness.js';

const harness = (fn: string, field?: string) =>
  new OperatorHarness(new AggregateOperator(), { nodeId: 'a1', kind: 'aggregate', params: field === undefined ? { fn } : { fn, field }, keys: ['user'] });

const clicks = (): Array<[unknown, number]> => [
  [{ user: 'a', v: 3, page: 'p1' }, 1],
  [{ user: 'b', v: 7, page: 'p2' }, 2],
  [{ user: 'a', v: 1, page: 'p3' }, 3],
  [{ user: 'a', v: 5, page: 'p4' }, 4],
];

describe('aggregate', () => {
  it('sum keeps the first record\'s other fields and replaces the field with the running sum', () => {
    const h = harness('sum', 'v').processElements(clicks());
    expect(h.recordsWithTimestamps()).toEqual([
      [{ user: 'a', v: 3, page: 'p1' }, 1],
      [{ user: 'b', v: 7, page: 'p2' }, 2],
      [{ user: 'a', v: 4, page: 'p1' }, 3],
      [{ user: 'a', v: 9, page: 'p1' }, 4],
    ]);
  });

  it('min keeps the first record\'s other fields with the running minimum', () => {
    const h = harness('min', 'v').processElements(clicks());
    expect(h.records().filter((r: any) => r.user === 'a')).toEqual([
      { user: 'a', v: 3, page: 'p1' },
      { user: 'a', v: 1, page: 'p1' },
      { user: 'a', v: 1, page: 'p1' },
    ]);
  });

  it('max keeps the first record\'s other fields with the running maximum', () => {
    const h = harness('max', 'v').processElements(clicks());
    expect(h.records().filter((r: any) => r.user === 'a')).toEqual([
      { user: 'a', v: 3, page: 'p1' },
      { user: 'a', v: 3, page: 'p1' },
      { user: 'a', v: 5, page: 'p1' },
    ]);
  });

  it('minBy emits the whole record holding the minimum, the earlier one on a tie', () => {
    const h = harness('minBy', 'v').processElements([
      [{ user: 'a', v: 3, page: 'p1' }, 1],
      [{ user: 'a', v: 2, page: 'p2' }, 2],
      [{ user: 'a', v: 2, page: 'p3' }, 3],
      [{ user: 'a', v: 4, page: 'p4' }, 4],
    ]);
    expect(h.records().map((r: any) => r.page)).toEqual(['p1', 'p2', 'p2', 'p2']);
  });

  it('maxBy emits the whole record holding the maximum, the earlier one on a tie', () => {
    const h = harness('maxBy', 'v').processElements([
      [{ user: 'a', v: 3, page: 'p1' }, 1],
      [{ user: 'a', v: 3, page: 'p2' }, 2],
      [{ user: 'a', v: 8, page: 'p3' }, 3],
      [{ user: 'a', v: 1, page: 'p4' }, 4],
    ]);
    expect(h.records().map((r: any) => r.page)).toEqual(['p1', 'p1', 'p3', 'p3']);
  });

  it('count sets "count" on a copy of the current record by default', () => {
    const h = harness('count').processElements(clicks());
    expect(h.records()).toEqual([
      { user: 'a', v: 3, page: 'p1', count: 1 },
      { user: 'b', v: 7, page: 'p2', count: 1 },
      { user: 'a', v: 1, page: 'p3', count: 2 },
      { user: 'a', v: 5, page: 'p4', count: 3 },
    ]);
  });

  it('avg sets the field of the current record to the running average', () => {
    const h = harness('avg', 'v').processElements(clicks());
    expect(h.records().filter((r: any) => r.user === 'a')).toEqual([
      { user: 'a', v: 3, page: 'p1' },
      { user: 'a', v: 2, page: 'p3' },
      { user: 'a', v: 3, page: 'p4' },
    ]);
  });

  it('aggregates a nested dot-path field without touching the inputs', () => {
    const inputs = [
      { user: 'a', stats: { v: 1 } },
      { user: 'a', stats: { v: 2 } },
    ];
    const h = harness('sum', 'stats.v').processElements(inputs.map((r, i) => [r, i]));
    expect(h.records()).toEqual([
      { user: 'a', stats: { v: 1 } },
      { user: 'a', stats: { v: 3 } },
    ]);
    expect(inputs).toEqual([
      { user: 'a', stats: { v: 1 } },
      { user: 'a', stats: { v: 2 } },
    ]);
  });

  it('min compares strings too', () => {
    const h = harness('min', 'name').processElements([
      [{ user: 'a', name: 'kiwi' }, 1],
      [{ user: 'a', name: 'apple' }, 2],
    ]);
    expect(h.records()[1]).toEqual({ user: 'a', name: 'apple' });
  });

  it('fails naming the node and field when sum meets a non-number', () => {
    const h = harness('sum', 'v');
    expect(() => h.processElement({ user: 'a', v: 'x' }, 1)).toThrow(/aggregate node "a1", field "v": sum needs a number, got string "x"/);
  });

  it('rejects an unknown function', () => {
    expect(() => harness('median', 'v')).toThrow(/params\.fn: must be one of/);
  });

  it('continues the running sum after a restore', () => {
    const h = harness('sum', 'v').processElements(clicks());
    const restored = harness('sum', 'v').restore(h.snapshot());
    restored.processElement({ user: 'a', v: 1, page: 'p9' }, 9);
    expect(restored.records()).toEqual([{ user: 'a', v: 10, page: 'p1' }]);
  });
});
