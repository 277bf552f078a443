/** Session windows: merging, late merges, dynamic gaps (Flink's WindowOperatorTest session cases). */
import { describe, expect, it } from 'vitest';
import { rec, restoredWindowHarness, sortedResults, windowHarness } from './window-harness.js';

const session = (gapMs: number, extra: Record<string, any> = {}) => ({ assigner: { type: 'session', gapMs, time: 'event' }, ...extra });
/** [key, sum, start, end, timestamp] rows, sorted like Flink's comparator. */
const rows = (h: ReturnType<typeof windowHarness>) =>
  sortedResults(h).map(([v, t]) => {
    const r = v as any;
    return [r.key, r.value, r.windowStart, r.windowEnd, t];
  });

describe('window operator: session windows', () => {
  it('merges records within the gap into sessions and fires each at its end (Flink testReduceSessionWindows)', () => {
    const params = session(3000);
    const h = windowHarness(params);
    h.processElement(rec('key2', 1), 0).processElement(rec('key2', 2), 1000).processElement(rec('key2', 3), 2500);
    const r = restoredWindowHarness(params, h.snapshot());
    r.processElement(rec('key1', 1), 10).processElement(rec('key1', 2), 1000).processElement(rec('key1', 3), 2500);
    r.processElement(rec('key2', 4), 5501).processElement(rec('key2', 5), 6000).processElement(rec('key2', 5), 6000);
    r.processElement(rec('key2', 6), 6050);
    r.processWatermark(12000);
    expect(rows(r)).toEqual([
      ['key1', 6, 10, 5500, 5499],
      ['key2', 6, 0, 5500, 5499],
      ['key2', 20, 5501, 9050, 9049],
    ]);
    r.clearOutput();
    r.processElement(rec('key2', 10), 15000).processElement(rec('key2', 20), 15000).processWatermark(17999);
    expect(rows(r)).toEqual([['key2', 30, 15000, 18000, 17999]]);
  });

  it('merges windows that only touch: a record exactly one gap later joins the session', () => {
    const h = windowHarness(session(3000));
    h.processElement(rec('a', 1), 0).processElement(rec('a', 1), 3000).processWatermark(10_000);
    expect(rows(h)).toEqual([['a', 2, 0, 6000, 5999]]);
  });

  it('keeps sessions apart when the gap is exceeded by one ms', () => {
    const h = windowHarness(session(3000));
    h.processElement(rec('a', 1), 0).processElement(rec('a', 1), 3001).processWatermark(10_000);
    expect(rows(h)).toEqual([
      ['a', 1, 0, 3000, 2999],
      ['a', 1, 3001, 6001, 6000],
    ]);
  });

  it('merges two sessions into one when a record bridges them', () => {
    const h = windowHarness(session(5000));
    h.processElement(rec('a', 1), 0).processElement(rec('a', 2), 10_000).processElement(rec('a', 4), 5000);
    h.processWatermark(20_000);
    expect(rows(h)).toEqual([['a', 7, 0, 15_000, 14_999]]);
    expect(h.context.keyed!.backend.numKeys()).toBe(0);
  });

  it('merges two already-fired sessions within their lateness when a late record bridges them', () => {
    const h = windowHarness(session(3000, { allowedLatenessMs: 10_000, lateOutput: 'late' }));
    h.processElement(rec('a', 1), 0).processElement(rec('a', 2), 5000).processWatermark(8000);
    expect(rows(h)).toEqual([
      ['a', 1, 0, 3000, 2999],
      ['a', 2, 5000, 8000, 7999],
    ]);
    h.clearOutput().processElement(rec('a', 4), 2500);
    // [2500, 5500) touches both; the merged session [0, 8000) is already due, so it fires at once.
    expect(rows(h)).toEqual([['a', 7, 0, 8000, 7999]]);
    expect(h.side('late')).toEqual([]);
    h.clearOutput().processWatermark(17_999);
    expect(rows(h)).toEqual([]);
    expect(h.context.keyed!.backend.numKeys()).toBe(0);
  });

  it('fires an accumulating session once per late record merged into it (Flink testNotSideOutputDueToLatenessSessionWithLateness)', () => {
    const h = windowHarness(session(3000, { allowedLatenessMs: 10, lateOutput: 'late' }));
    h.processElement(rec('key2', 1), 1000).processWatermark(1999);
    h.processElement(rec('key2', 1), 2000).processWatermark(4998);
    h.processElement(rec('key2', 1), 4500);
    h.processElement(rec('key2', 1), 8500).processWatermark(7400);
    h.processElement(rec('key2', 1), 7000).processWatermark(11501);
    h.processElement(rec('key2', 1), 11600).processWatermark(14600);
    h.processElement(rec('key2', 1), 10000);
    h.processElement(rec('key2', 1), 14500);
    h.processWatermark(20000).processWatermark(100000);
    expect(rows(h)).toEqual([
      ['key2', 5, 1000, 11500, 11499],
      ['key2', 2, 10000, 14600, 14599],
      ['key2', 1, 11600, 14600, 14599],
      ['key2', 3, 10000, 17500, 17499],
    ]);
    expect(h.side('late')).toEqual([]);
  });

  it('merges late into an older session with a huge lateness and a purging trigger (Flink HugeLatenessPurgingTrigger)', () => {
    const h = windowHarness(
      session(3000, { allowedLatenessMs: 10000, lateOutput: 'late', trigger: { type: 'purging', of: { type: 'event-time' } } }),
    );
    h.processElement(rec('key2', 1), 1000).processWatermark(1999);
    h.processElement(rec('key2', 1), 2000).processWatermark(4998);
    h.processElement(rec('key2', 1), 4500);
    h.processElement(rec('key2', 1), 8500).processWatermark(7400);
    h.processElement(rec('key2', 1), 7000).processWatermark(11501);
    h.processElement(rec('key2', 1), 11600).processWatermark(14600);
    h.processElement(rec('key2', 1), 10000);
    h.processElement(rec('key2', 1), 14500).processWatermark(20000).processWatermark(100000);
    expect(rows(h)).toEqual([
      ['key2', 5, 1000, 11500, 11499],
      ['key2', 1, 1000, 14600, 14599],
      ['key2', 1, 11600, 14600, 14599],
      ['key2', 1, 1000, 17500, 17499],
    ]);
    expect(h.side('late')).toEqual([]);
  });

  it('side-outputs records for sessions already cleaned up, each on its own (Flink ZeroLateness)', () => {
    const h = windowHarness(session(3000, { lateOutput: 'late' }));
    h.processElement(rec('key2', 1), 1000).processWatermark(1999);
    h.processElement(rec('key2', 1), 2000).processWatermark(4998);
    h.processElement(rec('key2', 1), 4500);
    h.processElement(rec('key2', 1), 8500).processWatermark(7400);
    h.processElement(rec('key2', 1), 7000).processWatermark(11501);
    h.processElement(rec('key2', 1), 11600).processWatermark(14600);
    h.processElement(rec('key2', 2), 10000);
    h.processElement(rec('key2', 3), 10100);
    h.processElement(rec('key2', 1), 14500).processWatermark(20000);
    expect(rows(h)).toEqual([
      ['key2', 5, 1000, 11500, 11499],
      ['key2', 1, 11600, 14600, 14599],
      ['key2', 1, 14500, 17500, 17499],
    ]);
    expect(h.side('late')).toEqual([rec('key2', 2), rec('key2', 3)]);
  });

  it('sums count-trigger counts when sessions merge (Flink testSessionWindowsWithCountTrigger)', () => {
    const params = session(3000, { trigger: { type: 'purging', of: { type: 'count', count: 4 } } });
    const h = windowHarness(params);
    h.processElement(rec('key2', 1), 0).processElement(rec('key2', 2), 1000).processElement(rec('key2', 3), 2500);
    h.processElement(rec('key2', 4), 3500);
    h.processElement(rec('key1', 1), 10).processElement(rec('key1', 2), 1000);
    expect(rows(h)).toEqual([['key2', 10, 0, 6500, 6499]]);
    const r = restoredWindowHarness(params, h.snapshot());
    r.processElement(rec('key1', 3), 2500);
    r.processElement(rec('key1', 1), 6000).processElement(rec('key1', 2), 6500).processElement(rec('key1', 3), 7000);
    expect(rows(r)).toEqual([]);
    // Bridges [10, 5500) (count 3) and [6000, 10000) (count 3): 3 + 3 + 1 ≥ 4 fires.
    r.processElement(rec('key1', 10), 4500);
    expect(rows(r)).toEqual([['key1', 22, 10, 10000, 9999]]);
  });

  it('carries the continuous trigger’s fire time into merged sessions (Flink testSessionWindowsWithContinuousEventTimeTrigger)', () => {
    const params = session(3000, { trigger: { type: 'continuous-event-time', intervalMs: 2000 } });
    const h = windowHarness(params);
    h.processElement(rec('key1', 1), 1500);
    h.processElement(rec('key2', 1), 0).processElement(rec('key2', 3), 2500).processElement(rec('key2', 2), 1000);
    h.processWatermark(2500);
    expect(rows(h)).toEqual([
      ['key1', 1, 1500, 4500, 4499],
      ['key2', 6, 0, 5500, 5499],
    ]);
    h.processElement(rec('key2', 5), 4000).processWatermark(3000);
    const r = restoredWindowHarness(params, h.snapshot());
    r.processWatermark(3000).clearOutput();
    r.processElement(rec('key1', 2), 4000).processElement(rec('key2', 4), 3500).processWatermark(4000);
    expect(rows(r)).toEqual([
      ['key1', 3, 1500, 7000, 6999],
      ['key2', 15, 0, 7000, 6999],
    ]);
  });

  it('uses a dynamic gap per record (Flink testDynamicEventTimeSessionWindows)', () => {
    const gap = "(r) => r.k === 'key1' ? 3000 : r.v === 10 ? 1000 : 2000";
    const h = windowHarness({ assigner: { type: 'session', gap, time: 'event' } });
    h.processElement(rec('key1', 3), 10);
    h.processElement(rec('key2', 4), 5000).processElement(rec('key2', 5), 6000).processWatermark(8999);
    expect(rows(h)).toEqual([
      ['key1', 3, 10, 3010, 3009],
      ['key2', 9, 5000, 8000, 7999],
    ]);
    h.clearOutput();
    // A shorter gap never shrinks the session: the furthest end wins.
    h.processElement(rec('key2', 1), 9000).processElement(rec('key2', 2), 10000).processElement(rec('key2', 10), 10500);
    h.processWatermark(12999);
    expect(rows(h)).toEqual([['key2', 13, 9000, 12000, 11999]]);
    h.clearOutput();
    h.processElement(rec('key2', 10), 13000).processElement(rec('key2', 10), 13500).processElement(rec('key2', 1), 14000);
    h.processWatermark(16999);
    expect(rows(h)).toEqual([['key2', 21, 13000, 16000, 15999]]);
  });

  it('merges processing-time sessions by arrival time (Flink testProcessingTimeSessionWindows)', () => {
    const h = windowHarness({ assigner: { type: 'session', gapMs: 3000, time: 'processing' } });
    h.setProcessingTime(3).processElement(rec('key2', 1), 1);
    h.setProcessingTime(1000).processElement(rec('key2', 1), 1002);
    h.setProcessingTime(5000);
    expect(rows(h)).toEqual([['key2', 2, 3, 4000, 3999]]);
    h.clearOutput();
    h.processElement(rec('key2', 1), 5000).processElement(rec('key2', 1), 5000);
    h.processElement(rec('key1', 1), 5000).processElement(rec('key1', 1), 5000).processElement(rec('key1', 1), 5000);
    h.setProcessingTime(10000);
    expect(rows(h)).toEqual([
      ['key1', 3, 5000, 8000, 7999],
      ['key2', 2, 5000, 8000, 7999],
    ]);
  });

  it('rejects a trigger that cannot merge, naming the field', () => {
    expect(() => windowHarness(session(1000, { trigger: { type: 'end-of-stream' } }))).toThrow(/params\.trigger.*merging/);
  });
});
