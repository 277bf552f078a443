/** Event-time firing of tumbling and sliding windows (Flink's WindowOperatorTest cases). */
import { describe, expect, it } from 'vitest';
import { rec, sortedResults, windowHarness } from './window-harness.js';

const tumbling = (sizeMs: number, extra: Record<string, any> = {}) => ({
  assigner: { type: 'tumbling', sizeMs, offsetMs: 0, time: 'event' },
  ...extra,
});
const sliding = (sizeMs: number, slideMs: number, extra: Record<string, any> = {}) => ({
  assigner: { type: 'sliding', sizeMs, slideMs, offsetMs: 0, time: 'event' },
  ...extra,
});
const sum = (k: string, windowStart: number, windowEnd: number, value: number) => ({ key: k, windowStart, windowEnd, value });

/** Flink's out-of-order input for tumbling/sliding tests: key2 ×5 (one window later), key1 ×3. */
function feedFlinkInput(h: ReturnType<typeof windowHarness>) {
  h.processElement(rec('key2', 1), 3999)
    .processElement(rec('key2', 1), 3000)
    .processElement(rec('key1', 1), 20)
    .processElement(rec('key1', 1), 0)
    .processElement(rec('key1', 1), 999)
    .processElement(rec('key2', 1), 1998)
    .processElement(rec('key2', 1), 1999)
    .processElement(rec('key2', 1), 1000);
}

describe('window operator: event-time firing', () => {
  it('fires a tumbling window when the watermark reaches end − 1, not before', () => {
    const h = windowHarness(tumbling(1000));
    h.processElement(rec('a', 1), 10).processElement(rec('a', 2), 500);
    h.processWatermark(998);
    expect(h.records()).toEqual([]);
    h.processWatermark(999);
    expect(h.recordsWithTimestamps()).toEqual([[sum('a', 0, 1000, 3), 999]]);
  });

  it('emits results before forwarding the watermark that caused them', () => {
    const h = windowHarness(tumbling(1000));
    h.processElement(rec('a', 1), 10).processWatermark(1500);
    expect(h.output.map((e) => e.kind)).toEqual(['record', 'watermark']);
  });

  it('fires each key and window separately, out-of-order input included (tumbling 3 s)', () => {
    const h = windowHarness(tumbling(3000));
    feedFlinkInput(h);
    h.processWatermark(999).processWatermark(1999);
    expect(h.records()).toEqual([]);
    h.processWatermark(2999);
    expect(sortedResults(h)).toEqual([
      [sum('key1', 0, 3000, 3), 2999],
      [sum('key2', 0, 3000, 3), 2999],
    ]);
    h.clearOutput().processWatermark(3999).processWatermark(4999);
    expect(h.records()).toEqual([]);
    h.processWatermark(5999);
    expect(h.recordsWithTimestamps()).toEqual([[sum('key2', 3000, 6000, 2), 5999]]);
  });

  it('fires every sliding window an element belongs to (size 3 s, slide 1 s)', () => {
    const h = windowHarness(sliding(3000, 1000));
    feedFlinkInput(h);
    const at = (wm: number) => {
      h.clearOutput().processWatermark(wm);
      return sortedResults(h).map(([v, t]) => [(v as any).key, (v as any).value, t]);
    };
    expect(at(999)).toEqual([['key1', 3, 999]]);
    expect(at(1999)).toEqual([['key1', 3, 1999], ['key2', 3, 1999]]);
    expect(at(2999)).toEqual([['key1', 3, 2999], ['key2', 3, 2999]]);
    expect(at(3999)).toEqual([['key2', 5, 3999]]);
    expect(at(4999)).toEqual([['key2', 2, 4999]]);
    expect(at(5999)).toEqual([['key2', 2, 5999]]);
    expect(at(6999)).toEqual([]);
  });

  it('assigns sliding windows starting before zero: 5000/1000 at t = 0 fires five windows', () => {
    const h = windowHarness(sliding(5000, 1000));
    h.processElement(rec('a', 1), 0).processWatermark(10_000);
    expect(h.records().map((r: any) => r.windowStart)).toEqual([-4000, -3000, -2000, -1000, 0]);
  });

  it('aligns tumbling windows to the offset', () => {
    const h = windowHarness({ assigner: { type: 'tumbling', sizeMs: 7, offsetMs: 3, time: 'event' } });
    h.processElement(rec('a', 1), 1).processElement(rec('a', 1), 3).processElement(rec('a', 1), 10);
    h.processWatermark(100);
    expect(h.records()).toEqual([sum('a', -4, 3, 1), sum('a', 3, 10, 1), sum('a', 10, 17, 1)]);
  });

  it('accepts a record behind the watermark while its window is not yet due', () => {
    const h = windowHarness(tumbling(2000, { lateOutput: 'late' }));
    h.processElement(rec('a', 1), 1000).processWatermark(1985);
    h.processElement(rec('a', 1), 1980).processWatermark(1999);
    expect(h.records()).toEqual([sum('a', 0, 2000, 2)]);
    expect(h.side('late')).toEqual([]);
  });

  it('emits nothing for windows without elements', () => {
    const h = windowHarness(tumbling(1000));
    h.processWatermark(5000).processWatermark(Infinity);
    expect(h.records()).toEqual([]);
  });

  it('emits nothing when a window was purged before its timer', () => {
    const h = windowHarness(tumbling(1000, { trigger: { type: 'purging', of: { type: 'count', count: 2 } } }));
    h.processElement(rec('a', 1), 1).processElement(rec('a', 2), 2);
    expect(h.records()).toEqual([sum('a', 0, 1000, 3)]);
    h.clearOutput().processWatermark(999);
    expect(h.records()).toEqual([]);
  });

  it('fails with a clear message for a record without a timestamp', () => {
    const h = windowHarness(tumbling(1000));
    expect(() => h.processElement(rec('a', 1))).toThrow(/no timestamp/);
  });
});
