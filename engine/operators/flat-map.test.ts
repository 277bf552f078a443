import { describe, expect, it } from 'vitest';
import { FlatMapOperator } from './flat-map.js';
import { OperatorHarness } from './harness.js';

const harness = (code: string) => new OperatorHarness(new FlatMapOperator(), { nodeId: 'f1', kind: 'flatMap', params: { code } });

describe('flatMap', () => {
  it('emits each array element with the input timestamp', () => {
    const h = harness('(r) => r.words.split(" ")');
    h.processElement({ words: 'a b' }, 5).processElement({ words: 'c' }, 6);
    expect(h.recordsWithTimestamps()).toEqual([
      ['a', 5],
      ['b', 5],
      ['c', 6],
    ]);
  });

  it('emits nothing for an empty array', () => {
    const h = harness('(r) => []').processElement({}, 1);
    expect(h.records()).toEqual([]);
  });

  it('accepts any iterable, such as a generator', () => {
    const h = harness('function* (r) { yield r; yield r + 1; }').processElement(1, 2);
    expect(h.recordsWithTimestamps()).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('fails clearly when the function does not return an array', () => {
    const h = harness('(r) => { r.x; }');
    expect(() => h.processElement({ x: 1 }, 1)).toThrow(/flatMap must return an array, got undefined/);
  });

  it('refuses a string rather than emitting its characters', () => {
    const h = harness('(r) => "ab"');
    expect(() => h.processElement({}, 1)).toThrow(/flatMap must return an array, got string/);
  });

  it('fails naming the node, without emitting, when one record gives more than a million records', () => {
    const h = harness('(r) => new Array(1_000_001).fill(r)');
    expect(() => h.processElement(1, 1)).toThrow(/flatMap node "f1", params\.code: returned 1000001 records for one input record; at most 1000000/);
    expect(h.records()).toEqual([]);
  });

  it('stops a generator that yields without end at the same bound', () => {
    const h = harness('function* (r) { for (let i = 0; ; i++) yield i; }');
    expect(() => h.processElement(1, 1)).toThrow(/returned more than 1000000 records for one input record/);
    expect(h.records().length).toBe(1_000_000);
  });
});
