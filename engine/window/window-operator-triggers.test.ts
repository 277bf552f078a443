/** Global and count windows, explicit triggers, processing time (Flink's WindowOperatorTest cases). */
import { describe, expect, it } from 'vitest';
import { rec, restoredWindowHarness, sortedResults, windowHarness } from './window-harness.js';

/** A process function emitting the window's values as one array. */
const collectValues = { type: 'process', code: '(key, w, els) => [els.map((e) => e.v)]' };
const pairs = (h: ReturnType<typeof windowHarness>) => sortedResults(h).map(([v, t]) => [(v as any).key, (v as any).value, t]);

describe('window operator: count windows', () => {
  it('countWindow(3) emits every third element and purges; the rest never fires', () => {
    const h = windowHarness({ assigner: { type: 'count', size: 3 }, function: collectValues });
    for (let i = 1; i <= 7; i++) h.processElement(rec('a', i), i);
    h.processWatermark(Infinity).endInput();
    expect(h.records()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('countWindow(3, 2) over 1..7 emits [1,2], [2,3,4], [4,5,6] and never flushes 7', () => {
    const h = windowHarness({ assigner: { type: 'count', size: 3, slide: 2 }, function: collectValues });
    for (let i = 1; i <= 7; i++) h.processElement(rec('a', i), i);
    h.processWatermark(Infinity).endInput();
    expect(h.records()).toEqual([
      [1, 2],
      [2, 3, 4],
      [4, 5, 6],
    ]);
  });

  it('gives count-window aggregates null window bounds and the global max timestamp', () => {
    const h = windowHarness({ assigner: { type: 'count', size: 2 } });
    h.processElement(rec('a', 1), 1).processElement(rec('a', 2), 2);
    expect(h.recordsWithTimestamps()).toEqual([[{ key: 'a', windowStart: null, windowEnd: null, value: 3 }, Infinity]]);
  });

  it('counts per key and restores mid-count from a snapshot (Flink testCountTrigger)', () => {
    const params = { assigner: { type: 'global' }, trigger: { type: 'purging', of: { type: 'count', count: 4 } } };
    const h = windowHarness(params);
    h.processElement(rec('key2', 1), 3000).processElement(rec('key2', 1), 3999);
    h.processElement(rec('key1', 1), 20).processElement(rec('key1', 1), 0).processElement(rec('key1', 1), 999);
    h.processElement(rec('key2', 1), 1998).processElement(rec('key2', 1), 1999);
    expect(pairs(h)).toEqual([['key2', 4, Infinity]]);
    const r = restoredWindowHarness(params, h.snapshot());
    r.processElement(rec('key2', 1), 1000);
    expect(pairs(r)).toEqual([]);
    r.processElement(rec('key1', 1), 10999);
    expect(pairs(r)).toEqual([['key1', 4, Infinity]]);
    r.processElement(rec('key2', 1), 1000).processElement(rec('key2', 1), 1000).processElement(rec('key2', 1), 1000);
    expect(pairs(r)).toEqual([['key1', 4, Infinity], ['key2', 4, Infinity]]);
  });

  it('keeps accumulating after a count firing when the trigger does not purge', () => {
    const h = windowHarness({ assigner: { type: 'global' }, trigger: { type: 'count', count: 2 }, function: collectValues });
    for (let i = 1; i <= 4; i++) h.processElement(rec('a', i), i);
    expect(h.records()).toEqual([
      [1, 2],
      [1, 2, 3, 4],
    ]);
  });
});

describe('window operator: global windows', () => {
  it('never fires a global window with its default trigger, not even at the end of input', () => {
    const h = windowHarness({ assigner: { type: 'global' } });
    h.processElement(rec('a', 1), 1).processWatermark(Infinity).endInput();
    expect(h.records()).toEqual([]);
  });

  it('fires the end-of-stream trigger once, when the watermark reaches +∞ (Flink testEndOfStreamTrigger)', () => {
    const h = windowHarness({ assigner: { type: 'global' }, trigger: { type: 'end-of-stream' } });
    h.processElement(rec('key2', 1), 3000).processElement(rec('key2', 1), 3999);
    h.processElement(rec('key1', 1), 20).processElement(rec('key1', 1), 0).processElement(rec('key1', 1), 999);
    h.processElement(rec('key2', 1), 1998).processElement(rec('key2', 1), 1999).processElement(rec('key2', 1), 1000);
    h.processWatermark(1e15);
    expect(h.records()).toEqual([]);
    h.processWatermark(Infinity);
    expect(pairs(h)).toEqual([['key1', 3, Infinity], ['key2', 5, Infinity]]);
    expect(h.output.at(-1)).toEqual({ kind: 'watermark', watermark: Infinity });
  });
});

describe('window operator: continuous event-time trigger', () => {
  it('fires a global window at every interval after each key’s first element (Flink testContinuousWatermarkTrigger)', () => {
    const h = windowHarness({ assigner: { type: 'global' }, trigger: { type: 'continuous-event-time', intervalMs: 3000 } });
    h.processElement(rec('key1', 1), 0);
    h.processElement(rec('key2', 1), 3000).processElement(rec('key2', 1), 3999);
    h.processElement(rec('key1', 1), 20).processElement(rec('key1', 1), 999);
    h.processElement(rec('key2', 1), 1998).processElement(rec('key2', 1), 1999).processElement(rec('key2', 1), 1000);
    const at = (wm: number) => {
      h.clearOutput().processWatermark(wm);
      return pairs(h);
    };
    expect(at(1000)).toEqual([]);
    expect(at(2000)).toEqual([]);
    expect(at(3000)).toEqual([['key1', 3, Infinity]]);
    expect(at(4000)).toEqual([]);
    expect(at(5000)).toEqual([]);
    expect(at(6000)).toEqual([['key1', 3, Infinity], ['key2', 5, Infinity]]);
    expect(at(7000)).toEqual([]);
  });

  it('fires a time window early at each interval and once more at its end', () => {
    const h = windowHarness({
      assigner: { type: 'tumbling', sizeMs: 10_000, offsetMs: 0, time: 'event' },
      trigger: { type: 'continuous-event-time', intervalMs: 3000 },
    });
    h.processElement(rec('a', 1), 1000);
    h.processWatermark(2999);
    expect(h.records()).toEqual([]);
    h.processWatermark(3000);
    h.processElement(rec('a', 1), 4000);
    h.processWatermark(9000);
    h.processWatermark(9999).processWatermark(20_000);
    expect(pairs(h)).toEqual([
      ['a', 1, 9999],
      ['a', 2, 9999],
      ['a', 2, 9999],
      ['a', 2, 9999],
    ]);
  });
});

describe('window operator: processing time', () => {
  it('fires processing-time tumbling windows when the clock reaches end − 1 (Flink testProcessingTimeTumblingWindows)', () => {
    const h = windowHarness({ assigner: { type: 'tumbling', sizeMs: 3000, offsetMs: 0, time: 'processing' } });
    h.setProcessingTime(3);
    h.processElement(rec('key2', 1), 1e15).processElement(rec('key2', 1), 7000).processElement(rec('key2', 1), 7000);
    h.processElement(rec('key1', 1), 7000).processElement(rec('key1', 1), 7000);
    h.setProcessingTime(2998);
    expect(h.records()).toEqual([]);
    h.setProcessingTime(5000);
    expect(pairs(h)).toEqual([['key1', 2, 2999], ['key2', 3, 2999]]);
    h.clearOutput();
    h.processElement(rec('key1', 1), 7000).processElement(rec('key1', 1), 7000).processElement(rec('key1', 1), 7000);
    h.setProcessingTime(7000);
    expect(pairs(h)).toEqual([['key1', 3, 5999]]);
    expect(h.context.keyed!.backend.numKeys()).toBe(0);
  });

  it('fires processing-time sliding windows (Flink testProcessingTimeSlidingWindows)', () => {
    const h = windowHarness({ assigner: { type: 'sliding', sizeMs: 3000, slideMs: 1000, offsetMs: 0, time: 'processing' } });
    h.setProcessingTime(3).processElement(rec('key2', 1), 0);
    h.setProcessingTime(1000);
    expect(pairs(h)).toEqual([['key2', 1, 999]]);
    h.clearOutput().processElement(rec('key2', 1), 0).processElement(rec('key2', 1), 0);
    h.setProcessingTime(2000);
    expect(pairs(h)).toEqual([['key2', 3, 1999]]);
    h.clearOutput().processElement(rec('key1', 1), 0).processElement(rec('key1', 1), 0);
    h.setProcessingTime(3000);
    expect(pairs(h)).toEqual([['key1', 2, 2999], ['key2', 3, 2999]]);
    h.clearOutput();
    h.processElement(rec('key1', 1), 0).processElement(rec('key1', 1), 0).processElement(rec('key1', 1), 0);
    h.setProcessingTime(7000);
    expect(pairs(h)).toEqual([
      ['key1', 5, 3999],
      ['key2', 2, 3999],
      ['key1', 5, 4999],
      ['key1', 3, 5999],
    ]);
  });
});
