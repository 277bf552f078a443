/**
 * asyncMap's retry strategies (Flink's AsyncRetryStrategies): fixed delay, and exponential
 * backoff with a bounded delay. As in Flink, `attempts` counts the calls made so far (1 after
 * the first), a retry happens while `attempts <= maxAttempts`, and which outcomes are retried
 * is decided by the predicates (an exception; an empty result).
 */
import type { AsyncMapParams } from '../graph/schema-params.js';

export interface AsyncRetryStrategy {
  /** Retry after a failed call: Flink's `RetryPredicates.HAS_EXCEPTION_PREDICATE`. */
  readonly onException: boolean;
  /** Retry after a call that returned no record: `RetryPredicates.EMPTY_RESULT_PREDICATE`. */
  readonly onEmptyResult: boolean;
  /** Whether another call may follow after `attempts` calls. */
  canRetry(attempts: number): boolean;
  /** The wait before the call that follows `attempts` calls (ms). */
  backoffMs(attempts: number): number;
}

export function createRetryStrategy(retry: AsyncMapParams['retry']): AsyncRetryStrategy | null {
  if (retry === undefined) return null;
  const { maxAttempts, delayMs, multiplier, onException, onEmptyResult } = retry;
  const maxDelay = retry.maxDelayMs ?? Infinity;
  const canRetry = (attempts: number) => attempts <= maxAttempts;
  if (retry.strategy === 'fixedDelay') return { onException, onEmptyResult, canRetry, backoffMs: () => delayMs };
  return {
    onException,
    onEmptyResult,
    canRetry,
    backoffMs: (attempts) => Math.min(maxDelay, delayMs * multiplier ** Math.max(0, attempts - 1)),
  };
}
