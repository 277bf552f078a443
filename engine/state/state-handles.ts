/**
 * The state handles behind `ctx.state`: each reads and writes one table of the KeyedStateBackend
 * for the backend's current key, in the namespace its scope names. With TTL, values are stored
 * stamped with the processing time of their last write (see user-state.ts for the rules).
 */
import type { ProcessingTimeService } from '../time/processing-time.js';
import type { Namespace, StateTable } from './keyed-state-backend.js';
import type { AggregateFunctionSpec, AggregatingState, ListState, MapKey, MapState, ReducingState, StateScope, ValueState } from './state-types.js';

/** A value with the processing time of its last write: how TTL'd state is stored. */
interface Stamped<T> {
  v: T;
  t: number;
}

export class Ttl {
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

export class ValueStateHandle<T> implements ValueState<T> {
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

export class ListStateHandle<T> implements ListState<T> {
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

export class MapStateHandle<K extends MapKey, V> implements MapState<K, V> {
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

export class ReducingStateHandle<T> implements ReducingState<T> {
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

export class AggregatingStateHandle<IN, ACC, OUT> implements AggregatingState<IN, OUT> {
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
