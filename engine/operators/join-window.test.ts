import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { WindowJoinOperator } from './join-window.js';

const tumbling = { type: 'tumbling', sizeMs: 1000, offsetMs: 0, time: 'event' };

function joinHarness(window: Record<string, any>, code = '(l, r) => `${l.n}-${r.n}`') {
  return new OperatorHarness(new WindowJoinOperator(), {
    nodeId: 'j1',
    kind: 'join.window',
    params: { window, leftKey: 'id', rightKey: 'uid', code },
    keys: ['id', 'uid'],
  });
}
const left = (id: string, n: string) => ({ id, n });
const right = (uid: string, n: string) => ({ uid, n });

describe('join.window', () => {
  it('emits code(l, r) for every pair of a key in a window, lefts outer, both in arrival order', () => {
    const h = joinHarness({ assigner: tumbling });
    h.processElement(left('x', 'L1'), 10, 0).processElement(right('x', 'R1'), 20, 1);
    h.processElement(left('x', 'L2'), 30, 0).processElement(right('x', 'R2'), 40, 1);
    h.processWatermark(999);
    expect(h.recordsWithTimestamps()).toEqual([
      ['L1-R1', 999],
      ['L1-R2', 999],
      ['L2-R1', 999],
      ['L2-R2', 999],
    ]);
  });

  it('joins only records with equal keys taken from each side’s own key field', () => {
    const h = joinHarness({ assigner: tumbling });
    h.processElement(left('x', 'Lx'), 1, 0).processElement(left('y', 'Ly'), 2, 0);
    h.processElement(right('y', 'Ry'), 3, 1).processElement(right('z', 'Rz'), 4, 1);
    h.processWatermark(999);
    expect(h.records()).toEqual(['Ly-Ry']);
  });

  it('joins only records that share a window', () => {
    const h = joinHarness({ assigner: tumbling });
    h.processElement(left('x', 'L0'), 999, 0).processElement(right('x', 'R1'), 1000, 1);
    h.processWatermark(5000);
    expect(h.records()).toEqual([]);
  });

  it('emits nothing for a window with records from one side only', () => {
    const h = joinHarness({ assigner: tumbling });
    h.processElement(left('x', 'L'), 1, 0).processElement(left('x', 'L'), 2, 0).processWatermark(999);
    expect(h.records()).toEqual([]);
  });

  it('joins in every sliding window both records fall in', () => {
    const h = joinHarness({ assigner: { type: 'sliding', sizeMs: 2000, slideMs: 1000, offsetMs: 0, time: 'event' } });
    h.processElement(left('x', 'L'), 1500, 0).processElement(right('x', 'R'), 1800, 1);
    h.processWatermark(5000);
    expect(h.recordsWithTimestamps()).toEqual([
      ['L-R', 1999],
      ['L-R', 2999],
    ]);
  });

  it('joins across sessions that merge, whichever side opened them', () => {
    const h = joinHarness({ assigner: { type: 'session', gapMs: 100, time: 'event' } });
    h.processElement(left('x', 'L1'), 0, 0).processElement(right('x', 'R1'), 150, 1).processElement(left('x', 'L2'), 90, 0);
    h.processWatermark(1000);
    expect(h.recordsWithTimestamps()).toEqual([
      ['L1-R1', 249],
      ['L2-R1', 249],
    ]);
  });

  it('drops records for windows already fired and gone', () => {
    const h = joinHarness({ assigner: tumbling });
    h.processElement(left('x', 'L'), 1, 0).processWatermark(999);
    h.processElement(right('x', 'R'), 2, 1).processWatermark(5000);
    expect(h.records()).toEqual([]);
    expect(h.output.filter((e) => e.kind === 'side')).toEqual([]);
  });

  it('joins late records with the accumulated window within the allowed lateness', () => {
    const h = joinHarness({ assigner: tumbling, allowedLatenessMs: 500 });
    h.processElement(left('x', 'L'), 1, 0).processElement(right('x', 'R1'), 2, 1).processWatermark(999);
    h.processElement(right('x', 'R2'), 3, 1);
    expect(h.records()).toEqual(['L-R1', 'L-R1', 'L-R2']);
  });

  it('fires on the given trigger and applies the evictor to both sides together', () => {
    const h = joinHarness({ assigner: { type: 'global' }, trigger: { type: 'count', count: 3 }, evictor: { type: 'count', count: 2 } });
    h.processElement(left('x', 'L1'), 1, 0).processElement(left('x', 'L2'), 2, 0).processElement(right('x', 'R1'), 3, 1);
    expect(h.records()).toEqual(['L2-R1']);
  });

  it('skips undefined join results', () => {
    const h = joinHarness({ assigner: tumbling }, '(l, r) => (l.n === "L1" ? undefined : l.n + r.n)');
    h.processElement(left('x', 'L1'), 1, 0).processElement(left('x', 'L2'), 2, 0).processElement(right('x', 'R'), 3, 1);
    h.processWatermark(999);
    expect(h.records()).toEqual(['L2R']);
  });

  it('continues after a restore from a snapshot', () => {
    const window = { assigner: tumbling };
    const h = joinHarness(window);
    h.processElement(left('x', 'L'), 1, 0);
    const r = joinHarness(window).restore(h.snapshot());
    r.processElement(right('x', 'R'), 2, 1).processWatermark(999);
    expect(r.records()).toEqual(['L-R']);
  });

  it('names params.window when the window is missing', () => {
    expect(
      () => new OperatorHarness(new WindowJoinOperator(), { nodeId: 'j1', params: { code: '(l, r) => l' }, keys: ['id', 'uid'] }),
    ).toThrow(/params\.window/);
  });
});
