import { describe, expect, it } from 'vitest';
import { GroupAggregateOperator, type GroupAggregateSpec } from './group-aggregate.js';
import { OperatorHarness } from './harness.js';

const harness = (keys: string[], aggregates: GroupAggregateSpec[]) =>
  new OperatorHarness(new GroupAggregateOperator(), { nodeId: 'g', kind: 'groupAggregate', params: { keys, aggregates }, keys: [(r) => JSON.stringify(keys.map((k) => r[k]))] });

describe('groupAggregate (Flink GroupAggFunction)', () => {
  it('dynamic_tables.md "Continuous Queries": SELECT user, COUNT(url) AS cnt FROM clicks GROUP BY user — +I per new user, -U/+U when a count changes', () => {
    const h = harness(['user'], [{ name: 'cnt', fn: 'count', field: 'url' }]);
    for (const [user, url] of [['Mary', './home'], ['Bob', './cart'], ['Mary', './prod?id=1'], ['Liz', './home']]) h.processElement({ user, url }, 0);
    expect(h.changelog()).toEqual([
      ['+I', { user: 'Mary', cnt: 1 }],
      ['+I', { user: 'Bob', cnt: 1 }],
      ['-U', { user: 'Mary', cnt: 1 }],
      ['+U', { user: 'Mary', cnt: 2 }],
      ['+I', { user: 'Liz', cnt: 1 }],
    ]);
  });

  it('emits nothing when the aggregates did not change (MAX stays, COUNT(DISTINCT) of a value seen before)', () => {
    const h = harness(['k'], [{ name: 'm', fn: 'max', field: 'v' }, { name: 'd', fn: 'count', field: 'v', distinct: true }]);
    h.processElement({ k: 'a', v: 5 }).processElement({ k: 'a', v: 3 }).processElement({ k: 'a', v: 5 }).processElement({ k: 'a', v: null });
    expect(h.changelog()).toEqual([
      ['+I', { k: 'a', m: 5, d: 1 }],
      ['-U', { k: 'a', m: 5, d: 1 }],
      ['+U', { k: 'a', m: 5, d: 2 }],
    ]);
  });

  it('computes COUNT(*), COUNT, SUM, MIN, MAX, AVG (integer AVG truncates) and skips NULL arguments', () => {
    const h = harness(['k'], [
      { name: 'n', fn: 'count' },
      { name: 'c', fn: 'count', field: 'v' },
      { name: 's', fn: 'sum', field: 'v' },
      { name: 'lo', fn: 'min', field: 'v' },
      { name: 'hi', fn: 'max', field: 'v' },
      { name: 'avg', fn: 'avg', field: 'v', integer: true },
      { name: 'sd', fn: 'sum', field: 'v', distinct: true },
    ]);
    h.processElement({ k: 1, v: null }).processElement({ k: 1, v: 4 }).processElement({ k: 1, v: 1 }).processElement({ k: 1, v: 4 });
    expect(h.changelog().at(0)).toEqual(['+I', { k: 1, n: 1, c: 0, s: null, lo: null, hi: null, avg: null, sd: null }]);
    expect(h.changelog().at(-1)).toEqual(['+U', { k: 1, n: 4, c: 3, s: 9, lo: 1, hi: 4, avg: 3, sd: 5 }]);
  });

  it('retracts -U/-D input: a changed result is -U/+U, a group whose count drops to 0 is -D and forgets its state, a retraction of an unknown key is ignored', () => {
    const h = harness(['k'], [{ name: 's', fn: 'sum', field: 'v' }, { name: 'lo', fn: 'min', field: 'v' }]);
    h.processRow('-D', { k: 'x', v: 1 });
    h.processRow('+I', { k: 'a', v: 2 }).processRow('+I', { k: 'a', v: 1 });
    h.processRow('-U', { k: 'a', v: 1 }).processRow('+U', { k: 'a', v: 7 });
    h.processRow('-D', { k: 'a', v: 2 }).processRow('-D', { k: 'a', v: 7 });
    h.processRow('+I', { k: 'a', v: 9 });
    expect(h.changelog()).toEqual([
      ['+I', { k: 'a', s: 2, lo: 2 }],
      ['-U', { k: 'a', s: 2, lo: 2 }],
      ['+U', { k: 'a', s: 3, lo: 1 }],
      ['-U', { k: 'a', s: 3, lo: 1 }],
      ['+U', { k: 'a', s: 2, lo: 2 }],
      ['-U', { k: 'a', s: 2, lo: 2 }],
      ['+U', { k: 'a', s: 9, lo: 2 }],
      ['-U', { k: 'a', s: 9, lo: 2 }],
      ['+U', { k: 'a', s: 7, lo: 7 }],
      ['-D', { k: 'a', s: 7, lo: 7 }],
      // After the -D the group starts afresh: +I.
      ['+I', { k: 'a', s: 9, lo: 9 }],
    ]);
  });

  it('keeps its accumulators in keyed state: a restored operator continues the changelog', () => {
    const h = harness(['k'], [{ name: 'avg', fn: 'avg', field: 'v' }]);
    h.processElement({ k: 'a', v: 1 }).processElement({ k: 'b', v: 10 });
    const snap = h.snapshot();
    const restored = harness(['k'], [{ name: 'avg', fn: 'avg', field: 'v' }]).restore(snap);
    restored.processElement({ k: 'a', v: 2 });
    expect(restored.changelog()).toEqual([
      ['-U', { k: 'a', avg: 1 }],
      ['+U', { k: 'a', avg: 1.5 }],
    ]);
  });

  it('names the node and field when SUM meets a value that is not a number', () => {
    const h = harness(['k'], [{ name: 's', fn: 'sum', field: 'v' }]);
    expect(() => h.processElement({ k: 'a', v: 'x' })).toThrow(/groupAggregate node "g", params\.aggregates\[0\]\.field: sum needs numbers in "v", got "x"/);
  });
});
