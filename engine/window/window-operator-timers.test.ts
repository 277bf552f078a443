/** The timers a window keeps: one cleanup timer per key and window, and the trigger's, whatever the record count. */
import { describe, expect, it } from 'vitest';
import { rec, restoredWindowHarness, windowHarness } from './window-harness.js';

const tumbling = (sizeMs: number, extra: Record<string, any> = {}) => ({
  assigner: { type: 'tumbling', sizeMs, offsetMs: 0, time: 'event' },
  ...extra,
});
const values = (h: ReturnType<typeof windowHarness>) => h.recordsWithTimestamps().map(([v, t]) => [(v as any).key, (v as any).value, t]);

describe('window operator: timers', () => {
  it('keeps one timer per key and window (trigger and cleanup coincide) however many records arrive', () => {
    const h = windowHarness(tumbling(1000));
    for (let i = 0; i < 50; i++) h.processElement(rec(i % 2 === 0 ? 'a' : 'b', 1), (i * 37) % 2000);
    expect(h.context.keyed!.timers.numEventTimeTimers()).toBe(4);
    h.processWatermark(999);
    expect(values(h)).toEqual([
      ['a', 14, 999],
      ['b', 14, 999],
    ]);
    expect(h.context.keyed!.timers.numEventTimeTimers()).toBe(2);
  });

  it('keeps the trigger timer and a later cleanup timer with allowed lateness, and fires late records at once', () => {
    const h = windowHarness(tumbling(1000, { allowedLatenessMs: 500 }));
    h.processElement(rec('a', 1), 10).processElement(rec('a', 2), 20).processElement(rec('a', 3), 30);
    expect(h.context.keyed!.timers.numEventTimeTimers()).toBe(2);
    h.processWatermark(1200);
    h.processElement(rec('a', 4), 40).processElement(rec('a', 5), 50);
    expect(values(h)).toEqual([
      ['a', 6, 999],
      ['a', 10, 999],
      ['a', 15, 999],
    ]);
    expect(h.context.keyed!.timers.numEventTimeTimers()).toBe(1);
    h.processWatermark(1499);
    expect(h.context.keyed!.timers.numEventTimeTimers()).toBe(0);
    expect(h.context.keyed!.backend.numKeys()).toBe(0);
  });

  it('still cleans up a window its trigger purged and refilled', () => {
    const h = windowHarness(tumbling(1000, { trigger: { type: 'purging', of: { type: 'count', count: 2 } } }));
    h.processElement(rec('a', 1), 10).processElement(rec('a', 2), 20).processElement(rec('a', 3), 30);
    expect(values(h)).toEqual([['a', 3, 999]]);
    h.processWatermark(999);
    expect(h.context.keyed!.backend.numKeys()).toBe(0);
    expect(h.context.keyed!.timers.numEventTimeTimers()).toBe(0);
  });

  it('fires a restored window and cleans it up after more records for it arrived', () => {
    const params = tumbling(1000);
    const h = windowHarness(params);
    h.processElement(rec('a', 1), 10);
    const restored = restoredWindowHarness(params, JSON.parse(JSON.stringify(h.snapshot())));
    restored.processElement(rec('a', 2), 20).processElement(rec('b', 5), 30);
    expect(restored.context.keyed!.timers.numEventTimeTimers()).toBe(2);
    restored.processWatermark(999);
    expect(values(restored)).toEqual([
      ['a', 3, 999],
      ['b', 5, 999],
    ]);
    expect(restored.context.keyed!.backend.numKeys()).toBe(0);
  });

  it('cleans processing-time windows up once, asking for one wakeup per key and window', () => {
    const h = windowHarness({ assigner: { type: 'tumbling', sizeMs: 1000, offsetMs: 0, time: 'processing' } });
    h.setProcessingTime(100);
    for (let i = 0; i < 10; i++) h.processElement(rec('a', 1), 0);
    expect(h.context.keyed!.timers.numProcessingTimeTimers()).toBe(1);
    h.setProcessingTime(999);
    expect(values(h)).toEqual([['a', 10, 999]]);
    expect(h.context.keyed!.timers.numProcessingTimeTimers()).toBe(0);
    expect(h.context.keyed!.backend.numKeys()).toBe(0);
  });
});
