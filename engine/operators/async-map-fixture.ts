/**
 * The test fixture of the asyncMap operator tests (async-map.test.ts, async-map-timeouts.test.ts).
 * Each test file empties `calls` after each test itself: with the unit project's shared module
 * cache, a hook registered here would run for the first file only.
 */
import { until } from '../testing/until.js';
import { AsyncMapOperator } from './async-map.js';
import { OperatorHarness } from './harness.js';
import type { AsyncMapParams } from '../graph/schema-params.js';

/**
 * A remote service the test answers by hand: each call waits until the test resolves or rejects
 * it, so completion order is the test's choice. User code reaches it through globalThis.
 */
export interface Call {
  readonly record: any;
  readonly attempt: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** What the function returned: the operator reacts to it before a test that awaits it later. */
  readonly promise: Promise<unknown>;
}
export const calls: Call[] = [];
(globalThis as any).__asyncService = (record: unknown, ctx: { attempt: number }) => {
  let settle!: Pick<Call, 'resolve' | 'reject'>;
  const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
  calls.push({ record, attempt: ctx.attempt, ...settle, promise });
  return promise;
};

export const CALL = '(r, ctx) => globalThis.__asyncService(r, ctx)';

export function harness(params: Partial<AsyncMapParams> = {}): OperatorHarness {
  return new OperatorHarness(new AsyncMapOperator(), {
    nodeId: 'enrich',
    kind: 'asyncMap',
    params: { code: CALL, capacity: 10, timeoutMs: 1000, mode: 'ordered', ...params },
  });
}

export const call = (n: number) => calls.find((c) => c.record.n === n)!;
export const last = (n: number) => calls.findLast((c) => c.record.n === n)!;

/** Waits for the operator's mail (the completion reached it) and runs it, as the task does. */
export async function mail(h: OperatorHarness): Promise<void> {
  await until(() => h.mailPending);
  h.processMail();
}
