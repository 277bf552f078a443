/**
 * The function context API as TypeScript declarations, for editors that type-check user code.
 *
 * `FUNCTION_CONTEXT_DTS` is the source of an ambient `.d.ts` declaring the namespace `Eddy`:
 * the `ctx` and `out` that `process` and `connect` functions receive (FunctionContext,
 * FunctionOut), the keyed state handles behind `ctx.state` (UserState), the timers, and what a
 * window process function gets (WindowInfo, WindowFunctionContext, its clear callback). It lives beside the runtime
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

  /** A list of this subtask's, not of a key (Flink's operator ListState). */
  interface OperatorListState<T = any> {
    /** A copy of the list, [] when empty. */
    get(): T[];
    add(value: T): void;
    addAll(values: readonly T[]): void;
    /** Replaces the list; an empty array clears it. */
    update(values: readonly T[]): void;
    clear(): void;
  }

  /**
   * ctx.operatorState: state of this subtask, checkpointed like keyed state. On a restore at
   * another parallelism list(name) is split evenly over the subtasks (Flink's getListState) and
   * unionList(name) goes whole to every subtask (Flink's getUnionListState).
   */
  interface OperatorStateStore {
    list<T = any>(name: string): OperatorListState<T>;
    unionList<T = any>(name: string): OperatorListState<T>;
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
    /** The current key (undefined on a non-keyed connect or process). */
    readonly key: K;
    /** The record's event timestamp (null when it has none); in onTimer, the timer's time. */
    readonly timestamp: number | null;
    /** In onTimer: which clock fired it. Undefined in onElement. */
    readonly timeDomain: TimeDomain | undefined;
    readonly state: State;
    readonly timers: Timers;
    /** Operator state of this subtask (any input, keyed or not). */
    readonly operatorState: OperatorStateStore;
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

  /** Broadcast state as processElement and onTimer see it (Flink's ReadOnlyBroadcastState): reads only. */
  interface ReadOnlyBroadcastState<K extends MapKey = MapKey, V = any> {
    /** The stored value itself: do not change it here (only processBroadcastElement may). */
    get(key: K): V | undefined;
    contains(key: K): boolean;
    /** The entries in insertion order. */
    entries(): Array<[K, V]>;
    keys(): K[];
    values(): V[];
    isEmpty(): boolean;
  }

  /** Broadcast state as processBroadcastElement sees it (Flink's BroadcastState). */
  interface BroadcastState<K extends MapKey = MapKey, V = any> extends ReadOnlyBroadcastState<K, V> {
    /** put(k, undefined) removes k. */
    put(key: K, value: V): void;
    putAll(entries: Iterable<readonly [K, V]>): void;
    remove(key: K): void;
    clear(): void;
  }

  /** The ctx of processElement and onTimer in a process.broadcast node: broadcast state is read-only. */
  interface ReadOnlyBroadcastContext<K = any> extends Context<K> {
    /** The broadcast state called name; every subtask holds the same copy. */
    broadcastState<BK extends MapKey = MapKey, V = any>(name: string): ReadOnlyBroadcastState<BK, V>;
  }

  /** The ctx of processBroadcastElement: writable broadcast state, no current key, no timers. */
  interface BroadcastContext<K = any> {
    readonly key: undefined;
    /** The broadcast record's event timestamp (null when it has none). */
    readonly timestamp: number | null;
    readonly timeDomain: undefined;
    broadcastState<BK extends MapKey = MapKey, V = any>(name: string): BroadcastState<BK, V>;
    /**
     * Runs fn for every key of this subtask that holds keyed state name, with that key's handle
     * (Flink's applyToKeyedState). Declare the state first, e.g. ctx.state.value(name) in open.
     */
    applyToKeyedState<S = any>(name: string, fn: (key: K, state: S) => void): void;
    /** Operator state of this subtask, the same as in processElement. */
    readonly operatorState: OperatorStateStore;
    currentWatermark(): number;
    currentProcessingTime(): number;
  }

  /** A process.broadcast node's code (Flink's KeyedBroadcastProcessFunction, or BroadcastProcessFunction when in1 is not keyed). */
  interface BroadcastProcessFunction<IN = any, RULE = any, K = any, OUT = any> {
    processElement(record: IN, ctx: ReadOnlyBroadcastContext<K>, out: Collector<OUT>): void;
    processBroadcastElement(rule: RULE, ctx: BroadcastContext<K>, out: Collector<OUT>): void;
    onTimer?(timestamp: number, ctx: ReadOnlyBroadcastContext<K>, out: Collector<OUT>): void;
    /** Runs once before the first record, outside any key: declare states here. */
    open?(ctx: ReadOnlyBroadcastContext<K>): void;
    [member: string]: unknown;
  }

  /** The window a window process function computes: start and end are null for global windows. */
  interface WindowInfo {
    readonly start: number | null;
    readonly end: number | null;
    /** end - 1: the window's last instant, and its results' timestamp. */
    readonly maxTimestamp: number;
  }

  /** The ctx of an interval join's function (Flink's ProcessJoinFunction.Context). Re-used between pairs: do not keep it. */
  interface ProcessJoinContext {
    /** The left record's event timestamp. */
    readonly leftTimestamp: number;
    /** The right record's event timestamp. */
    readonly rightTimestamp: number;
    /** The pair's timestamp: the later of the two, the timestamp of everything the pair emits. */
    readonly timestamp: number;
    /** Emits on the side output tag (a non-empty string other than "out"), at the pair's timestamp. */
    output(tag: string, value: any): void;
  }

  /** The ctx of a window process function (Flink's ProcessWindowFunction.Context). Re-used between calls: do not keep it. */
  interface WindowContext {
    /** The firing window (in clear, the one being cleaned up). */
    readonly window: WindowInfo;
    /**
     * State of the current key and this window: late firings see what earlier firings left. It
     * goes when the window is cleaned up (after clear). Not allowed with session windows.
     */
    readonly windowState: State;
    /** State of the current key across all its windows. */
    readonly globalState: State;
    /** Emits on the side output tag (a non-empty string other than "out"), at the window's max timestamp. */
    output(tag: string, value: any): void;
    /** The node's current input watermark (-Infinity before the first). */
    currentWatermark(): number;
    /** The current processing time (ms). */
    currentProcessingTime(): number;
  }

  /** A window process function: (key, window, elements, ctx) => results. */
  type ProcessWindowFunctionCode<IN = any, K = any> = (key: K, window: WindowInfo, elements: IN[], ctx: WindowContext) => unknown;

  /** A window process function, or an object with it and clear(ctx), called when the window is cleaned up (Flink's ProcessWindowFunction). */
  type ProcessWindowFunction<IN = any, K = any> =
    | ProcessWindowFunctionCode<IN, K>
    | { process: ProcessWindowFunctionCode<IN, K>; clear?(ctx: WindowContext): void; [member: string]: unknown };

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
