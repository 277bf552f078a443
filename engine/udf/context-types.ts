/**
 * The function context API as TypeScript declarations, for editors that type-check user code.
 *
 * `FUNCTION_CONTEXT_DTS` is the source of an ambient `.d.ts` declaring the namespace `Eddy`:
 * the `ctx` and `out` that `process` and `connect` functions receive (FunctionContext,
 * FunctionOut), the keyed state handles behind `ctx.state` (UserState), the timers, and what a
 * window process function gets (WindowInfo, WindowFunctionContext). It lives beside the runtime
 * it describes; `context-types.test.ts` compiles it against those runtime types so the two
 * cannot drift apart. The engine itself never reads it.
 */

/** Ambient declarations of the `Eddy` namespace (a script, not a module). */
export const FUNCTION_CONTEXT_DTS = `/** The API Eddy hands to user functions (Flink's function contexts). */
declare namespace Eddy {
  /** Options of a state declaration. */
  interface StateOptions {
    /** Time to live in ms of processing time, counted from the last write. Absent = forever. */
    ttlMs?: number;
  }

  /** One value per key (Flink's ValueState). */
  interface ValueState<T = any> {
    /** The value, or undefined when there is none (or it expired). */
    get(): T | undefined;
    /** Replaces the value; null or undefined clears it. */
    update(value: T | null | undefined): void;
    clear(): void;
  }

  /** A list per key (Flink's ListState); elements may not be null. */
  interface ListState<T = any> {
    /** A copy of the list, [] when empty. */
    get(): T[];
    add(value: T): void;
    addAll(values: readonly T[]): void;
    /** Replaces the list; an empty array clears it. */
    update(values: readonly T[]): void;
    clear(): void;
  }

  /** Keys of map state: strings or numbers (1 and "1" are different keys). */
  type MapKey = string | number;

  /** A map per key (Flink's MapState). */
  interface MapState<K extends MapKey = MapKey, V = any> {
    get(key: K): V | undefined;
    /** put(k, undefined) removes k. */
    put(key: K, value: V): void;
    putAll(entries: Iterable<readonly [K, V]>): void;
    remove(key: K): void;
    has(key: K): boolean;
    entries(): Array<[K, V]>;
    keys(): K[];
    values(): V[];
    isEmpty(): boolean;
    clear(): void;
  }

  /** A value per key folded with the reduce function (Flink's ReducingState). */
  interface ReducingState<T = any> {
    get(): T | undefined;
    add(value: T): void;
    clear(): void;
  }

  /** Flink's AggregateFunction: add takes the value first, then the accumulator. */
  interface AggregateFunctionSpec<IN = any, ACC = any, OUT = any> {
    create(): ACC;
    /** Returns the new accumulator; returning undefined keeps the (mutated) one passed in. */
    add(value: IN, accumulator: ACC): ACC;
    /** Absent: get() returns the accumulator. */
    result?(accumulator: ACC): OUT;
  }

  /** An accumulator per key, read through result (Flink's AggregatingState). */
  interface AggregatingState<IN = any, OUT = any> {
    get(): OUT | undefined;
    add(value: IN): void;
    clear(): void;
  }

  /**
   * ctx.state: keyed state of the current key. The first call with a name declares the state;
   * later calls with that name return the same handle. Values must be JSON-compatible.
   */
  interface State {
    value<T = any>(name: string, options?: StateOptions): ValueState<T>;
    list<T = any>(name: string, options?: StateOptions): ListState<T>;
    map<K extends MapKey = MapKey, V = any>(name: string, options?: StateOptions): MapState<K, V>;
    reducing<T = any>(name: string, reduce: (acc: T, value: T) => T, options?: StateOptions): ReducingState<T>;
    aggregating<IN = any, ACC = any, OUT = any>(name: string, fn: AggregateFunctionSpec<IN, ACC, OUT>, options?: StateOptions): AggregatingState<IN, OUT>;
  }

  /** ctx.timers: timers of the current key; onTimer(t, ctx, out) runs when one fires. */
  interface Timers {
    /** Fires when the watermark reaches time (>=). */
    registerEventTime(time: number): void;
    /** Fires when processing time reaches time. */
    registerProcessingTime(time: number): void;
    deleteEventTime(time: number): void;
    deleteProcessingTime(time: number): void;
  }

  /** Which clock fired a timer. */
  type TimeDomain = 'event-time' | 'processing-time';

  /** The ctx of process and connect functions. Re-used between calls: do not keep it. */
  interface Context<K = any> {
    /** The current key (undefined on a non-keyed connect). */
    readonly key: K;
    /** The record's event timestamp (null when it has none); in onTimer, the timer's time. */
    readonly timestamp: number | null;
    /** In onTimer: which clock fired it. Undefined in onElement. */
    readonly timeDomain: TimeDomain | undefined;
    readonly state: State;
    readonly timers: Timers;
    /** The node's current input watermark (-Infinity before the first). */
    currentWatermark(): number;
    /** The current processing time (ms). */
    currentProcessingTime(): number;
  }

  /** The out of process and connect functions. */
  interface Collector<OUT = any> {
    /** Emits on the main output. */
    collect(value: OUT): void;
    /** Emits on the side output tag (a non-empty string other than "out"). */
    output(tag: string, value: any): void;
  }

  /** A process node's code (Flink's KeyedProcessFunction). */
  interface ProcessFunction<IN = any, K = any, OUT = any> {
    onElement(record: IN, ctx: Context<K>, out: Collector<OUT>): void;
    onTimer?(timestamp: number, ctx: Context<K>, out: Collector<OUT>): void;
    /** Runs once before the first record, outside any key: plain setup, not state. */
    open?(ctx: Context<K>): void;
    /** Helpers of your own may sit beside the handlers. */
    [member: string]: unknown;
  }

  /** A connect node's code (Flink's (Keyed)CoProcessFunction). */
  interface CoProcessFunction<IN1 = any, IN2 = any, K = any, OUT = any> {
    onElement1(record: IN1, ctx: Context<K>, out: Collector<OUT>): void;
    onElement2(record: IN2, ctx: Context<K>, out: Collector<OUT>): void;
    onTimer?(timestamp: number, ctx: Context<K>, out: Collector<OUT>): void;
    open?(ctx: Context<K>): void;
    [member: string]: unknown;
  }

  /** The window a window process function computes: start and end are null for global windows. */
  interface WindowInfo {
    readonly start: number | null;
    readonly end: number | null;
    /** end - 1: the window's last instant, and its results' timestamp. */
    readonly maxTimestamp: number;
  }

  /** The ctx of a window process function. */
  interface WindowContext {
    currentWatermark(): number;
    currentProcessingTime(): number;
  }

  /** A window process function: (key, window, elements, ctx) => results. */
  type ProcessWindowFunction<IN = any, K = any> = (key: K, window: WindowInfo, elements: IN[], ctx: WindowContext) => unknown;

  /** What ctx.fetch answers (the platform's Response, in short). */
  interface FetchResponse {
    readonly ok: boolean;
    readonly status: number;
    readonly statusText: string;
    json(): Promise<any>;
    text(): Promise<string>;
  }

  /** The ctx of an asyncMap function (and of its timeout function). */
  interface AsyncContext {
    /** 1 for a record's first call, then 2, 3… for its retries. */
    readonly attempt: number;
    readonly subtaskIndex: number;
    readonly parallelism: number;
    /** The platform's fetch; a relative URL is relative to the job (the examples folder in the browser, the job file's folder in the CLI). */
    fetch(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<FetchResponse>;
  }
}
`;
