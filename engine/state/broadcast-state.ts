/**
 * Broadcast state (Flink's BroadcastState / ReadOnlyBroadcastState): named maps that every
 * subtask of a `process.broadcast` node holds a full copy of. Only the broadcast side
 * (`processBroadcastElement`) writes them; the element side and timers read them through a view
 * whose writes throw, as Flink's ReadOnlyBroadcastState offers no writes.
 *
 * Since every subtask sees the same broadcast records in the same order and only they write,
 * the copies stay equal — as long as the function does the same thing on every subtask (Flink
 * states the same rule). Each subtask snapshots its copy; a restore hands copies out as
 * `repartitionOperatorState` says. Keys are strings or numbers (kept apart); values are plain
 * JSON-compatible data, and `get` returns the stored value itself: do not mutate it on the
 * element side (Flink warns alike).
 */
import type { MapKey } from './user-state.js';

/** Reads of a broadcast state: all that `processElement` and `onTimer` may do. */
export interface ReadOnlyBroadcastState<K extends MapKey = MapKey, V = any> {
  get(key: K): V | undefined;
  contains(key: K): boolean;
  /** The entries in insertion order (a fresh array). */
  entries(): Array<[K, V]>;
  keys(): K[];
  values(): V[];
  isEmpty(): boolean;
}

/** A broadcast state as `processBroadcastElement` sees it: reads and writes. */
export interface BroadcastState<K extends MapKey = MapKey, V = any> extends ReadOnlyBroadcastState<K, V> {
  /** `put(k, undefined)` removes `k`. */
  put(key: K, value: V): void;
  putAll(entries: Iterable<readonly [K, V]>): void;
  remove(key: K): void;
  clear(): void;
}

/** A snapshot of one subtask's broadcast states: name → entries in insertion order. */
export type BroadcastStateSnapshot = Record<string, Array<[MapKey, unknown]>>;

class Handle<K extends MapKey, V> implements BroadcastState<K, V> {
  constructor(
    readonly name: string,
    readonly data: Map<K, V>,
    /** Undefined for the writable handle; else the sentence a write throws. */
    private readonly readOnly: string | undefined,
  ) {}
  get(key: K): V | undefined {
    return this.data.get(checkKey(this.name, key));
  }
  contains(key: K): boolean {
    return this.data.has(checkKey(this.name, key));
  }
  entries(): Array<[K, V]> {
    return [...this.data];
  }
  keys(): K[] {
    return [...this.data.keys()];
  }
  values(): V[] {
    return [...this.data.values()];
  }
  isEmpty(): boolean {
    return this.data.size === 0;
  }
  put(key: K, value: V): void {
    this.writable('put');
    if (value === undefined) this.data.delete(checkKey(this.name, key));
    else this.data.set(checkKey(this.name, key), value);
  }
  putAll(entries: Iterable<readonly [K, V]>): void {
    this.writable('putAll');
    for (const [k, v] of entries) this.put(k, v);
  }
  remove(key: K): void {
    this.writable('remove');
    this.data.delete(checkKey(this.name, key));
  }
  clear(): void {
    this.writable('clear');
    this.data.clear();
  }
  private writable(method: string): void {
    if (this.readOnly !== undefined) throw new Error(`broadcast state "${this.name}".${method}(…): ${this.readOnly}`);
  }
}

function checkKey<K>(name: string, key: K): K {
  if (typeof key !== 'string' && typeof key !== 'number') throw new Error(`broadcast state "${name}": keys must be strings or numbers, got ${key === null ? 'null' : typeof key}`);
  return key;
}

/**
 * The broadcast states of one operator instance. `writable(name)` and `readOnly(name)` create a
 * state on first use and hand back the same handle on later calls.
 */
export class BroadcastStates {
  private readonly maps = new Map<string, Map<MapKey, unknown>>();
  private readonly writableHandles = new Map<string, BroadcastState>();
  private readonly readOnlyHandles = new Map<string, ReadOnlyBroadcastState>();

  /** @param readOnlyMessage what a write through a read-only view says (it names the node). */
  constructor(private readonly readOnlyMessage: string) {}

  writable<K extends MapKey = MapKey, V = any>(name: string): BroadcastState<K, V> {
    let h = this.writableHandles.get(name);
    if (h === undefined) this.writableHandles.set(name, (h = new Handle(name, this.map(name), undefined)));
    return h as unknown as BroadcastState<K, V>;
  }

  readOnly<K extends MapKey = MapKey, V = any>(name: string): ReadOnlyBroadcastState<K, V> {
    let h = this.readOnlyHandles.get(name);
    if (h === undefined) this.readOnlyHandles.set(name, (h = new Handle(name, this.map(name), this.readOnlyMessage)));
    return h as unknown as ReadOnlyBroadcastState<K, V>;
  }

  /** Every state that holds entries, as deep copies (later writes do not leak into the snapshot). */
  snapshot(): BroadcastStateSnapshot | undefined {
    let out: BroadcastStateSnapshot | undefined;
    for (const [name, m] of this.maps) if (m.size > 0) (out ??= {})[name] = structuredClone([...m]);
    return out;
  }

  /** Replaces the states named in `snapshot` with its entries. */
  restore(snapshot: BroadcastStateSnapshot): void {
    for (const [name, entries] of Object.entries(snapshot)) {
      const m = this.map(name);
      m.clear();
      for (const [k, v] of entries) m.set(k, structuredClone(v));
    }
  }

  private map(name: string): Map<MapKey, unknown> {
    if (typeof name !== 'string' || name === '') throw new Error('broadcast state name must be a non-empty string');
    let m = this.maps.get(name);
    if (m === undefined) this.maps.set(name, (m = new Map()));
    return m;
  }
}
