/** The process window function (`function: {type: "process", code}`), Flink's ProcessWindowFunction. */
import type { WindowFunction, WindowFunctionContext } from './window-function.js';
import { type Window, windowInfo } from './window.js';

export type ProcessCode = (key: unknown, window: unknown, elements: unknown[], ctx: WindowFunctionContext) => unknown;

/**
 * Calls `code(key, {start, end, maxTimestamp}, elements, ctx)` with all of the window's elements
 * (a copy, so the function may sort it). An array result emits each item, undefined emits
 * nothing, anything else is one record.
 */
export class ProcessWindowFunction implements WindowFunction {
  readonly aggregate = null;

  constructor(private readonly code: ProcessCode) {}

  apply(key: unknown, window: Window, elements: unknown, ctx: WindowFunctionContext, emit: (value: unknown) => void): void {
    const result = this.code(key, windowInfo(window), (elements as unknown[]).slice(), ctx);
    if (result === undefined) return;
    if (Array.isArray(result)) for (const r of result) emit(r);
    else emit(result);
  }
}
