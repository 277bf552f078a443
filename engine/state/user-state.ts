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
import { AggregatingStateHandle, ListStateHandle, MapStateHandle, ReducingStateHandle, Ttl, ValueStateHandle } from './state-handles.js';
import type { AggregateFunctionSpec, AggregatingState, ListState, MapKey, MapState, ReducingState, StateDescriptor, StateKind, StateOptions, StateScope, ValueState } from './state-types.js';

export type { AggregateFunctionSpec, AggregatingState, ListState, MapKey, MapState, ReducingState, StateDescriptor, StateKind, StateOptions, StateScope, ValueState } from './state-types.js';

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
