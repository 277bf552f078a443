/**
 * The types of the keyed state behind `ctx.state` (Flink's ValueState, ListState, MapState,
 * ReducingState, AggregatingState): what user functions see, and the descriptors a snapshot
 * records. The handles are in state-handles.ts, `ctx.state` itself in user-state.ts.
 */
import type { Namespace } from './keyed-state-backend.js';

export interface StateOptions {
  /** Time to live in ms of processing time, counted from the last write. Absent = forever. */
  ttlMs?: number;
}

/** One value per key. `update(null | undefined)` clears it (as Flink's ValueState). */
export interface ValueState<T = any> {
  /** The value, or undefined when there is none (or it expired). */
  get(): T | undefined;
  update(value: T | null | undefined): void;
  clear(): void;
}

/** A list per key. `get()` returns a fresh array, `[]` when empty; elements may not be null. */
export interface ListState<T = any> {
  get(): T[];
  add(value: T): void;
  addAll(values: readonly T[]): void;
  /** Replaces the list; an empty array clears it. */
  update(values: readonly T[]): void;
  clear(): void;
}

export type MapKey = string | number;

/** A map per key. Keys are strings or numbers (kept apart: `1` and `"1"` are different keys). */
export interface MapState<K extends MapKey = MapKey, V = any> {
  get(key: K): V | undefined;
  /** `put(k, undefined)` removes `k`. */
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

/** A value per key folded with `reduce(acc, value)`; the first value is stored as is. */
export interface ReducingState<T = any> {
  get(): T | undefined;
  add(value: T): void;
  clear(): void;
}

/** Flink's AggregateFunction: note `add(value, accumulator)` takes the value first. */
export interface AggregateFunctionSpec<IN = any, ACC = any, OUT = any> {
  create(): ACC;
  /** Returns the new accumulator; returning undefined keeps the (mutated) one passed in. */
  add(value: IN, accumulator: ACC): ACC;
  /** Absent: `get()` returns the accumulator. */
  result?(accumulator: ACC): OUT;
}

/** An accumulator per key, read through `result`. */
export interface AggregatingState<IN = any, OUT = any> {
  get(): OUT | undefined;
  add(value: IN): void;
  clear(): void;
}

export type StateKind = 'value' | 'list' | 'map' | 'reducing' | 'aggregating';

/**
 * What a snapshot records of each declared state (Flink's state meta info): its kind and TTL.
 * A restore checks it, so a state whose kind changed fails with a sentence instead of reading
 * a list as a map.
 */
export interface StateDescriptor {
  readonly kind: StateKind;
  readonly ttlMs?: number;
}

/** Which namespace a UserState's handles use; the owner re-points `ns` (windows: before each call). */
export interface StateScope {
  ns: Namespace;
}
