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
});
