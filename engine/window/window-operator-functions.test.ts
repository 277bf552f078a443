/** Window functions (aggregate, reduce, process), windowAll, evictors, and what state they keep. */
import { describe, expect, it } from 'vitest';
import { WINDOW_CONTENTS_STATE } from './window-contents.js';
import { rec, windowHarness } from './window-harness.js';

const tumbling = { type: 'tumbling', sizeMs: 1000, offsetMs: 0, time: 'event' };
const agg = (fn: string, field?: string) => ({ assigner: tumbling, function: { type: 'aggregate', fn, field } });
const process = (code: string, extra: Record<string, any> = {}) => ({ assigner: tumbling, function: { type: 'process', code }, ...extra });

/** Feeds {k:'a', v, w} records at ts 1, 2, 3 … and fires the window [0, 1000). */
function run(params: Record<string, any>, records: unknown[], options: { windowAll?: boolean } = {}) {
  const h = windowHarness(params, options);
  records.forEach((r, i) => { h.processElement(r, i + 1); });
  h.processWatermark(999);
  return h;
}
const values = (h: ReturnType<typeof windowHarness>) => h.records().map((r: any) => r.value);
const contentsOf = (h: ReturnType<typeof windowHarness>, key: string, ns: string) => {
  const backend = h.context.keyed!.backend;
  backend.setCurrentKey(key);
  return backend.table(WINDOW_CONTENTS_STATE).get(ns);
};

describe('window operator: built-in aggregates', () => {
  const nums = [rec('a', 4), rec('a', -2), rec('a', 7), rec('a', 1)];

  it('sums the field and emits {key, windowStart, windowEnd, value} at end − 1', () => {
    const h = run(agg('sum', 'v'), nums);
    expect(h.recordsWithTimestamps()).toEqual([[{ key: 'a', windowStart: 0, windowEnd: 1000, value: 10 }, 999]]);
  });

  it('takes the minimum and the maximum of the field', () => {
    expect(values(run(agg('min', 'v'), nums))).toEqual([-2]);
    expect(values(run(agg('max', 'v'), nums))).toEqual([7]);
  });

  it('counts elements, with no field needed', () => {
    expect(values(run(agg('count'), nums))).toEqual([4]);
  });

  it('averages the field', () => {
    expect(values(run(agg('avg', 'v'), nums))).toEqual([2.5]);
  });

  it('emits the whole element with the minimum or maximum field, the first one winning ties', () => {
    const rs = [
      { k: 'a', v: 3, id: 1 },
      { k: 'a', v: 1, id: 2 },
      { k: 'a', v: 9, id: 3 },
      { k: 'a', v: 1, id: 4 },
      { k: 'a', v: 9, id: 5 },
    ];
    expect(values(run(agg('minBy', 'v'), rs))).toEqual([{ k: 'a', v: 1, id: 2 }]);
    expect(values(run(agg('maxBy', 'v'), rs))).toEqual([{ k: 'a', v: 9, id: 3 }]);
  });

  it('reads a dot-path field', () => {
    const rs = [
      { k: 'a', m: { x: 2 } },
      { k: 'a', m: { x: 5 } },
    ];
    expect(values(run(agg('sum', 'm.x'), rs))).toEqual([7]);
  });

  it('fails clearly when the field is not a number', () => {
    expect(() => run(agg('sum', 'v'), [{ k: 'a', v: 'x' }])).toThrow(/field "v" is not a number/);
  });

  it('keeps one accumulator per window instead of the elements', () => {
    const h = windowHarness(agg('sum', 'v'));
    h.processElement(rec('a', 1), 1).processElement(rec('a', 2), 2).processElement(rec('a', 3), 3);
    expect(contentsOf(h, 'a', '0:1000')).toBe(6);
  });

  it('leaves the key out for windowAll', () => {
    const h = run(agg('sum', 'v'), nums, { windowAll: true });
    expect(h.records()).toEqual([{ windowStart: 0, windowEnd: 1000, value: 10 }]);
  });

  it('rejects an unknown aggregate naming the field', () => {
    expect(() => windowHarness(agg('median', 'v'))).toThrow(/params\.function\.fn/);
  });
});

describe('window operator: reduce', () => {
  it('emits the reduced value itself, reduced in arrival order', () => {
    const h = run({ assigner: tumbling, function: { type: 'reduce', code: '(a, b) => ({ k: a.k, v: a.v * 10 + b.v })' } }, [
      rec('a', 1),
      rec('a', 2),
      rec('a', 3),
    ]);
    expect(h.recordsWithTimestamps()).toEqual([[{ k: 'a', v: 123 }, 999]]);
  });

  it('keeps only the running reduced value in state', () => {
    const h = windowHarness({ assigner: tumbling, function: { type: 'reduce', code: '(a, b) => ({ k: a.k, v: a.v + b.v })' } });
    h.processElement(rec('a', 1), 1).processElement(rec('a', 2), 2);
    expect(contentsOf(h, 'a', '0:1000')).toEqual(rec('a', 3));
  });
});

describe('window operator: process', () => {
  it('passes key, window, the elements in arrival order and a context with the watermark', () => {
    const code = '(key, w, els, ctx) => ({ key, w, vs: els.map((e) => e.v), wm: ctx.currentWatermark(), pt: ctx.currentProcessingTime() })';
    const h = run(process(code), [rec('a', 3), rec('a', 1), rec('a', 2)]);
    expect(h.recordsWithTimestamps()).toEqual([[{ key: 'a', w: { start: 0, end: 1000, maxTimestamp: 999 }, vs: [3, 1, 2], wm: 999, pt: 0 }, 999]]);
  });

  it('emits each item of an array result, nothing for undefined, and any other value as one record', () => {
    expect(run(process('(k, w, els) => els.map((e) => e.v)'), [rec('a', 1), rec('a', 2)]).records()).toEqual([1, 2]);
    expect(run(process('() => undefined'), [rec('a', 1)]).records()).toEqual([]);
    expect(run(process('(k, w, els) => els.length'), [rec('a', 1), rec('a', 2)]).records()).toEqual([2]);
    expect(run(process('() => null'), [rec('a', 1)]).records()).toEqual([null]);
  });

  it('lets the function sort its elements without reordering the window state', () => {
    const h = windowHarness(process('(k, w, els) => [els.sort((x, y) => x.v - y.v).map((e) => e.v)]', { allowedLatenessMs: 100 }));
    h.processElement(rec('a', 3), 1).processElement(rec('a', 1), 2).processWatermark(999);
    expect(contentsOf(h, 'a', '0:1000')).toEqual([rec('a', 3), rec('a', 1)]);
    h.processElement(rec('a', 2), 3);
    expect(h.records()).toEqual([
      [1, 3],
      [1, 2, 3],
    ]);
  });

  it('gives windowAll functions an undefined key', () => {
    expect(run(process('(key) => ({ key: key === undefined })'), [rec('a', 1)], { windowAll: true }).records()).toEqual([{ key: true }]);
  });

  it('describes the global window with null start and end', () => {
    const h = windowHarness({ assigner: { type: 'count', size: 1 }, function: { type: 'process', code: '(k, w) => w' } });
    h.processElement(rec('a', 1), 5);
    expect(h.records()).toEqual([{ start: null, end: null, maxTimestamp: Infinity }]);
  });

  it('lets an error thrown by the function propagate', () => {
    expect(() => run(process("() => { throw new Error('boom') }"), [rec('a', 1)])).toThrow('boom');
  });
});

describe('window operator: evictors', () => {
  it('keeps the last n elements with a count evictor, removing the evicted ones from state', () => {
    const h = windowHarness(process('(k, w, els) => [els.map((e) => e.v)]', { evictor: { type: 'count', count: 2 }, allowedLatenessMs: 100 }));
    [5, 6, 7].forEach((v, i) => { h.processElement(rec('a', v), i + 1); });
    h.processWatermark(999);
    expect(h.records()).toEqual([[6, 7]]);
    expect(contentsOf(h, 'a', '0:1000')).toEqual({ values: [rec('a', 6), rec('a', 7)], timestamps: [2, 3] });
  });

  it('keeps the elements within the evictor size of the newest with a time evictor', () => {
    const h = windowHarness({
      assigner: { type: 'tumbling', sizeMs: 10_000, offsetMs: 0, time: 'event' },
      evictor: { type: 'time', sizeMs: 2000 },
      function: { type: 'process', code: '(k, w, els) => [els.map((e) => e.v)]' },
    });
    h.processElement(rec('a', 1), 1000).processElement(rec('a', 2), 9000).processElement(rec('a', 3), 7000);
    h.processElement(rec('a', 4), 5000).processElement(rec('a', 5), 8000);
    h.processWatermark(9999);
    expect(h.records()).toEqual([[2, 5]]);
  });

  it('folds the remaining elements into aggregates after eviction', () => {
    const h = run({ ...agg('sum', 'v'), evictor: { type: 'count', count: 2 } }, [rec('a', 100), rec('a', 2), rec('a', 3)]);
    expect(values(h)).toEqual([5]);
  });

  it('evicts over merged session contents, older session first', () => {
    const h = windowHarness({
      assigner: { type: 'session', gapMs: 200, time: 'event' },
      evictor: { type: 'count', count: 2 },
      function: { type: 'process', code: '(k, w, els) => [els.map((e) => e.v)]' },
    });
    h.processElement(rec('a', 1), 0).processElement(rec('a', 2), 300).processElement(rec('a', 3), 150);
    h.processWatermark(1000);
    expect(h.records()).toEqual([[2, 3]]);
  });
});
