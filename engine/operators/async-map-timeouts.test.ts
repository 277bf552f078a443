import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../testing/until.js';
import { OperatorError } from '../runtime/operator-error.js';
import { call, calls, harness, last, mail } from './async-map-fixture.js';

afterEach(() => {
  calls.length = 0;
});

/** asyncMap's timeouts, retries and end of input, as Flink 2.3's AsyncWaitOperator and RetryableResultHandlerDelegator. */
describe('asyncMap timeouts and retries', () => {
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
});
