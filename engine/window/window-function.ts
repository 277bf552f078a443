/**
 * The window function contract: what runs when a window fires. Functions that can aggregate
 * incrementally expose a `WindowAggregate`, so the operator keeps one accumulator per window
 * instead of every element (unless an evictor needs the elements).
 */
import type { UserState } from '../state/user-state.js';
import type { Window, WindowInfo } from './window.js';

/**
 * An incremental aggregation (Flink's AggregateFunction / ReduceFunction as state). Accumulators
 * are plain data (they are snapshotted). `create` starts from a window's first element; `merge`
 * combines two windows' accumulators (sessions), `a` being the one merged into.
 */
export interface WindowAggregate<ACC = any> {
  create(value: unknown): ACC;
  add(acc: ACC, value: unknown): ACC;
  merge(a: ACC, b: ACC): ACC;
}

/**
 * What a window function may ask of the operator (the `ctx` of process functions, Flink's
 * ProcessWindowFunction.Context). `window` and the per-window state are the firing (or, in
 * `clear`, the expiring) window's.
 */
export interface WindowFunctionContext {
  readonly window: WindowInfo;
  /** Keyed state of the current key and window (Flink's windowState()). */
  readonly windowState: UserState;
  /** Keyed state of the current key across its windows (Flink's globalState()). */
  readonly globalState: UserState;
  /** Emits on side output `tag`, with the window's max timestamp (Flink's output(OutputTag, value)). */
  output(tag: string, value: unknown): void;
  currentWatermark(): number;
  currentProcessingTime(): number;
}

/**
 * Turns a window's contents into results. Invariant: `contents` is an accumulator exactly when
 * `aggregate` is non-null (the operator folds evictor-filtered elements into one first), otherwise
 * the window's element array (never empty, and the function must not keep or mutate it).
 */
export interface WindowFunction {
  readonly aggregate: WindowAggregate | null;
  /** `key` is undefined for windowAll. Calls `emit` once per result. */
  apply(key: unknown, window: Window, contents: unknown, ctx: WindowFunctionContext, emit: (value: unknown) => void): void;
  /** Called when the window is cleaned up (Flink's ProcessWindowFunction.clear); `ctx` is entered at it. */
  clear?(ctx: WindowFunctionContext): void;
}

/** Folds elements with an aggregate (used after eviction). Undefined for no elements. */
export function aggregateAll(aggregate: WindowAggregate, values: readonly unknown[]): unknown {
  if (values.length === 0) return undefined;
  let acc = aggregate.create(values[0]);
  for (let i = 1; i < values.length; i++) acc = aggregate.add(acc, values[i]);
  return acc;
}
