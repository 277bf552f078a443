import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { IntervalJoinOperator } from './join-interval.js';
import { NO_TIMESTAMP } from './operator.js';

/**
 * A two-input driver in the style of Flink's IntervalJoinOperatorTest: per-input watermarks,
 * combined (minimum) before they reach the operator, as the runtime's valve does.
 */
function setup(lowerMs: number, upperMs: number, code = '(l, r) => [l.ts, r.ts]', late: { leftLateOutput?: string; rightLateOutput?: string } = {}) {
  const h = new OperatorHarness(new IntervalJoinOperator(), {
    nodeId: 'j1',
    kind: 'join.interval',
    params: { lowerMs, upperMs, leftKey: 'key', rightKey: 'key', code, ...late },
    keys: ['key', 'key'],
  });
  const marks = [-Infinity, -Infinity];
  let combined = -Infinity;
  const d = {
    h,
    left(ts: number) {
      h.processElement({ key: 'k', side: 'lhs', ts }, ts, 0);
      return d;
    },
    right(ts: number) {
      h.processElement({ key: 'k', side: 'rhs', ts }, ts, 1);
      return d;
    },
    watermark(input: 0 | 1, wm: number) {
      marks[input] = wm;
      const min = Math.min(marks[0]!, marks[1]!);
      if (min > combined) h.processWatermark((combined = min));
      return d;
    },
    /** Elements and watermarks 1..4 on both sides, one side entirely before the other. */
    both(leftFirst: boolean) {
      const sides: Array<0 | 1> = leftFirst ? [0, 1] : [1, 0];
      for (const s of sides) for (let i = 1; i <= 4; i++) (s === 0 ? d.left(i) : d.right(i)).watermark(s, i);
      return d;
    },
    /** Joined [leftTs, rightTs] pairs with their timestamps, sorted (Flink compares as sets). */
    pairs() {
      return (h.recordsWithTimestamps() as Array<[[number, number], number]>).sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1]);
    },
    buffer(name: 'left' | 'right') {
      const backend = h.context.keyed!.backend;
      backend.setCurrentKey('k');
      return (backend.table(name).namespaces() as number[]).sort((a, b) => a - b);
    },
  };
  return d;
}

const expected = (...pairs: Array<[number, number]>) => pairs.map((p) => [p, Math.max(p[0], p[1])]);

describe.each([true, false])('join.interval (left input first: %s)', (leftFirst) => {
  it('joins with both bounds inclusive (lower 1, upper 2)', () => {
    expect(setup(1, 2).both(leftFirst).pairs()).toEqual(expected([1, 2], [1, 3], [2, 3], [2, 4], [3, 4]));
  });

  it('mirrors the bounds (lower -2, upper -1)', () => {
    expect(setup(-2, -1).both(leftFirst).pairs()).toEqual(expected([2, 1], [3, 1], [3, 2], [4, 2], [4, 3]));
  });

  it('joins with a negative lower and positive upper bound (-1, 1)', () => {
    expect(setup(-1, 1).both(leftFirst).pairs()).toEqual(
      expected([1, 1], [1, 2], [2, 1], [2, 2], [2, 3], [3, 2], [3, 3], [3, 4], [4, 3], [4, 4]),
    );
  });

  it('joins exactly equal timestamps with bounds (0, 0)', () => {
    expect(setup(0, 0).both(leftFirst).pairs()).toEqual(expected([1, 1], [2, 2], [3, 3], [4, 4]));
  });

  it('joins a single offset with bounds (-2, -2)', () => {
    expect(setup(-2, -2).both(leftFirst).pairs()).toEqual(expected([3, 1], [4, 2]));
  });
});

describe('join.interval', () => {
  it('emits results with the later of the two timestamps', () => {
    const d = setup(-5, 5).left(10).right(7).right(13);
    expect(d.h.recordsWithTimestamps()).toEqual([
      [[10, 7], 10],
      [[10, 13], 13],
    ]);
  });

  it('only joins records of the same key', () => {
    const d = setup(0, 0);
    d.h.processElement({ key: 'a', ts: 1 }, 1, 0).processElement({ key: 'b', ts: 1 }, 1, 1);
    expect(d.h.records()).toEqual([]);
  });

  it('drops records below the watermark without joining them', () => {
    const d = setup(-1, 1);
    d.left(1).right(1).left(2).right(2).left(3).right(3).watermark(0, 3).watermark(1, 3);
    d.left(1).left(4).right(4).left(5).right(5);
    expect(d.pairs()).toEqual(
      expected([1, 1], [1, 2], [2, 1], [2, 2], [2, 3], [3, 2], [3, 3], [3, 4], [4, 3], [4, 4], [4, 5], [5, 4], [5, 5]),
    );
    expect(d.buffer('left')).not.toContain(1);
  });

  it('sends records below the watermark to leftLateOutput / rightLateOutput with their own timestamps (sideOutputLeftLateData / sideOutputRightLateData)', () => {
    const d = setup(-1, 1, undefined, { leftLateOutput: 'late-left', rightLateOutput: 'late-right' });
    d.left(1).right(1).left(2).right(2).left(3).right(3).watermark(0, 3).watermark(1, 3);
    d.left(1).right(2).left(3).right(3).left(4).right(4);
    expect(d.h.output.filter((e) => e.kind === 'side')).toEqual([
      { kind: 'side', tag: 'late-left', value: { key: 'k', side: 'lhs', ts: 1 }, timestamp: 1 },
      { kind: 'side', tag: 'late-right', value: { key: 'k', side: 'rhs', ts: 2 }, timestamp: 2 },
    ]);
    // Late records join nothing and are not buffered; a record at the watermark is not late.
    expect(d.pairs()).toEqual(
      expected([1, 1], [1, 2], [2, 1], [2, 2], [2, 3], [3, 2], [3, 3], [3, 3], [3, 3], [3, 3], [3, 4], [3, 4], [4, 3], [4, 3], [4, 4]),
    );
    expect(d.buffer('left')).not.toContain(1);
    expect(d.buffer('right')).not.toContain(2);
  });

  it('drops late records of a side without a late output, while the other side\'s leave on theirs', () => {
    const d = setup(0, 0, undefined, { leftLateOutput: 'late' });
    d.left(5).right(5).watermark(0, 5).watermark(1, 5);
    d.left(2).right(3);
    expect(d.h.output.filter((e) => e.kind === 'side')).toEqual([{ kind: 'side', tag: 'late', value: { key: 'k', side: 'lhs', ts: 2 }, timestamp: 2 }]);
    expect(d.pairs()).toEqual(expected([5, 5]));
  });

  it('cleans state as Flink does with lower -1, upper 0', () => {
    const d = setup(-1, 0);
    for (let i = 1; i <= 5; i++) d.left(i);
    for (let i = 1; i <= 5; i++) d.right(i);
    d.watermark(0, 1).watermark(1, 1);
    expect(d.buffer('left')).toEqual([2, 3, 4, 5]);
    expect(d.buffer('right')).toEqual([1, 2, 3, 4, 5]);
    d.watermark(0, 4).watermark(1, 4);
    expect(d.buffer('left')).toEqual([5]);
    expect(d.buffer('right')).toEqual([4, 5]);
    d.watermark(0, 6).watermark(1, 6);
    expect(d.buffer('left')).toEqual([]);
    expect(d.buffer('right')).toEqual([]);
    expect(d.h.context.keyed!.backend.numKeys()).toBe(0);
  });

  it('cleans state as Flink does with lower 0, upper 1', () => {
    const d = setup(0, 1);
    for (let i = 1; i <= 5; i++) d.left(i);
    for (let i = 1; i <= 5; i++) d.right(i);
    d.watermark(0, 1).watermark(1, 1);
    expect(d.buffer('left')).toEqual([1, 2, 3, 4, 5]);
    expect(d.buffer('right')).toEqual([2, 3, 4, 5]);
    d.watermark(0, 4).watermark(1, 4);
    expect(d.buffer('left')).toEqual([4, 5]);
    expect(d.buffer('right')).toEqual([5]);
    d.watermark(0, 6).watermark(1, 6);
    expect(d.buffer('left')).toEqual([]);
    expect(d.buffer('right')).toEqual([]);
  });

  it('continues from a snapshot: buffers and cleanup timers survive', () => {
    const d = setup(-1, 1);
    for (let i = 1; i <= 3; i++) d.left(i).watermark(0, i).right(i).watermark(1, i);
    expect(d.pairs()).toEqual(expected([1, 1], [1, 2], [2, 1], [2, 2], [2, 3], [3, 2], [3, 3]));
    const snapshot = d.h.snapshot();

    const r = setup(-1, 1);
    r.h.restore(snapshot);
    r.left(4).watermark(0, 4).right(4).watermark(1, 4);
    expect(r.pairs()).toEqual(expected([3, 4], [4, 3], [4, 4]));
    expect(r.buffer('left')).toEqual([4]);
  });

  it('fails on a record without a timestamp', () => {
    const d = setup(0, 0);
    expect(() => d.h.processElement({ key: 'k' }, NO_TIMESTAMP, 0)).toThrow(/join\.interval node "j1": records need event timestamps/);
  });

  it('refuses lowerMs greater than upperMs', () => {
    expect(() => setup(2, 1)).toThrow(/params\.lowerMs: must not be greater than params\.upperMs/);
  });

  it('gives the function Flink\'s ProcessJoinFunction.Context: left, right and pair timestamps (max of both)', () => {
    const code = '(l, r, ctx) => [ctx.leftTimestamp, ctx.rightTimestamp, ctx.timestamp]';
    const d = setup(-5, 5, code).left(10).right(7).right(13).left(12);
    expect(d.h.recordsWithTimestamps()).toEqual([
      [[10, 7, 10], 10],
      [[10, 13, 13], 13],
      [[12, 7, 12], 12],
      [[12, 13, 13], 13],
    ]);
  });

  it('emits ctx.output side outputs with the pair timestamp, as Flink\'s ContextImpl.output', () => {
    const code = '(l, r, ctx) => { if (r.ts < l.ts) { ctx.output("early", [l.ts, r.ts]); return undefined; } return [l.ts, r.ts]; }';
    const d = setup(-5, 5, code).left(10).right(7).right(13);
    expect(d.h.recordsWithTimestamps()).toEqual([[[10, 13], 13]]);
    expect(d.h.output.filter((e) => e.kind === 'side')).toEqual([{ kind: 'side', tag: 'early', value: [10, 7], timestamp: 10 }]);
  });

  it('collects any number of results per pair through out (Flink\'s Collector), out.output as ctx.output', () => {
    const code = '(l, r, ctx, out) => { out.collect("a"); out.collect("b"); out.output("s", "c"); }';
    const d = setup(0, 5, code).left(1).right(4);
    expect(d.h.recordsWithTimestamps()).toEqual([
      ['a', 4],
      ['b', 4],
    ]);
    expect(d.h.output.filter((e) => e.kind === 'side')).toEqual([{ kind: 'side', tag: 's', value: 'c', timestamp: 4 }]);
  });

  it('refuses the main output\'s name as a side-output tag', () => {
    const d = setup(0, 0, '(l, r, ctx) => ctx.output("out", 1)');
    expect(() => d.left(1).right(1)).toThrow(/ctx\.output\(tag, value\): "out" is the main output/);
  });
});
