/**
 * Keyed state: named tables of values scoped to (current key, namespace). Windows use the
 * window as namespace; plain keyed state uses VOID_NAMESPACE. Snapshots are grouped by key
 * group, so state can be redistributed to any parallelism on restore.
 */
import { type KeyGroupRange, type KeyId, inRange, keyFromId, keyGroupOfId, keyId } from './key-groups.js';

export type Namespace = string | number;
export const VOID_NAMESPACE: Namespace = '';

/** One named state's data: key → namespace → value. Reads and writes go to the current key. */
export class StateTable<V> {
  /** @internal */
  readonly data = new Map<KeyId, Map<Namespace, V>>();

  constructor(
    readonly name: string,
    private readonly backend: KeyedStateBackend,
  ) {}

  get(namespace: Namespace = VOID_NAMESPACE): V | undefined {
    const byNs = this.data.get(this.backend.currentKeyId);
    return byNs === undefined ? undefined : byNs.get(namespace);
  }

  put(namespace: Namespace, value: V): void {
    const id = this.backend.currentKeyId;
    let byNs = this.data.get(id);
    if (byNs === undefined) {
      byNs = new Map();
      this.data.set(id, byNs);
    }
    byNs.set(namespace, value);
  }

  remove(namespace: Namespace = VOID_NAMESPACE): void {
    const id = this.backend.currentKeyId;
    const byNs = this.data.get(id);
    if (byNs === undefined) return;
    byNs.delete(namespace);
    if (byNs.size === 0) this.data.delete(id);
  }

  /** Namespaces holding a value for the current key. */
  namespaces(): Namespace[] {
    const byNs = this.data.get(this.backend.currentKeyId);
    return byNs === undefined ? [] : [...byNs.keys()];
  }

  /** Number of (key, namespace) entries. */
  size(): number {
    let n = 0;
    for (const byNs of this.data.values()) n += byNs.size;
    return n;
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

  /** Snapshot grouped by key group; values are deep copies, so later updates do not leak into it. */
  snapshot(): Record<number, KeyGroupStateSnapshot> {
    const out: Record<number, KeyGroupStateSnapshot> = {};
    for (const [name, t] of this.tables) {
      for (const [id, byNs] of t.data) {
        const kg = keyGroupOfId(id, this.maxParallelism);
        const group = (out[kg] ??= { state: {} });
        const rows = (group.state[name] ??= []);
        for (const [ns, v] of byNs) rows.push([id, ns, structuredClone(v)]);
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
        for (const [id, ns, v] of rows) {
          let byNs = t.data.get(id);
          if (byNs === undefined) {
            byNs = new Map();
            t.data.set(id, byNs);
          }
          byNs.set(ns, structuredClone(v));
        }
      }
    }
  }
}
