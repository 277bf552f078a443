import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { RegularJoinOperator } from './join-regular.js';

/** Rows `{ k, v }` on both sides, keyed by k; results printed as [kind, left v, right v]. */
const harness = (type: string, condition?: string) =>
  new OperatorHarness(new RegularJoinOperator(), {
    nodeId: 'j',
    kind: 'join.regular',
    params: { type, leftKey: 'k', rightKey: 'k', ...(condition ? { condition } : {}) },
    keys: ['k', 'k'],
  });
const L = 0 as const;
const R = 1 as const;
const changes = (h: OperatorHarness) =>
  h.changelog().map(([op, v]) => {
    const { left, right } = v as { left: { v: unknown } | null; right: { v: unknown } | null };
    return `${op} ${left === null ? 'null' : left.v} ${right === null ? 'null' : right.v}`;
  });

describe('join.regular (Flink StreamingJoinOperator, JoinHelper.processJoin)', () => {
  it('inner: every pair with equal keys, whichever side comes first; no match emits nothing', () => {
    const h = harness('inner');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 2, v: 'x' }, 0, R).processRow('+I', { k: 1, v: 'b' }, 0, R).processRow('+I', { k: 1, v: 'c' }, 0, R).processRow('+I', { k: 1, v: 'd' }, 0, L);
    expect(changes(h)).toEqual(['+I a b', '+I a c', '+I d b', '+I d c']);
  });

  it('inner forwards the input row kind: +U / -U of a changelog input give +U / -U pairs', () => {
    const h = harness('inner');
    h.processRow('+I', { k: 1, v: 'r' }, 0, R).processRow('+I', { k: 1, v: 1 }, 0, L).processRow('-U', { k: 1, v: 1 }, 0, L).processRow('+U', { k: 1, v: 2 }, 0, L).processRow('-D', { k: 1, v: 'r' }, 0, R);
    expect(changes(h)).toEqual(['+I 1 r', '-U 1 r', '+U 2 r', '-D 2 r']);
  });

  it('left: +I padded when nothing matches; the first match retracts it (-D) before +I of the pair; the last match retracted brings it back', () => {
    const h = harness('left');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L);
    h.processRow('+I', { k: 1, v: 'x' }, 0, R).processRow('+I', { k: 1, v: 'y' }, 0, R);
    h.processRow('-D', { k: 1, v: 'x' }, 0, R).processRow('-U', { k: 1, v: 'y' }, 0, R);
    expect(changes(h)).toEqual(['+I a null', '-D a null', '+I a x', '+I a y', '-D a x', '-U a y', '+I a null']);
  });

  it('left: a left row arriving after its matches is +I per match (no padding); its retraction is -D per match', () => {
    const h = harness('left');
    h.processRow('+I', { k: 1, v: 'x' }, 0, R).processRow('+I', { k: 1, v: 'y' }, 0, R).processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('-D', { k: 1, v: 'a' }, 0, L).processRow('-D', { k: 2, v: 'b' }, 0, L);
    expect(changes(h)).toEqual(['+I a x', '+I a y', '-D a x', '-D a y', '-D b null']);
  });

  it('full: both sides padded until they match; a second match of a row does not retract its padding again', () => {
    const h = harness('full');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, v: 'x' }, 0, R).processRow('+I', { k: 1, v: 'b' }, 0, L).processRow('+I', { k: 2, v: 'z' }, 0, R);
    expect(changes(h)).toEqual(['+I a null', '-D a null', '+I a x', '+I b x', '+I null z']);
  });

  it('right: the mirror image of left', () => {
    const h = harness('right');
    h.processRow('+I', { k: 1, v: 'x' }, 0, R).processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('-D', { k: 1, v: 'a' }, 0, L);
    expect(changes(h)).toEqual(['+I null x', '-D null x', '+I a x', '-D a x', '+I null x']);
  });

  it('the condition decides what matches, so an outer row stays padded when only the key is equal', () => {
    const h = harness('left', '(l, r) => r.v !== "no"');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, v: 'no' }, 0, R).processRow('+I', { k: 1, v: 'yes' }, 0, R);
    expect(changes(h)).toEqual(['+I a null', '-D a null', '+I a yes']);
  });

  it('keeps duplicate rows with their multiplicity: two equal left rows join twice, one retraction leaves one', () => {
    const h = harness('inner');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('-D', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, v: 'x' }, 0, R);
    expect(changes(h)).toEqual(['+I a x']);
  });

  it('restores its state from a snapshot', () => {
    const h = harness('left');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L);
    const snap = h.snapshot();
    const h2 = harness('left').restore(snap);
    h2.processRow('+I', { k: 1, v: 'x' }, 0, R);
    expect(changes(h2)).toEqual(['-D a null', '+I a x']);
  });
});
