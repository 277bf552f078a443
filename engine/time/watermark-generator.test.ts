import { describe, expect, it } from 'vitest';
import { ManualProcessingTime } from './processing-time.js';
import {
  BoundedOutOfOrdernessWatermarks,
  monotonousWatermarks,
  type WatermarkOutput,
  WatermarksWithIdleness,
} from './watermark-generator.js';

function recorder(): WatermarkOutput & { seen: Array<number | 'idle'> } {
  const seen: Array<number | 'idle'> = [];
  return { seen, emitWatermark: (w) => seen.push(w), markIdle: () => seen.push('idle') };
}

describe('BoundedOutOfOrdernessWatermarks', () => {
  it('proposes nothing before the first record', () => {
    const g = new BoundedOutOfOrdernessWatermarks(10);
    const out = recorder();
    g.onPeriodicEmit(out);
    expect(out.seen).toEqual([]);
    expect(g.currentWatermark).toBe(-Infinity);
  });

  it('proposes max seen − B − 1 (B = 10: 1337 → 1326)', () => {
    const g = new BoundedOutOfOrdernessWatermarks(10);
    const out = recorder();
    g.onEvent(1337, out);
    expect(out.seen).toEqual([]); // only on periodic emit
    g.onPeriodicEmit(out);
    expect(out.seen).toEqual([1326]);
  });

  it('keeps the max over out-of-order records (12345, 12300, 12340, 12280 → 12334)', () => {
    const g = new BoundedOutOfOrdernessWatermarks(10);
    const out = recorder();
    for (const t of [12345, 12300, 12340, 12280]) g.onEvent(t, out);
    g.onPeriodicEmit(out);
    expect(out.seen).toEqual([12334]);
  });

  it('is monotonous with B = 0: watermark = max − 1', () => {
    const g = monotonousWatermarks();
    const out = recorder();
    g.onEvent(100, out);
    g.onPeriodicEmit(out);
    expect(out.seen).toEqual([99]);
  });

  it('snapshots and restores the max seen, with "none yet" as null', () => {
    const g = new BoundedOutOfOrdernessWatermarks(5);
    expect(g.snapshot()).toEqual({ maxTimestamp: null });
    g.onEvent(50, recorder());
    const snap = JSON.parse(JSON.stringify(g.snapshot()));
    const h = new BoundedOutOfOrdernessWatermarks(5);
    h.restore(snap);
    expect(h.currentWatermark).toBe(44);
  });

  it('rejects a negative delay', () => {
    expect(() => new BoundedOutOfOrdernessWatermarks(-1)).toThrow(/maxOutOfOrdernessMs/);
  });
});

describe('WatermarksWithIdleness', () => {
  it('marks idle once, at a periodic emit after more than the timeout without records', () => {
    const clock = new ManualProcessingTime(0);
    const g = new WatermarksWithIdleness(new BoundedOutOfOrdernessWatermarks(0), 100, clock);
    const out = recorder();
    g.onEvent(10, out);
    clock.setTime(100);
    g.onPeriodicEmit(out);
    expect(out.seen).toEqual([9]);
    clock.setTime(101);
    g.onPeriodicEmit(out);
    g.onPeriodicEmit(out);
    expect(out.seen).toEqual([9, 'idle']);
    expect(g.isIdle).toBe(true);
  });

  it('becomes active with the next record and proposes watermarks again', () => {
    const clock = new ManualProcessingTime(0);
    const g = new WatermarksWithIdleness(new BoundedOutOfOrdernessWatermarks(0), 100, clock);
    const out = recorder();
    clock.setTime(500);
    g.onPeriodicEmit(out);
    expect(out.seen).toEqual(['idle']);
    g.onEvent(20, out);
    expect(g.isIdle).toBe(false);
    g.onPeriodicEmit(out);
    expect(out.seen).toEqual(['idle', 19]);
    expect(g.idleDeadline).toBe(601);
  });
});
