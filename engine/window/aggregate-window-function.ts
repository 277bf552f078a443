/** The built-in aggregate window function (`function: {type: "aggregate"}`). */
import { TimeWindow } from './time-window.js';
import type { BuiltinAggregate } from './builtin-aggregates.js';
import type { WindowFunction, WindowFunctionContext } from './window-function.js';
import type { Window } from './window.js';

/**
 * Emits `{key, windowStart, windowEnd, value}` per firing: `key` is left out for windowAll;
 * start/end are null for the global window (count windows included).
 */
export class AggregateWindowFunction implements WindowFunction {
  constructor(
    readonly aggregate: BuiltinAggregate,
    private readonly withKey: boolean,
  ) {}

  apply(key: unknown, window: Window, acc: unknown, _ctx: WindowFunctionContext, emit: (value: unknown) => void): void {
    const timed = window instanceof TimeWindow;
    const windowStart = timed ? window.start : null;
    const windowEnd = timed ? window.end : null;
    const value = this.aggregate.result(acc);
    emit(this.withKey ? { key, windowStart, windowEnd, value } : { windowStart, windowEnd, value });
  }
}
