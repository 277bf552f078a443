import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../testing/until.js';
import { call, calls, harness, last, mail } from './async-map-fixture.js';

afterEach(() => {
  calls.length = 0;
});

/** asyncMap as Flink 2.3's AsyncWaitOperator: order, capacity, snapshots (timeouts and retries: async-map-timeouts.test.ts). */
describe('asyncMap', () => {
  it('ordered: emits results in input order, whatever order the calls complete in', async () => {
    const h = harness();
    h.processElement({ n: 1 }, 10).processElement({ n: 2 }, 20).processElement({ n: 3 }, 30);
    expect(calls.map((c) => c.record.n)).toEqual([1, 2, 3]);
    call(3).resolve({ r: 3 });
    call(2).resolve({ r: 2 });
    await mail(h);
    expect(h.records()).toEqual([]);
    call(1).resolve({ r: 1 });
    await mail(h);
    expect(h.recordsWithTimestamps()).toEqual([
      [{ r: 1 }, 10],
      [{ r: 2 }, 20],
      [{ r: 3 }, 30],
    ]);
    expect(h.operator.hasPendingWork!()).toBe(false);
  });

  it('ordered: a watermark waits behind the records before it and goes before the records after it', async () => {
    const h = harness();
    h.processElement({ n: 1 }, 10).processWatermark(15).processElement({ n: 2 }, 20);
    call(2).resolve('b');
    await mail(h);
    expect(h.output).toEqual([]);
    call(1).resolve('a');
    await mail(h);
    expect(h.output).toEqual([
      { kind: 'record', value: 'a', timestamp: 10 },
      { kind: 'watermark', watermark: 15 },
      { kind: 'record', value: 'b', timestamp: 20 },
    ]);
  });

  it('unordered: records overtake each other only between watermarks, and watermarks keep their position', async () => {
    const h = harness({ mode: 'unordered' });
    h.processElement({ n: 1 }, 1).processElement({ n: 2 }, 2).processWatermark(5).processElement({ n: 3 }, 6).processElement({ n: 4 }, 7);
    // 4 and 3 are done first, but the watermark holds them until 1 and 2 have left.
    call(4).resolve('d');
    call(3).resolve('c');
    call(2).resolve('b');
    await mail(h);
    expect(h.output).toEqual([{ kind: 'record', value: 'b', timestamp: 2 }]);
    call(1).resolve('a');
    await mail(h);
    expect(h.output).toEqual([
      { kind: 'record', value: 'b', timestamp: 2 },
      { kind: 'record', value: 'a', timestamp: 1 },
      { kind: 'watermark', watermark: 5 },
      { kind: 'record', value: 'd', timestamp: 7 },
      { kind: 'record', value: 'c', timestamp: 6 },
    ]);
  });

  it('unordered: a watermark with nothing before it leaves at once', () => {
    const h = harness({ mode: 'unordered' });
    h.processWatermark(3);
    expect(h.watermarks()).toEqual([3]);
  });

  it('emits every element of an array result and nothing for undefined', async () => {
    const h = harness({ code: 'async (r) => (r.n === 1 ? [r.n, r.n * 10] : undefined)' });
    h.processElement({ n: 1 }, 5).processElement({ n: 2 }, 6);
    await mail(h);
    expect(h.recordsWithTimestamps()).toEqual([
      [1, 5],
      [10, 5],
    ]);
  });

  it('a record that comes while capacity elements (watermarks too) are queued waits outside the queue, not yet called, and stops the input', async () => {
    const h = harness({ capacity: 2 });
    h.processElement({ n: 1 }, 1).processWatermark(1);
    // Full, but nothing waits: the next input (a barrier, the end) may still come (Flink's processElement returned).
    expect(h.operator.acceptsInput!()).toBe(true);
    h.processElement({ n: 2 }, 2);
    expect(h.operator.acceptsInput!()).toBe(false);
    expect(calls.map((c) => c.record.n)).toEqual([1]);
    call(1).resolve('a');
    await mail(h);
    // The place freed: record 2 is queued and called (its timeout starts now), the input reads on.
    expect(calls.map((c) => c.record.n)).toEqual([1, 2]);
    expect(h.operator.acceptsInput!()).toBe(true);
    expect(h.output).toEqual([
      { kind: 'record', value: 'a', timestamp: 1 },
      { kind: 'watermark', watermark: 1 },
    ]);
  });

  describe.each(['ordered', 'unordered'] as const)('%s, with the queue full (Flink\'s AsyncWaitOperator)', (mode) => {
    it('a barrier reaches the operator: the snapshot holds the full queue, and a restore calls each record again', async () => {
      const h = harness({ mode, capacity: 3 });
      h.processElement({ n: 1 }, 1).processWatermark(1).processElement({ n: 2 }, 2);
      call(2).resolve('b-before');
      await mail(h);
      expect(h.operator.acceptsInput!()).toBe(true);
      const snapshot = h.snapshot();
      expect(snapshot.operator).toEqual({ queue: [{ v: { n: 1 }, t: 1 }, { w: 1 }, { v: { n: 2 }, t: 2 }] });

      calls.length = 0;
      const restored = harness({ mode, capacity: 3 }).restore(snapshot);
      expect(calls.map((c) => [c.record.n, c.attempt])).toEqual([
        [1, 1],
        [2, 1],
      ]);
      call(2).resolve('b');
      call(1).resolve('a');
      await mail(restored);
      expect(restored.output).toEqual([
        { kind: 'record', value: 'a', timestamp: 1 },
        { kind: 'watermark', watermark: 1 },
        { kind: 'record', value: 'b', timestamp: 2 },
      ]);
    });

    it('a restore beyond the capacity queues what fits; the rest waits outside, uncalled, and the input waits too', async () => {
      const h = harness({ mode, capacity: 3 });
      h.processElement({ n: 1 }, 1).processElement({ n: 2 }, 2).processElement({ n: 3 }, 3);
      const snapshot = h.snapshot();
      calls.length = 0;
      const restored = harness({ mode, capacity: 1 }).restore(snapshot);
      expect(calls.map((c) => c.record.n)).toEqual([1]);
      expect(restored.operator.acceptsInput!()).toBe(false);
      // A barrier now would keep all three, in order.
      expect(restored.snapshot().operator).toEqual(snapshot.operator);
      call(1).resolve('a');
      await mail(restored);
      expect(calls.map((c) => c.record.n)).toEqual([1, 2]);
      call(2).resolve('b');
      await mail(restored);
      call(3).resolve('c');
      await mail(restored);
      expect(restored.records()).toEqual(['a', 'b', 'c']);
      expect(restored.operator.acceptsInput!()).toBe(true);
      expect(restored.operator.hasPendingWork!()).toBe(false);
    });

    it('the end of input reaches the operator: a retry waiting for its delay is called at once', async () => {
      const retry = { strategy: 'fixedDelay', maxAttempts: 3, delayMs: 1000, multiplier: 2, onException: true, onEmptyResult: false } as const;
      const h = harness({ mode, capacity: 1, timeoutMs: 10_000, retry });
      h.processElement({ n: 1 }, 1);
      last(1).reject(new Error('busy'));
      await mail(h);
      expect(h.operator.acceptsInput!()).toBe(true);
      h.operator.endInput(0);
      expect(last(1).attempt).toBe(2);
      last(1).resolve('a');
      await mail(h);
      expect(h.records()).toEqual(['a']);
      expect(h.operator.hasPendingWork!()).toBe(false);
      h.operator.finish();
    });

    it('behind a record waiting outside the queue, the end of input takes effect once that record is queued', async () => {
      const retry = { strategy: 'fixedDelay', maxAttempts: 3, delayMs: 1000, multiplier: 2, onException: true, onEmptyResult: false } as const;
      const h = harness({ mode, capacity: 1, timeoutMs: 10_000, retry });
      h.processElement({ n: 1 }, 1).processElement({ n: 2 }, 2);
      h.operator.endInput(0);
      expect(h.operator.hasPendingWork!()).toBe(true);
      // The input has not ended for the operator yet: record 1 still gets its retry after the delay.
      last(1).reject(new Error('busy'));
      await mail(h);
      expect(calls).toHaveLength(1);
      h.setProcessingTime(1000);
      expect(last(1).attempt).toBe(2);
      last(1).resolve('a');
      await mail(h);
      // Record 2 is queued, then the input ends: its failure is final, with attempts to spare.
      expect(last(2).attempt).toBe(1);
      last(2).reject(new Error('down'));
      await until(() => h.mailPending);
      expect(() => h.processMail()).toThrow(/the async call failed: down/);
    });
  });

  it('keeps queued records and watermarks in its snapshot and calls again for each after a restore', async () => {
    const h = harness({ mode: 'unordered' });
    h.processElement({ n: 1 }, 1).processWatermark(5).processElement({ n: 2 }, 6).processElement({ n: 3 }, 7);
    call(3).resolve('c-before');
    await mail(h);
    const snapshot = h.snapshot();
    expect(snapshot.operator).toEqual({ queue: [{ v: { n: 1 }, t: 1 }, { w: 5 }, { v: { n: 2 }, t: 6 }, { v: { n: 3 }, t: 7 }] });

    calls.length = 0;
    const restored = harness({ mode: 'unordered' });
    restored.restore(snapshot);
    expect(calls.map((c) => c.record.n)).toEqual([1, 2, 3]);
    call(1).resolve('a');
    call(2).resolve('b');
    call(3).resolve('c');
    await mail(restored);
    expect(restored.output).toEqual([
      { kind: 'record', value: 'a', timestamp: 1 },
      { kind: 'watermark', watermark: 5 },
      { kind: 'record', value: 'b', timestamp: 6 },
      { kind: 'record', value: 'c', timestamp: 7 },
    ]);
  });

  it('names the field when code is not a function', () => {
    expect(() => harness({ code: '42' })).toThrow(/params\.code: expected a function/);
  });
});
