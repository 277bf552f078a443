import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { SqlIntervalJoinOperator } from './join-sql-interval.js';

/** `r.ts ∈ [l.ts + lower, l.ts + upper]`; rows `{ k, id }`, results as "left right" ids. */
const harness = (type: string, lowerMs: number, upperMs: number, condition?: string) =>
  new OperatorHarness(new SqlIntervalJoinOperator(), {
    nodeId: 'j',
    kind: 'join.sqlInterval',
    params: { type, lowerMs, upperMs, leftKey: 'k', rightKey: 'k', ...(condition ? { condition } : {}) },
    keys: ['k', 'k'],
  });
const pairs = (h: OperatorHarness) =>
  h.changelog().map(([op, v]) => {
    const { left, right } = v as { left: { id: unknown } | null; right: { id: unknown } | null };
    return `${op} ${left === null ? 'null' : left.id} ${right === null ? 'null' : right.id}`;
  });

describe('join.sqlInterval (Flink SQL TimeIntervalJoin, event time)', () => {
  it('inner: pairs within both bounds (inclusive), either side first, append-only', () => {
    const h = harness('inner', -1000, 2000);
    h.processElement({ k: 1, id: 'l1' }, 10_000, 0);
    h.processElement({ k: 1, id: 'r-early' }, 8_999, 1).processElement({ k: 1, id: 'r-lo' }, 9_000, 1).processElement({ k: 1, id: 'r-hi' }, 12_000, 1).processElement({ k: 1, id: 'r-late' }, 12_001, 1);
    h.processElement({ k: 1, id: 'l2' }, 11_000, 0).processElement({ k: 2, id: 'l3' }, 11_000, 0);
    expect(pairs(h).sort()).toEqual(['+I l1 r-hi', '+I l1 r-lo', '+I l2 r-hi', '+I l2 r-late'].sort());
  });

  it('left: a row that matched nothing comes padded once the watermark passes its interval — not before', () => {
    const h = harness('left', 0, 5000);
    h.processElement({ k: 1, id: 'a' }, 1000, 0).processElement({ k: 1, id: 'b' }, 2000, 0).processElement({ k: 1, id: 'x' }, 3000, 1);
    h.processWatermark(5000);
    expect(pairs(h)).toEqual(['+I a x', '+I b x']);
    h.processElement({ k: 1, id: 'c' }, 6000, 0);
    h.processWatermark(20_000);
    expect(pairs(h)).toEqual(['+I a x', '+I b x', '+I c null']);
  });

  it('a row whose interval the watermark has passed is not dropped: it joins what is still cached, and an outer one is padded at once', () => {
    const h = harness('left', 0, 1000);
    h.processElement({ k: 1, id: 'x' }, 5000, 1);
    h.processWatermark(4500);
    h.processElement({ k: 1, id: 'late-match' }, 4200, 0).processElement({ k: 1, id: 'late-alone' }, 1000, 0);
    expect(pairs(h)).toEqual(['+I late-match x', '+I late-alone null']);
  });

  it('right and full: unmatched rows of the outer sides are padded at the end of input (the maximal watermark)', () => {
    const r = harness('right', -1000, 1000);
    r.processElement({ k: 1, id: 'a' }, 1000, 0).processElement({ k: 1, id: 'x' }, 1500, 1).processElement({ k: 1, id: 'y' }, 9000, 1);
    r.processWatermark(Number.POSITIVE_INFINITY);
    expect(pairs(r)).toEqual(['+I a x', '+I null y']);
    const f = harness('full', -1000, 1000, '(l, r) => r.id !== "x"');
    f.processElement({ k: 1, id: 'a' }, 1000, 0).processElement({ k: 1, id: 'x' }, 1500, 1).processElement({ k: 2, id: 'z' }, 1500, 1);
    f.processWatermark(Number.POSITIVE_INFINITY);
    expect(pairs(f).sort()).toEqual(['+I a null', '+I null x', '+I null z']);
  });

  it('holds the watermark back by the larger relative size (Flink\'s KeyedCoProcessOperatorWithWatermarkDelay)', () => {
    const h = harness('inner', -1000, 3000);
    h.processWatermark(10_000).processWatermark(Number.POSITIVE_INFINITY);
    expect(h.watermarks()).toEqual([7000, Number.POSITIVE_INFINITY]);
  });

  it('restores its cache and timers from a snapshot', () => {
    const h = harness('left', 0, 1000);
    h.processElement({ k: 1, id: 'a' }, 1000, 0);
    const h2 = harness('left', 0, 1000).restore(h.snapshot());
    h2.processWatermark(Number.POSITIVE_INFINITY);
    expect(pairs(h2)).toEqual(['+I a null']);
  });
});
