import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { UnionOperator } from './union.js';

describe('union', () => {
  it('passes every record of every input through with its timestamp', () => {
    const h = new OperatorHarness(new UnionOperator());
    h.processElement('a', 1, 0).processElement('b', 2, 1).processElement('c', 3, 0);
    expect(h.recordsWithTimestamps()).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });
});
