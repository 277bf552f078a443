/**
 * The keyed state behind `ctx.state` in `process` and `connect` functions (Flink's ValueState,
 * ListState, MapState, ReducingState, AggregatingState, with optional TTL).
 *
 * Every handle reads and writes one table of the KeyedStateBackend (named after the state, VOID
 * namespace) for the backend's current key, so a handle created once serves every key and a
 * snapshot of the backend captures all user state. Stored values are plain JSON-compatible data.
 *
 * TTL follows Flink's StateTtlConfig defaults: time is processing time (`clock.now()`), an
 * entry's timestamp is set when it is created or written (never on read), an expired entry is
 * never returned, and it is removed lazily when it is next accessed. An entry written at `t`
 * with `ttlMs` expires once `now ≥ t + ttlMs`. List and map TTL is per element / per entry.
 */
import type { ProcessingTimeService } from '../time/processing-time.js';
import { type KeyedStateBackend, type Namespace, type StateTable, VOID_NAMESPACE } from './keyed-state-backend.js';

export interface StateOptions {
  /** Time to live in ms of processing time, counted from the last write. Absent = forever. */
  ttlMs?: number;
}

/** A value with the processing time of its last write: how TTL'd state is stored. */
interface Stamped<T> {
  v: T;
  t: number;
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

/** Thrown when a function declares a restored state as another kind, or adds or drops its TTL. */
export class StateTypeChangedError extends Error {
  readonly suppressRestarts: true;
  constructor(
    readonly stateName: string,
    readonly restored: StateDescriptor,
    readonly declared: StateDescriptor,
  ) {
    const what = (d: StateDescriptor) => `${d.kind} state${d.ttlMs === undefined ? ' without TTL' : ' with TTL'}`;
    super(
      `state "${stateName}" was restored as a ${what(restored)}, but the function declares a ${what(declared)}; ` +
        'a state keeps its type across a restore (rename the state to start it afresh, or edit the savepoint to delete it)',
    );
    this.name = 'StateTypeChangedError';
    // Every attempt would fail alike: Flink fails such a restore for good, with no restart.
    this.suppressRestarts = true as const;
  }
}

/** Whether `declared` can read what was written as `restored` (the kind, and TTL on or off, must match; its length may change). */
function compatible(restored: StateDescriptor, declared: StateDescriptor): boolean {
  return restored.kind === declared.kind && (restored.ttlMs === undefined) === (declared.ttlMs === undefined);
}

interface Declared {
  kind: StateKind;
  ttlMs: number | undefined;
  handle: unknown;
}

/**
 * `ctx.state`: creates each named handle once and hands the same one back on later calls (the
 * first declaration's functions win, as with Flink's state descriptors). A name holds one kind
 * of state with one TTL. Without a backend (non-keyed input) every call throws `unkeyedMessage`.
 */
export class UserState {
  private readonly declared = new Map<string, Declared>();
  /** Descriptors of restored states, kept in later snapshots even before (or without) a declaration. */
  private restored: Record<string, StateDescriptor> = {};
  private readonly scope: StateScope;
  private readonly tablePrefix: string;

  /**
   * `scope` (default: always the VOID namespace) says which namespace every handle reads and
   * writes, e.g. the firing window's; `tablePrefix` is put before each state's table name, so
   * states of different scopes with one name stay apart.
   */
  constructor(
    private readonly backend: KeyedStateBackend | null,
    private readonly clock: ProcessingTimeService,
    private readonly unkeyedMessage = 'keyed state needs a keyed input (add a keyBy before this node)',
    options: { scope?: StateScope; tablePrefix?: string } = {},
  ) {
    this.scope = options.scope ?? { ns: VOID_NAMESPACE };
    this.tablePrefix = options.tablePrefix ?? '';
  }

  /** Removes every state's value in namespace `ns` of the current key (declared or restored states). */
  clearNamespace(ns: Namespace): void {
    const backend = this.backend;
    if (backend === null) return;
    const names = new Set([...Object.keys(this.restored), ...this.declared.keys()]);
    for (const name of names) backend.table<unknown>(this.tablePrefix + name).remove(ns);
  }

  value<T = any>(name: string, options?: StateOptions): ValueState<T> {
    return this.declare(name, 'value', options, (table, ttl) => new ValueStateHandle<T>(table, ttl, this.scope));
  }

  list<T = any>(name: string, options?: StateOptions): ListState<T> {
    return this.declare(name, 'list', options, (table, ttl) => new ListStateHandle<T>(table, ttl, this.scope, name));
  }

  map<K extends MapKey = MapKey, V = any>(name: string, options?: StateOptions): MapState<K, V> {
    return this.declare(name, 'map', options, (table, ttl) => new MapStateHandle<K, V>(table, ttl, this.scope, name));
  }

  reducing<T = any>(name: string, reduce: (acc: T, value: T) => T, options?: StateOptions): ReducingState<T> {
    if (typeof reduce !== 'function') throw new Error(`reducing state "${name}" needs a function (acc, value) => acc`);
    return this.declare(name, 'reducing', options, (table, ttl) => new ReducingStateHandle<T>(table, ttl, this.scope, reduce));
  }

  aggregating<IN = any, ACC = any, OUT = any>(
    name: string,
    fn: AggregateFunctionSpec<IN, ACC, OUT>,
    options?: StateOptions,
  ): AggregatingState<IN, OUT> {
    if (fn == null || typeof fn.create !== 'function' || typeof fn.add !== 'function' || (fn.result !== undefined && typeof fn.result !== 'function')) {
      throw new Error(`aggregating state "${name}" needs {create(), add(value, acc), result?(acc)}`);
    }
    return this.declare(name, 'aggregating', options, (table, ttl) => new AggregatingStateHandle<IN, ACC, OUT>(table, ttl, this.scope, fn));
  }

  /** The handle declared under `name` (any kind), or undefined when none was declared yet. */
  handleOf(name: string): unknown {
    return this.declared.get(name)?.handle;
  }

  /** Every state's descriptor: the restored ones, then those declared since (which agree with them). */
  descriptors(): Record<string, StateDescriptor> {
    const out: Record<string, StateDescriptor> = { ...this.restored };
    for (const [name, d] of this.declared) out[name] = d.ttlMs === undefined ? { kind: d.kind } : { kind: d.kind, ttlMs: d.ttlMs };
    return out;
  }

  /** The descriptors a snapshot recorded. Throws StateTypeChangedError when a declared state disagrees. */
  restoreDescriptors(states: Readonly<Record<string, StateDescriptor>>): void {
    for (const [name, restored] of Object.entries(states)) {
      const d = this.declared.get(name);
      if (d !== undefined) checkCompatible(name, restored, d);
    }
    this.restored = { ...this.restored, ...states };
  }

  private declare<H>(name: string, kind: StateKind, options: StateOptions | undefined, make: (table: StateTable<any>, ttl: Ttl | null) => H): H {
    const backend = this.backend;
    if (backend === null) throw new Error(this.unkeyedMessage);
    const ttlMs = options?.ttlMs;
    const known = this.declared.get(name);
    if (known !== undefined) {
      if (known.kind !== kind) throw new Error(`state "${name}" is already a ${known.kind} state; one name holds one kind of state`);
      if (known.ttlMs !== ttlMs) throw new Error(`state "${name}" was declared with ttlMs ${known.ttlMs ?? 'none'}, now ${ttlMs ?? 'none'}`);
      return known.handle as H;
    }
    if (typeof name !== 'string' || name === '') throw new Error('state name must be a non-empty string');
    if (ttlMs !== undefined && !(typeof ttlMs === 'number' && ttlMs > 0)) {
      throw new Error(`state "${name}": ttlMs must be a positive number of milliseconds`);
    }
    const restored = this.restored[name];
    if (restored !== undefined) checkCompatible(name, restored, { kind, ttlMs });
    const handle = make(backend.table<any>(this.tablePrefix + name), ttlMs === undefined ? null : new Ttl(ttlMs, this.clock));
    this.declared.set(name, { kind, ttlMs, handle });
    return handle;
  }
}

function checkCompatible(name: string, restored: StateDescriptor, declared: { kind: StateKind; ttlMs: number | undefined }): void {
  const d: StateDescriptor = declared.ttlMs === undefined ? { kind: declared.kind } : { kind: declared.kind, ttlMs: declared.ttlMs };
  if (!compatible(restored, d)) throw new StateTypeChangedError(name, restored, d);
}

/** Which namespace a UserState's handles use; the owner re-points `ns` (windows: before each call). */
export interface StateScope {
  ns: Namespace;
}

class Ttl {
  constructor(
    readonly ttlMs: number,
    private readonly clock: ProcessingTimeService,
  ) {}
  stamp<T>(v: T): Stamped<T> {
    return { v, t: this.clock.now() };
  }
  alive(s: Stamped<unknown>): boolean {
    return s.t + this.ttlMs > this.clock.now();
  }
}

/** Reads a single stored value, dropping it when expired. Shared by value/reducing/aggregating. */
function readSingle(table: StateTable<any>, ttl: Ttl | null, ns: Namespace): any {
  const stored = table.get(ns);
  if (stored === undefined || ttl === null) return stored;
  if (ttl.alive(stored)) return stored.v;
  table.remove(ns);
  return undefined;
}

function writeSingle(table: StateTable<any>, ttl: Ttl | null, ns: Namespace, value: unknown): void {
  table.put(ns, ttl === null ? value : ttl.stamp(value));
}

class ValueStateHandle<T> implements ValueState<T> {
  constructor(
    private readonly table: StateTable<any>,
    private readonly ttl: Ttl | null,
    private readonly scope: StateScope,
  ) {}
  get(): T | undefined {
    return readSingle(this.table, this.ttl, this.scope.ns);
  }
  update(value: T | null | undefined): void {
    if (value === null || value === undefined) this.table.remove(this.scope.ns);
    else writeSingle(this.table, this.ttl, this.scope.ns, value);
  }
  clear(): void {
    this.table.remove(this.scope.ns);
  }
}

class ListStateHandle<T> implements ListState<T> {
  constructor(
    private readonly table: StateTable<any[]>,
    private readonly ttl: Ttl | null,
    private readonly scope: StateScope,
    private readonly name: string,
  ) {}

  get(): T[] {
    const stored = this.table.get(this.scope.ns);
    if (stored === undefined) return [];
    const ttl = this.ttl;
    if (ttl === null) return stored.slice();
    const live = stored.filter((s) => ttl.alive(s));
    if (live.length !== stored.length) {
      if (live.length === 0) this.table.remove(this.scope.ns);
      else this.table.put(this.scope.ns, live);
    }
    return live.map((s) => s.v);
  }

  add(value: T): void {
    this.addAll([value]);
  }
  addAll(values: readonly T[]): void {
    if (values.length === 0) return;
    const items = this.wrap(values);
    const stored = this.table.get(this.scope.ns);
    if (stored === undefined) this.table.put(this.scope.ns, items);
    else for (const item of items) stored.push(item);
  }

  update(values: readonly T[]): void {
    if (values == null || values.length === 0) this.table.remove(this.scope.ns);
    else this.table.put(this.scope.ns, this.wrap(values));
  }

  clear(): void {
    this.table.remove(this.scope.ns);
  }
  private wrap(values: readonly T[]): any[] {
    if (!Array.isArray(values)) throw new Error(`list state "${this.name}": expected an array of values`);
    for (const v of values) if (v === null || v === undefined) throw new Error(`list state "${this.name}": elements may not be null or undefined`);
    const ttl = this.ttl;
    return ttl === null ? values.slice() : values.map((v) => ttl.stamp(v));
  }
}

/** How a map state is stored: string keys and number keys apart, so both survive JSON. */
interface StoredMap {
  strings?: Record<string, unknown>;
  numbers?: Record<string, unknown>;
}

class MapStateHandle<K extends MapKey, V> implements MapState<K, V> {
  constructor(
    private readonly table: StateTable<StoredMap>,
    private readonly ttl: Ttl | null,
    private readonly scope: StateScope,
    private readonly name: string,
  ) {}

  get(key: K): V | undefined {
    const bucket = this.bucket(key, false);
    if (bucket === undefined) return undefined;
    const name = String(key);
    if (!Object.hasOwn(bucket, name)) return undefined;
    const stored = bucket[name] as any;
    if (this.ttl === null) return stored;
    if (this.ttl.alive(stored)) return stored.v;
    this.remove(key);
    return undefined;
  }

  put(key: K, value: V): void {
    if (value === undefined) {
      this.remove(key);
      return;
    }
    const bucket = this.bucket(key, true)!;
    // defineProperty keeps a key named "__proto__" an ordinary entry.
    Object.defineProperty(bucket, String(key), {
      value: this.ttl === null ? value : this.ttl.stamp(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }

  putAll(entries: Iterable<readonly [K, V]>): void {
    for (const [k, v] of entries) this.put(k, v);
  }

  remove(key: K): void {
    const bucket = this.bucket(key, false);
    if (bucket === undefined) return;
    delete bucket[String(key)];
    this.compact(this.table.get(this.scope.ns)!);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  entries(): Array<[K, V]> {
    const out: Array<[K, V]> = [];
    const stored = this.table.get(this.scope.ns);
    if (stored === undefined) return out;
    const expired = this.collect(stored.strings, false, out);
    const expiredNumbers = this.collect(stored.numbers, true, out);
    if (expired || expiredNumbers) this.compact(stored);
    return out;
  }

  keys(): K[] {
    return this.entries().map((e) => e[0]);
  }
  values(): V[] {
    return this.entries().map((e) => e[1]);
  }
  isEmpty(): boolean {
    return this.entries().length === 0;
  }

  clear(): void {
    this.table.remove(this.scope.ns);
  }
  /** Appends live entries of one bucket to `out`, deleting expired ones; true if it deleted any. */
  private collect(bucket: Record<string, unknown> | undefined, numeric: boolean, out: Array<[K, V]>): boolean {
    if (bucket === undefined) return false;
    let deleted = false;
    for (const name of Object.keys(bucket)) {
      const key = (numeric ? Number(name) : name) as K;
      const stored = bucket[name] as any;
      if (this.ttl === null) out.push([key, stored]);
      else if (this.ttl.alive(stored)) out.push([key, stored.v]);
      else {
        delete bucket[name];
        deleted = true;
      }
    }
    return deleted;
  }

  private bucket(key: K, create: boolean): Record<string, unknown> | undefined {
    const numeric = typeof key === 'number';
    if (!numeric && typeof key !== 'string') throw new Error(`map state "${this.name}": keys must be strings or numbers, got ${typeof key}`);
    let stored = this.table.get(this.scope.ns);
    if (stored === undefined) {
      if (!create) return undefined;
      stored = {};
      this.table.put(this.scope.ns, stored);
    }
    if (numeric) return create ? (stored.numbers ??= {}) : stored.numbers;
    return create ? (stored.strings ??= {}) : stored.strings;
  }

  /** Drops empty buckets and the whole entry once nothing is left, so empty maps leave no state. */
  private compact(stored: StoredMap): void {
    if (stored.strings !== undefined && Object.keys(stored.strings).length === 0) delete stored.strings;
    if (stored.numbers !== undefined && Object.keys(stored.numbers).length === 0) delete stored.numbers;
    if (stored.strings === undefined && stored.numbers === undefined) this.table.remove(this.scope.ns);
  }
}

class ReducingStateHandle<T> implements ReducingState<T> {
  constructor(
    private readonly table: StateTable<any>,
    private readonly ttl: Ttl | null,
    private readonly scope: StateScope,
    private readonly reduce: (acc: T, value: T) => T,
  ) {}
  get(): T | undefined {
    return readSingle(this.table, this.ttl, this.scope.ns);
  }
  add(value: T): void {
    const current = readSingle(this.table, this.ttl, this.scope.ns);
    writeSingle(this.table, this.ttl, this.scope.ns, current === undefined ? value : this.reduce(current, value));
  }
  clear(): void {
    this.table.remove(this.scope.ns);
  }
}

class AggregatingStateHandle<IN, ACC, OUT> implements AggregatingState<IN, OUT> {
  constructor(
    private readonly table: StateTable<any>,
    private readonly ttl: Ttl | null,
    private readonly scope: StateScope,
    private readonly fn: AggregateFunctionSpec<IN, ACC, OUT>,
  ) {}
  get(): OUT | undefined {
    const acc = readSingle(this.table, this.ttl, this.scope.ns);
    if (acc === undefined) return undefined;
    return this.fn.result === undefined ? acc : this.fn.result(acc);
  }
  add(value: IN): void {
    let acc = readSingle(this.table, this.ttl, this.scope.ns);
    if (acc === undefined) acc = this.fn.create();
    const next = this.fn.add(value, acc);
    writeSingle(this.table, this.ttl, this.scope.ns, next === undefined ? acc : next);
  }
  clear(): void {
    this.table.remove(this.scope.ns);
  }
}
