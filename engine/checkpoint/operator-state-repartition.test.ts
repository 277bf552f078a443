import { describe, expect, it } from 'vitest';
import type { OperatorStateSnapshot } from '../state/operator-state.js';
import { operatorStateFor } from './operator-state-repartition.js';

const all = (old: (OperatorStateSnapshot | undefined)[], newParallelism: number) =>
  Array.from({ length: newParallelism }, (_, i) => operatorStateFor(old, old.length, newParallelism, i));

describe('operatorStateFor (Flink RoundRobinOperatorStateRepartitioner)', () => {
  it('list state: each subtask keeps its own list at the same parallelism', () => {
    const old = [{ list: { buf: [1, 2] } }, { list: { buf: [3] } }];
    expect(all(old, 2)).toEqual(old);
  });

  it('list state: joined in subtask order and cut into even runs, the first ones one longer (1 → 3, 3 → 2)', () => {
    const p3 = all([{ list: { buf: ['a', 'b', 'c', 'd', 'e'] } }], 3);
    expect(p3.map((s) => s?.list?.buf)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    const p2 = all(p3, 2);
    expect(p2.map((s) => s?.list?.buf)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('list state: subtasks without elements still get an empty list, and the extra elements rotate over states in name order', () => {
    const old = [{ list: { a: [1, 2, 3, 4, 5], b: [10, 20, 30, 40] } }];
    const p3 = all(old, 3);
    // "a": 5 over 3 → subtasks 0 and 1 get one more; "b" starts its extra element at subtask 2.
    expect(p3.map((s) => s?.list?.a)).toEqual([[1, 2], [3, 4], [5]]);
    expect(p3.map((s) => s?.list?.b)).toEqual([[30], [40], [10, 20]]);
    expect(all([{ list: { a: [1] } }], 3).map((s) => s?.list?.a)).toEqual([[1], [], []]);
  });

  it('union list state: every subtask gets every element, also at the same parallelism', () => {
    const old = [{ union: { seen: ['x'] } }, undefined, { union: { seen: ['y', 'z'] } }];
    expect(all(old, 3).map((s) => s?.union?.seen)).toEqual([
      ['x', 'y', 'z'],
      ['x', 'y', 'z'],
      ['x', 'y', 'z'],
    ]);
    expect(all(old, 2).map((s) => s?.union?.seen)).toEqual([
      ['x', 'y', 'z'],
      ['x', 'y', 'z'],
    ]);
  });

  it('broadcast state: the own copy at the same parallelism, else copy i mod n', () => {
    const old = [{ broadcast: { rules: [['k', 0]] as [string, number][] } }, { broadcast: { rules: [['k', 1]] as [string, number][] } }];
    expect(all(old, 2).map((s) => s?.broadcast?.rules)).toEqual([[['k', 0]], [['k', 1]]]);
    expect(all(old, 3).map((s) => s?.broadcast?.rules)).toEqual([[['k', 0]], [['k', 1]], [['k', 0]]]);
    expect(all(old, 1).map((s) => s?.broadcast?.rules)).toEqual([[['k', 0]]]);
  });

  it('nothing for a node without operator state', () => {
    expect(all([undefined, {}], 3)).toEqual([undefined, undefined, undefined]);
  });
});
