import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { ReduceOperator } from './reduce.js';

const sum = '(acc, r) => ({ user: acc.user, n: acc.n + r.n })';
const harness = (code = sum) => new OperatorHarness(new ReduceOperator(), { nodeId: 'r1', kind: 'reduce', params: { code }, keys: ['user'] });

describe('reduce', () => {
  it('emits the first record of a key as is, then each rolling result, per key', () => {
    const h = harness();
    h.processElements([
      [{ user: 'a', n: 1, extra: true }, 1],
      [{ user: 'b', n: 10 }, 2],
      [{ user: 'a', n: 2 }, 3],
      [{ user: 'a', n: 3 }, 4],
      [{ user: 'b', n: 5 }, 5],
    ]);
    expect(h.recordsWithTimestamps()).toEqual([
      [{ user: 'a', n: 1, extra: true }, 1],
      [{ user: 'b', n: 10 }, 2],
      [{ user: 'a', n: 3 }, 3],
      [{ user: 'a', n: 6 }, 4],
      [{ user: 'b', n: 15 }, 5],
    ]);
  });

  it('never changes the input record when the function updates acc in place', () => {
    const h = harness('(acc, r) => { acc.n += r.n; return acc; }');
    const first = { user: 'a', n: 1 };
    h.processElement(first, 1).processElement({ user: 'a', n: 2 }, 2);
    expect(first).toEqual({ user: 'a', n: 1 });
    expect(h.records()[1]).toEqual({ user: 'a', n: 3 });
  });

  it('continues from a snapshot in a fresh operator', () => {
    const h = harness().processElement({ user: 'a', n: 4 }, 1);
    const restored = harness().restore(h.snapshot());
    restored.processElement({ user: 'a', n: 1 }, 2);
    expect(restored.records()).toEqual([{ user: 'a', n: 5 }]);
  });

  it('needs a keyed input', () => {
    expect(() => new OperatorHarness(new ReduceOperator(), { nodeId: 'r1', params: { code: sum } })).toThrow(/reduce node "r1": needs a keyed input/);
  });
});
