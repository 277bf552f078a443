import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../testing/until.js';
import { AsyncMapOperator } from './async-map.js';
import { OperatorHarness } from './harness.js';
import type { AsyncMapParams } from '../graph/schema-params.js';
import { OperatorError } from '../runtime/operator-error.js';

/**
 * A remote service the test answers by hand: each call waits until the test resolves or rejects
 * it, so completion order is the test's choice. User code reaches it through globalThis.
 */
interface Call {
  readonly record: any;
  readonly attempt: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** What the function returned: the operator reacts to it before a test that awaits it later. */
  readonly promise: Promise<unknown>;
}
const calls: Call[] = [];
(globalThis as any).__asyncService = (record: unknown, ctx: { attempt: number }) => {
  let settle!: Pick<Call, 'resolve' | 'reject'>;
  const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
  calls.push({ record, attempt: ctx.attempt, ...settle, promise });
  return promise;
};

afterEach(() => {
  calls.length = 0;
});

const CALL = '(r, ctx) => globalThis.__asyncService(r, ctx)';

function harness(params: Partial<AsyncMapParams> = {}): OperatorHarness {
  return new OperatorHarness(new AsyncMapOperator(), {
    nodeId: 'enrich',
    kind: 'asyncMap',
    params: { code: CALL, capacity: 10, timeoutMs: 1000, mode: 'ordered', ...params },
  });
}

const call = (n: number) => calls.find((c) => c.record.n === n)!;
const last = (n: number) => calls.findLast((c) => c.record.n === n)!;

/** Waits for the operator's mail (the completion reached it) and runs it, as the task does. */
async function mail(h: OperatorHarness): Promise<void> {
  await until(() => h.mailPending);
  h.processMail();
}

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

  it('fails the job naming the node and the record when a call times out', () => {
    const h = harness({ timeoutMs: 500 });
    h.processElement({ n: 7 }, 1);
    h.setProcessingTime(499);
    let error: unknown;
    try {
      h.setProcessingTime(500);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OperatorError);
    expect((error as OperatorError).nodeId).toBe('enrich');
    expect((error as OperatorError).message).toMatch(/timed out after 500 ms/);
    expect((error as OperatorError).record).toEqual({ n: 7 });
  });

  it('an answer that arrived before the deadline wins over the timer, even when the task had not run its mail yet', async () => {
    const h = harness({ timeoutMs: 500 });
    h.processElement({ n: 1 }, 1);
    call(1).resolve('in time');
    await until(() => h.mailPending);
    h.setProcessingTime(500);
    expect(h.records()).toEqual(['in time']);
  });

  it('emits what the timeout function returns, in its place, and ignores a late answer', async () => {
    const h = harness({ timeoutMs: 500, timeout: '(r) => ({ n: r.n, timedOut: true })' });
    h.processElement({ n: 1 }, 1).processElement({ n: 2 }, 2);
    call(2).resolve({ n: 2 });
    await mail(h);
    h.setProcessingTime(500);
    call(1).resolve({ n: 1, late: true });
    // The operator's reaction to the late answer was registered first, so it has run by now.
    await call(1).promise;
    h.processMail();
    expect(h.records()).toEqual([{ n: 1, timedOut: true }, { n: 2 }]);
  });

  it('fails the job with the call\'s error when there is no retry', async () => {
    const h = harness();
    h.processElement({ n: 1 }, 1);
    call(1).reject(new Error('503 from the service'));
    await until(() => h.mailPending);
    expect(() => h.processMail()).toThrow(/the async call failed: 503 from the service/);
  });

  it('retries with a fixed delay, up to maxAttempts retries, then fails', async () => {
    const h = harness({ timeoutMs: 10_000, retry: { strategy: 'fixedDelay', maxAttempts: 2, delayMs: 100, multiplier: 2, onException: true, onEmptyResult: false } });
    h.processElement({ n: 1 }, 1);
    last(1).reject(new Error('busy'));
    await mail(h);
    expect(calls).toHaveLength(1);
    h.setProcessingTime(99);
    expect(calls).toHaveLength(1);
    h.setProcessingTime(100);
    expect(last(1).attempt).toBe(2);
    last(1).reject(new Error('busy'));
    await mail(h);
    h.setProcessingTime(200);
    expect(last(1).attempt).toBe(3);
    last(1).reject(new Error('still busy'));
    await until(() => h.mailPending);
    expect(() => h.processMail()).toThrow(/failed \(after 3 attempts\): still busy/);
  });

  it('backs off exponentially up to maxDelayMs and emits the answer of a retry', async () => {
    const retry = { strategy: 'exponentialBackoff', maxAttempts: 5, delayMs: 100, maxDelayMs: 300, multiplier: 2, onException: true, onEmptyResult: false } as const;
    const h = harness({ timeoutMs: 10_000, retry });
    h.processElement({ n: 1 }, 1);
    const retriedAt: number[] = [];
    for (const t of [100, 300, 600]) {
      last(1).reject(new Error('busy'));
      await mail(h);
      const before = calls.length;
      h.setProcessingTime(t - 1);
      expect(calls).toHaveLength(before);
      h.setProcessingTime(t);
      expect(calls).toHaveLength(before + 1);
      retriedAt.push(t);
    }
    // Delays 100, 200, then 300 (capped, not 400).
    expect(retriedAt).toEqual([100, 300, 600]);
    last(1).resolve('ok');
    await mail(h);
    expect(h.records()).toEqual(['ok']);
  });

  it('retries an empty result when onEmptyResult, and emits the last one when retries run out', async () => {
    const retry = { strategy: 'fixedDelay', maxAttempts: 1, delayMs: 10, multiplier: 2, onException: true, onEmptyResult: true } as const;
    const h = harness({ timeoutMs: 10_000, retry });
    h.processElement({ n: 1 }, 1).processElement({ n: 2 }, 2);
    last(1).resolve([]);
    last(2).resolve('two');
    await mail(h);
    h.setProcessingTime(10);
    expect(last(1).attempt).toBe(2);
    last(1).resolve([]);
    await mail(h);
    expect(h.records()).toEqual(['two']);
    expect(h.operator.hasPendingWork!()).toBe(false);
  });

  describe("timeouts with retries (Flink 2.3's RetryableResultHandlerDelegator: one timer per record, no retry past it)", () => {
    const retry = { strategy: 'fixedDelay', maxAttempts: 3, delayMs: 100, multiplier: 2, onException: true, onEmptyResult: true } as const;

    it('the timeout counts from the first call, retries included: a retry before it runs, the timeout then cancels the next one', async () => {
      const h = harness({ timeoutMs: 300, retry: { ...retry, delayMs: 200 }, timeout: '(r, ctx) => ({ ...r, timedOut: ctx.attempt })' });
      h.processElement({ n: 1 }, 1);
      last(1).reject(new Error('busy'));
      await mail(h);
      h.setProcessingTime(200);
      expect(last(1).attempt).toBe(2);
      last(1).reject(new Error('busy'));
      await mail(h);
      // The next retry would be at 400, past the deadline at 300: the timeout comes first.
      h.setProcessingTime(300);
      expect(h.records()).toEqual([{ n: 1, timedOut: 2 }]);
      h.setProcessingTime(400);
      expect(calls).toHaveLength(2);
    });

    it('a timeout is not retried, even with onException and attempts to spare: without a timeout function the job fails', () => {
      const h = harness({ timeoutMs: 300, retry });
      h.processElement({ n: 7 }, 1);
      let error: unknown;
      try {
        h.setProcessingTime(300);
      } catch (e) {
        error = e;
      }
      expect((error as OperatorError).nodeId).toBe('enrich');
      expect((error as OperatorError).message).toMatch(/timed out after 300 ms \(params\.timeoutMs/);
      expect((error as OperatorError).record).toEqual({ n: 7 });
      h.setProcessingTime(10_000);
      expect(calls).toHaveLength(1);
    });

    it('an empty result of the timeout function is final, even with onEmptyResult', () => {
      const h = harness({ timeoutMs: 300, retry, timeout: '(r) => undefined' });
      h.processElement({ n: 1 }, 1).processElement({ n: 2 }, 2);
      call(2).resolve('two');
      h.setProcessingTime(300);
      h.setProcessingTime(10_000);
      expect(calls).toHaveLength(2);
      expect(h.operator.hasPendingWork!()).toBe(false);
    });

    it('a failure handled after the deadline is final: the call\'s error, not a retry nor the timeout', async () => {
      const h = harness({ timeoutMs: 300, retry, timeout: '(r) => "fallback"' });
      h.processElement({ n: 1 }, 1);
      last(1).reject(new Error('503 from the service'));
      await until(() => h.mailPending);
      // The clock jumped past the deadline before the task ran the failure (Flink: isTimeout()).
      expect(() => h.setProcessingTime(301)).toThrow(/the async call failed: 503 from the service/);
      expect(calls).toHaveLength(1);
    });

    it('a failure handled at the deadline itself is retried, and the timeout then cancels that retry', async () => {
      const h = harness({ timeoutMs: 300, retry, timeout: '(r) => "fallback"' });
      h.processElement({ n: 1 }, 1);
      last(1).reject(new Error('busy'));
      await until(() => h.mailPending);
      h.setProcessingTime(300);
      expect(h.records()).toEqual(['fallback']);
      h.setProcessingTime(400);
      expect(calls).toHaveLength(1);
    });
  });

  describe('at the end of input (Flink\'s AsyncWaitOperator.endInput: retries stop)', () => {
    const retry = { strategy: 'fixedDelay', maxAttempts: 3, delayMs: 1000, multiplier: 2, onException: true, onEmptyResult: true } as const;

    it('calls a record waiting for its retry once more at once, and emits that answer', async () => {
      const h = harness({ timeoutMs: 10_000, retry });
      h.processElement({ n: 1 }, 1);
      last(1).reject(new Error('busy'));
      await mail(h);
      expect(calls).toHaveLength(1);
      h.operator.endInput(0);
      // Not at 1000 ms: now.
      expect(calls).toHaveLength(2);
      expect(last(1).attempt).toBe(2);
      last(1).resolve('ok');
      await mail(h);
      expect(h.records()).toEqual(['ok']);
      expect(h.operator.hasPendingWork!()).toBe(false);
      h.operator.finish();
    });

    it('the final attempt is not retried: its failure fails the job, with attempts to spare', async () => {
      const h = harness({ timeoutMs: 10_000, retry });
      h.processElement({ n: 1 }, 1);
      last(1).reject(new Error('busy'));
      await mail(h);
      h.operator.endInput(0);
      last(1).reject(new Error('still busy'));
      await until(() => h.mailPending);
      expect(() => h.processMail()).toThrow(/failed \(after 2 attempts\): still busy/);
    });

    it('an empty answer of the final attempt is emitted as nothing, not retried', async () => {
      const h = harness({ timeoutMs: 10_000, retry });
      h.processElement({ n: 1 }, 1).processElement({ n: 2 }, 2);
      last(1).resolve([]);
      await mail(h);
      h.operator.endInput(0);
      last(1).resolve([]);
      last(2).resolve('two');
      await mail(h);
      h.setProcessingTime(5000);
      expect(calls).toHaveLength(3);
      expect(h.records()).toEqual(['two']);
      expect(h.operator.hasPendingWork!()).toBe(false);
    });

    it('a first call in flight gets no retry: its failure fails the job', async () => {
      const h = harness({ timeoutMs: 10_000, retry });
      h.processElement({ n: 1 }, 1);
      h.operator.endInput(0);
      expect(calls).toHaveLength(1);
      last(1).reject(new Error('busy'));
      await until(() => h.mailPending);
      expect(() => h.processMail()).toThrow(/the async call failed: busy/);
    });

    it('a retry in flight gets a final call beside it, even past maxAttempts; the first to settle wins', async () => {
      const h = harness({ timeoutMs: 10_000, retry: { ...retry, maxAttempts: 1 } });
      h.processElement({ n: 1 }, 1);
      last(1).reject(new Error('busy'));
      await mail(h);
      h.setProcessingTime(1000);
      const second = last(1);
      expect(second.attempt).toBe(2);
      h.operator.endInput(0);
      expect(calls).toHaveLength(3);
      expect(last(1).attempt).toBe(3);
      last(1).resolve('third');
      await mail(h);
      second.resolve('second');
      // The operator's handler was attached to the call's promise before this await: it has run when it returns.
      await second.promise;
      h.processMail();
      expect(h.records()).toEqual(['third']);
    });

    it('the deadline still holds for the final attempt', async () => {
      const h = harness({ timeoutMs: 2000, retry, timeout: '(r, ctx) => ({ ...r, timedOut: ctx.attempt })' });
      h.processElement({ n: 1 }, 1);
      last(1).reject(new Error('busy'));
      await mail(h);
      h.operator.endInput(0);
      h.setProcessingTime(2000);
      expect(h.records()).toEqual([{ n: 1, timedOut: 2 }]);
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
