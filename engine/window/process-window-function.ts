/** The process window function (`function: {type: "process", code}`), Flink's ProcessWindowFunction. */
import type { WindowFunction, WindowFunctionContext } from './window-function.js';
import type { Window } from './window.js';

export type ProcessCode = (key: unknown, window: unknown, elements: unknown[], ctx: WindowFunctionContext) => unknown;

/** What `code` may evaluate to: the process function, or an object with it and `clear`. */
export type ProcessWindowCode = ProcessCode | { process: ProcessCode; clear?: (ctx: WindowFunctionContext) => void };

/**
 * Calls `code(key, {start, end, maxTimestamp}, elements, ctx)` with all of the window's elements
 * (a copy, so the function may sort it). An array result emits each item, undefined emits
 * nothing, anything else is one record. The operator has entered `ctx` at the window first.
 * `clear(ctx)` runs when the window is cleaned up (after its allowed lateness).
 */
export class ProcessWindowFunction implements WindowFunction {
  readonly aggregate = null;
  private readonly process: ProcessCode;
  private readonly onClear: ((ctx: WindowFunctionContext) => void) | undefined;

  constructor(code: ProcessWindowCode) {
    if (typeof code === 'function') {
      this.process = code;
      this.onClear = undefined;
    } else {
      this.process = code.process.bind(code);
      this.onClear = code.clear?.bind(code);
    }
  }

  apply(key: unknown, _window: Window, elements: unknown, ctx: WindowFunctionContext, emit: (value: unknown) => void): void {
    const result = this.process(key, ctx.window, (elements as unknown[]).slice(), ctx);
    if (result === undefined) return;
    if (Array.isArray(result)) for (const r of result) emit(r);
    else emit(result);
  }

  clear(ctx: WindowFunctionContext): void {
    this.onClear?.(ctx);
  }
}
