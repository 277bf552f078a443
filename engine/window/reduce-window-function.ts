/** The reduce window function (`function: {type: "reduce", code}`), Flink's ReduceFunction on a window. */
import type { WindowAggregate, WindowFunction } from './window-function.js';

/** Reduces a window's elements pairwise, in arrival order, and emits the reduced value itself. */
export class ReduceWindowFunction implements WindowFunction {
  readonly aggregate: WindowAggregate;

  constructor(reduce: (a: unknown, b: unknown) => unknown) {
    this.aggregate = { create: (v) => v, add: reduce, merge: reduce };
  }

  apply(_key: unknown, _window: unknown, reduced: unknown, _ctx: unknown, emit: (value: unknown) => void): void {
    emit(reduced);
  }
}
