/** Late windows, late records, allowed lateness and cleanup (Flink's WindowOperator rules). */
import { describe, expect, it } from 'vitest';
import type { WindowOperator } from './window-operator.js';
import { rec, sortedResults, windowHarness } from './window-harness.js';

const tumbling = (sizeMs: number, extra: Record<string, any> = {}) => ({
  assigner: { type: 'tumbling', sizeMs, offsetMs: 0, time: 'event' },
  ...extra,
});
const values = (h: ReturnType<typeof windowHarness>) => h.recordsWithTimestamps().map(([v, t]) => [(v as any).value, t]);

describe('window operator: lateness', () => {
  it('sends a record whose only window is late to the late side output, with its timestamp', () => {
    const h = windowHarness(tumbling(2000, { lateOutput: 'late' }));
    h.processElement(rec('a', 1), 1000).processWatermark(1999);
    h.processElement(rec('a', 7), 1998);
    expect(h.output.filter((e) => e.kind === 'side')).toEqual([{ kind: 'side', tag: 'late', value: rec('a', 7), timestamp: 1998 }]);
    expect(values(h)).toEqual([[1, 1999]]);
  });

  it('counts a late record as dropped when no late output is set', () => {
    const h = windowHarness(tumbling(2000));
    h.processWatermark(1999).processElement(rec('a', 1), 1998);
    expect(h.output.filter((e) => e.kind === 'side')).toEqual([]);
    expect((h.operator as WindowOperator).lateRecordsDropped).toBe(1);
  });

  it('keeps a sliding record for its windows that are not late and does not side-output it', () => {
    const h = windowHarness({ assigner: { type: 'sliding', sizeMs: 3000, slideMs: 1000, offsetMs: 0, time: 'event' }, lateOutput: 'late' });
    h.processElement(rec('key2', 1), 1000).processWatermark(1999);
    h.processElement(rec('key2', 1), 2000).processWatermark(3000);
    h.clearOutput();
    h.processElement(rec('key1', 1), 3001);
    // 2400 belongs to windows ending 2999 (late), 3999 and 4999 (open).
    h.processElement(rec('key2', 1), 2400).processElement(rec('key2', 1), 2400);
    h.processElement(rec('key1', 1), 3001).processElement(rec('key2', 1), 3900);
    h.processWatermark(6000);
    const out = sortedResults(h).map(([v, t]) => [(v as any).key, (v as any).value, t]);
    expect(out).toEqual([
      ['key1', 2, 3999],
      ['key2', 5, 3999],
      ['key1', 2, 4999],
      ['key2', 4, 4999],
      ['key1', 2, 5999],
      ['key2', 1, 5999],
    ]);
    expect(h.side('late')).toEqual([]);
    h.processElement(rec('key1', 1), 3001);
    expect(h.side('late')).toEqual([rec('key1', 1)]);
  });

  it('fires again for each late record within the allowed lateness, with the accumulated contents', () => {
    const h = windowHarness(tumbling(2000, { allowedLatenessMs: 500, lateOutput: 'late' }));
    h.processElement(rec('a', 1), 500).processWatermark(1999);
    expect(values(h)).toEqual([[1, 1999]]);
    h.processWatermark(2100);
    h.processElement(rec('a', 1), 1300);
    h.processElement(rec('a', 1), 1700);
    expect(values(h)).toEqual([
      [1, 1999],
      [2, 1999],
      [3, 1999],
    ]);
    expect(h.side('late')).toEqual([]);
  });

  it('fires a purging window again with only the late record (Flink testLateness)', () => {
    const h = windowHarness(tumbling(2000, { allowedLatenessMs: 500, lateOutput: 'late', trigger: { type: 'purging', of: { type: 'event-time' } } }));
    h.processElement(rec('key2', 1), 500).processWatermark(1500);
    h.processElement(rec('key2', 1), 1300).processWatermark(2300);
    h.processElement(rec('key2', 1), 1997).processWatermark(6000);
    h.processElement(rec('key2', 1), 1998).processWatermark(7000);
    expect(values(h)).toEqual([
      [2, 1999],
      [1, 1999],
    ]);
    expect(h.side('late')).toEqual([rec('key2', 1)]);
  });

  it('treats a window as late exactly when the watermark reaches end − 1 + lateness', () => {
    const h = windowHarness(tumbling(1000, { allowedLatenessMs: 100, lateOutput: 'late' }));
    h.processElement(rec('a', 1), 5).processWatermark(1098);
    h.processElement(rec('a', 1), 6);
    expect(values(h)).toEqual([
      [1, 999],
      [2, 999],
    ]);
    h.processWatermark(1099).processElement(rec('a', 1), 7);
    expect(h.side('late')).toEqual([rec('a', 1)]);
  });

  it('removes contents, timers and trigger state at cleanup time', () => {
    const h = windowHarness(tumbling(1000, { allowedLatenessMs: 500, trigger: { type: 'continuous-event-time', intervalMs: 300 } }));
    const keyed = h.context.keyed!;
    h.processElement(rec('a', 1), 5).processElement(rec('b', 1), 700);
    expect(keyed.backend.numKeys()).toBe(2);
    h.processWatermark(1498);
    expect(keyed.backend.numKeys()).toBe(2);
    h.processWatermark(1499);
    expect(keyed.backend.numKeys()).toBe(0);
    expect(keyed.timers.numEventTimeTimers()).toBe(0);
  });

  it('does not fire again at cleanup time after the end-of-window firing', () => {
    const h = windowHarness(tumbling(1000, { allowedLatenessMs: 500 }));
    h.processElement(rec('a', 1), 5).processWatermark(5000);
    expect(values(h)).toEqual([[1, 999]]);
  });

  it('never cleans a window up before it fired, however large the lateness', () => {
    const h = windowHarness(tumbling(1000, { allowedLatenessMs: Number.MAX_SAFE_INTEGER }));
    h.processElement(rec('a', 1), 1e15 + 5).processWatermark(1e15 + 998);
    expect(values(h)).toEqual([]);
    h.processWatermark(1e15 + 999);
    expect(values(h)).toEqual([[1, 1e15 + 999]]);
    expect(h.context.keyed!.backend.numKeys()).toBe(1);
  });

  it('never treats processing-time windows or records as late', () => {
    const h = windowHarness({ assigner: { type: 'tumbling', sizeMs: 1000, offsetMs: 0, time: 'processing' }, lateOutput: 'late' });
    h.processWatermark(1e9).processElement(rec('a', 1), 5);
    h.setProcessingTime(999);
    expect(values(h)).toEqual([[1, 999]]);
    expect(h.side('late')).toEqual([]);
  });
});
