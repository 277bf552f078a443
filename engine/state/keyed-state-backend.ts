/**
 * Keyed state: named tables of values scoped to (current key, namespace). Windows use the
 * window as namespace; plain keyed state uses VOID_NAMESPACE. Snapshots are grouped by key
 * group, so state can be redistributed to any parallelism on restore.
 */
import { type KeyGroupRange, type KeyId, inRange, keyFromId, keyGroupOfId, keyId } from './key-groups.js';

export type Namespace = string | number;
export const VOID_NAMESPACE: Namespace = '';

/** Never a key id (ids are strings and numbers): marks an empty row cache. */
const NO_KEY: unique symbol = Symbol('no key');

/** One named state's data: key → namespace → value. Reads and writes go to the current key. */
export class StateTable<V> {
  /** @internal Written only through this class and `KeyedStateBackend.restore` (which calls `forgetCachedKey`). */
  readonly data = new Map<KeyId, Map<Namespace, V>>();
  // The current key's row, looked up once per key rather than once per access: a record usually
  // reads and then writes the same key. `cachedRow` is `data.get(cachedId)`, undefined included.
  private cachedId: KeyId | typeof NO_KEY = NO_KEY;
  private cachedRow: Map<Namespace, V> | undefined = undefined;

  constructor(
    readonly name: string,
    private readonly backend: KeyedStateBackend,
  ) {}

  get(namespace: Namespace = VOID_NAMESPACE): V | undefined {
    const byNs = this.row();
    return byNs === undefined ? undefined : byNs.get(namespace);
  }

  put(namespace: Namespace, value: V): void {
    let byNs = this.row();
    if (byNs === undefined) {
      byNs = new Map();
      this.data.set(this.cachedId as KeyId, byNs);
      this.cachedRow = byNs;
    }
    byNs.set(namespace, value);
  }

  remove(namespace: Namespace = VOID_NAMESPACE): void {
    const byNs = this.row();
    if (byNs === undefined) return;
    byNs.delete(namespace);
    if (byNs.size === 0) {
      this.data.delete(this.cachedId as KeyId);
      this.cachedRow = undefined;
    }
  }

  /** Namespaces holding a value for the current key. */
  namespaces(): Namespace[] {
    const byNs = this.row();
    return byNs === undefined ? [] : [...byNs.keys()];
  }

  /** Number of (key, namespace) entries. */
  size(): number {
    let n = 0;
    for (const byNs of this.data.values()) n += byNs.size;
    return n;
  }

  /** @internal Drops the cached row, after `data` was changed from outside this class. */
  forgetCachedKey(): void {
    this.cachedId = NO_KEY;
    this.cachedRow = undefined;
  }

  /** The current key's namespace → value map, undefined when the key has no entry. */
  private row(): Map<Namespace, V> | undefined {
    const id = this.backend.currentKeyId;
    // `===` misses only for NaN keys, which then take the lookup every time.
    if (id === this.cachedId) return this.cachedRow;
    this.cachedId = id;
    return (this.cachedRow = this.data.get(id));
  }
}

/** Per key group: state name → list of [keyId, namespace, value]. */
export interface KeyGroupStateSnapshot {
  state: Record<string, Array<[KeyId, Namespace, unknown]>>;
}

export class KeyedStateBackend {
  private readonly tables = new Map<string, StateTable<unknown>>();
  /** @internal Identity of the current key, see `keyId`. */
  currentKeyId: KeyId = '';
  private currentKeyValue: unknown = undefined;

  constructor(
    readonly maxParallelism: number,
    readonly keyGroupRange: KeyGroupRange,
  ) {}

  setCurrentKey(key: unknown): void {
    this.currentKeyValue = key;
    this.currentKeyId = keyId(key);
  }

  /** Used by timers, which remember key ids rather than keys. */
  setCurrentKeyId(id: KeyId): void {
    this.currentKeyId = id;
    this.currentKeyValue = keyFromId(id);
  }

  getCurrentKey(): unknown {
    return this.currentKeyValue;
  }

  /** The table named `name`, created on first use. */
  table<V>(name: string): StateTable<V> {
    let t = this.tables.get(name);
    if (t === undefined) {
      t = new StateTable<unknown>(name, this);
      this.tables.set(name, t);
    }
    return t as StateTable<V>;
  }

  /** Distinct keys holding any state. */
  numKeys(): number {
    const keys = new Set<KeyId>();
    for (const t of this.tables.values()) for (const k of t.data.keys()) keys.add(k);
    return keys.size;
  }

  /** True when no table holds a row (cheap: one check per table). */
  isEmpty(): boolean {
    for (const t of this.tables.values()) if (t.data.size > 0) return false;
    return true;
  }

  /**
   * At most `limit` rows `[keyId, namespace, value]` spread evenly over the keys of every table
   * (one row per sampled key), and the exact number of rows. Walks the keys once and copies
   * nothing: the input of the state-size estimate, which must not cost what a snapshot does.
   */
  sampleRows(limit: number): { rows: number; sample: Array<[KeyId, Namespace, unknown]> } {
    let keyRows = 0;
    for (const t of this.tables.values()) keyRows += t.data.size;
    const sample: Array<[KeyId, Namespace, unknown]> = [];
    if (keyRows === 0 || limit <= 0) return { rows: 0, sample };
    const stride = Math.max(1, Math.floor(keyRows / limit));
    let rows = 0;
    let i = 0;
    for (const t of this.tables.values()) {
      for (const [id, byNs] of t.data) {
        rows += byNs.size;
        if (i++ % stride !== 0 || sample.length >= limit) continue;
        for (const [ns, v] of byNs) {
          sample.push([id, ns, v]);
          break;
        }
      }
    }
    return { rows, sample };
  }

  /** Snapshot grouped by key group; values are deep copies, so later updates do not leak into it. */
  snapshot(): Record<number, KeyGroupStateSnapshot> {
    const out: Record<number, KeyGroupStateSnapshot> = {};
    for (const [name, t] of this.tables) {
      for (const [id, byNs] of t.data) {
        const kg = keyGroupOfId(id, this.maxParallelism);
        const group = (out[kg] ??= { state: {} });
        const rows = (group.state[name] ??= []);
        for (const [ns, v] of byNs) rows.push([id, ns, copyOf(v)]);
      }
    }
    return out;
  }

  /** Restores the key groups in this backend's range from any number of old snapshots. */
  restore(groups: Record<number, KeyGroupStateSnapshot | undefined>): void {
    for (const [kgText, group] of Object.entries(groups)) {
      const kg = Number(kgText);
      if (group === undefined || !inRange(this.keyGroupRange, kg)) continue;
      for (const [name, rows] of Object.entries(group.state ?? {})) {
        const t = this.table<unknown>(name);
        t.forgetCachedKey();
        for (const [id, ns, v] of rows) {
          let byNs = t.data.get(id);
          if (byNs === undefined) {
            byNs = new Map();
            t.data.set(id, byNs);
          }
          byNs.set(ns, copyOf(v));
        }
      }
    }
  }
}

/**
 * A deep copy of a state value. Strings, numbers, booleans, null and undefined are immutable, so
 * they are their own copy: structuredClone of each would copy a long string's characters and
 * cost ~0.2 µs per small value (a 10 MB state of 1000 strings, or a million counters).
 */
function copyOf<T>(v: T): T {
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || v === null || v === undefined ? v : structuredClone(v);
}
