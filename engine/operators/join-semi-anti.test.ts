import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { SemiAntiJoinOperator } from './join-semi-anti.js';

/** Left rows `{ k, v }`, right rows `{ k, w }`, keyed by k; results printed as "kind v". */
const harness = (type: 'semi' | 'anti', condition?: string) =>
  new OperatorHarness(new SemiAntiJoinOperator(), {
    nodeId: 'j',
    kind: 'join.semiAnti',
    params: { type, leftKey: 'k', rightKey: 'k', ...(condition ? { condition } : {}) },
    keys: ['k', 'k'],
  });
const L = 0 as const;
const R = 1 as const;
const changes = (h: OperatorHarness) => h.changelog().map(([op, v]) => `${op} ${(v as { v: unknown }).v}`);

describe('join.semiAnti (Flink StreamingSemiAntiJoinOperator)', () => {
  it('semi: a left row passes when a right row of its key is there, or once its first match arrives (never twice)', () => {
    const h = harness('semi');
    h.processRow('+I', { k: 1, w: 'x' }, 0, R).processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 2, v: 'b' }, 0, L);
    h.processRow('+I', { k: 2, w: 'y' }, 0, R).processRow('+I', { k: 2, w: 'z' }, 0, R).processRow('+I', { k: 3, v: 'c' }, 0, L);
    expect(changes(h)).toEqual(['+I a', '+I b']);
  });

  it('semi: retracting the last match retracts the left row with the right row\'s kind; a match coming back re-emits it', () => {
    const h = harness('semi');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, w: 'x' }, 0, R).processRow('+I', { k: 1, w: 'y' }, 0, R);
    h.processRow('-D', { k: 1, w: 'x' }, 0, R).processRow('-U', { k: 1, w: 'y' }, 0, R).processRow('+U', { k: 1, w: 'y2' }, 0, R);
    expect(changes(h)).toEqual(['+I a', '-U a', '+U a']);
  });

  it('anti: a left row passes while nothing matches; the first match retracts it (-D), the last match retracted brings it back (+I)', () => {
    const h = harness('anti');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, w: 'x' }, 0, R).processRow('+I', { k: 1, w: 'y' }, 0, R);
    h.processRow('-D', { k: 1, w: 'x' }, 0, R).processRow('-U', { k: 1, w: 'y' }, 0, R).processRow('+I', { k: 1, v: 'b' }, 0, L).processRow('+I', { k: 2, v: 'c' }, 0, L);
    expect(changes(h)).toEqual(['+I a', '-D a', '+I a', '+I b', '+I c']);
  });

  it('a changelog left input keeps its kinds: a -U / +U of a row passes as it matches now', () => {
    const h = harness('semi');
    h.processRow('+I', { k: 1, w: 'x' }, 0, R).processRow('+I', { k: 1, v: 1 }, 0, L).processRow('-U', { k: 1, v: 1 }, 0, L).processRow('+U', { k: 1, v: 2 }, 0, L);
    h.processRow('-D', { k: 1, w: 'x' }, 0, R);
    expect(changes(h)).toEqual(['+I 1', '-U 1', '+U 2', '-D 2']);
  });

  it('duplicate left rows are emitted once per copy when they flip', () => {
    const h = harness('anti');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, w: 'x' }, 0, R);
    expect(changes(h)).toEqual(['+I a', '+I a', '-D a', '-D a']);
  });

  it('the condition decides what matches: an ANTI row stays while only its key is equal', () => {
    const h = harness('anti', '(l, r) => r.w > l.v');
    h.processRow('+I', { k: 1, v: 5 }, 0, L).processRow('+I', { k: 1, w: 3 }, 0, R).processRow('+I', { k: 1, w: 9 }, 0, R).processRow('-D', { k: 1, w: 9 }, 0, R);
    expect(changes(h)).toEqual(['+I 5', '-D 5', '+I 5']);
  });

  it('restores both sides and the associations from a snapshot', () => {
    const h = harness('semi');
    h.processRow('+I', { k: 1, v: 'a' }, 0, L).processRow('+I', { k: 1, w: 'x' }, 0, R);
    const snapshot = h.snapshot();
    const g = harness('semi');
    g.restore(snapshot);
    g.processRow('+I', { k: 1, w: 'y' }, 0, R).processRow('-D', { k: 1, w: 'x' }, 0, R).processRow('-D', { k: 1, w: 'y' }, 0, R).processRow('+I', { k: 1, v: 'b' }, 0, L);
    expect(changes(g)).toEqual(['-D a']);
  });
});
