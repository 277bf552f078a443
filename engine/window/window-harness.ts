/**
 * Test and teaching helpers: a harness around a `window` node with the params the validator
 * would pass (defaults applied), and small record factories.
 */
import type { Tracer } from '../operators/tracer.js';
import { OperatorHarness } from '../operators/harness.js';
import type { OperatorSnapshot } from '../operators/operator.js';
import { WindowOperator } from './window-operator.js';

/** Window params with the job format's defaults applied to whatever `params` leaves out. */
export function windowParams(params: Record<string, any>): Record<string, any> {
  return {
    trigger: 'default',
    evictor: null,
    allowedLatenessMs: 0,
    function: { type: 'aggregate', fn: 'sum', field: 'v' },
    ...params,
  };
}

/** A keyed (by field `k`) window harness, or a windowAll one with `{windowAll: true}`. */
export function windowHarness(params: Record<string, any>, options: { windowAll?: boolean; startTime?: number; tracer?: Tracer } = {}): OperatorHarness {
  return new OperatorHarness(new WindowOperator(), {
    nodeId: 'w1',
    kind: 'window',
    params: windowParams(params),
    keys: options.windowAll ? undefined : ['k'],
    constantKey: options.windowAll === true,
    startTime: options.startTime,
    ...(options.tracer ? { tracer: options.tracer } : {}),
  });
}

/** Restores `snapshot` into a fresh harness built like `windowHarness(params, options)`. */
export function restoredWindowHarness(
  params: Record<string, any>,
  snapshot: OperatorSnapshot,
  options: { windowAll?: boolean; startTime?: number } = {},
): OperatorHarness {
  return windowHarness(params, options).restore(snapshot);
}

/** A record `{k, v}`. */
export function rec(k: string, v: number): { k: string; v: number } {
  return { k, v };
}

/** Main-output [value, timestamp] pairs sorted by timestamp, then by JSON text (Flink's sorted comparison). */
export function sortedResults(h: OperatorHarness): Array<[unknown, number]> {
  return h
    .recordsWithTimestamps()
    .sort((a, b) => a[1] - b[1] || JSON.stringify(a[0]).localeCompare(JSON.stringify(b[0])));
}
