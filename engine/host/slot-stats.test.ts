import { describe, expect, it } from 'vitest';
import { SlotClock, type ThreadTimes } from './slot-stats.js';

describe('SlotClock: where a slot thread spends its run', () => {
  it('puts each gap between slices where the slice that ended before it said: yield, credit or input', () => {
    let now = 0;
    let cpu = 100;
    const clock = new SlotClock(
      () => now,
      (): ThreadTimes => ({ cpuMs: cpu, runQueueMs: cpu / 10 }),
    );
    clock.start();
    now = 1; // 1 ms from start to the first slice: the event loop (a yield)
    let s = clock.sliceStart();
    now = 9;
    clock.sliceEnd(s, 'yield');
    now = 10;
    s = clock.sliceStart();
    now = 14;
    clock.sliceEnd(s, 'credit');
    now = 20; // 6 ms waiting for credit
    s = clock.sliceStart();
    now = 22;
    clock.sliceEnd(s, 'input');
    now = 30; // 8 ms waiting for input
    s = clock.sliceStart();
    now = 31;
    cpu = 120;
    clock.sliceEnd(s, 'input');
    clock.end();
    now = 50; // after the end nothing counts
    const stats = clock.stats([], { batches: 0, records: 0, bytes: 0 }, { batches: 0, records: 0, bytes: 0 });
    expect(stats).toMatchObject({ wallMs: 31, sliceMs: 8 + 4 + 2 + 1, yieldMs: 1 + 1, waitCreditMs: 6, waitInputMs: 8, slices: 4, waits: 3, cpuMs: 20, startupCpuMs: 100, runQueueMs: 2 });
    expect(stats.sliceMs + stats.yieldMs + stats.waitCreditMs + stats.waitInputMs).toBe(stats.wallMs);
  });

  it('reports no CPU figures where the platform has no thread clock', () => {
    let now = 0;
    const clock = new SlotClock(() => now, null);
    clock.start();
    const s = clock.sliceStart();
    now = 5;
    clock.sliceEnd(s, 'input');
    clock.end();
    const stats = clock.stats([], { batches: 0, records: 0, bytes: 0 }, { batches: 0, records: 0, bytes: 0 });
    expect(stats.cpuMs).toBeUndefined();
    expect(stats.runQueueMs).toBeUndefined();
    expect(stats.wallMs).toBe(5);
  });
});
