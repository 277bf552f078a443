/**
 * Where a window's contents live: keyed state table `window-contents`, namespace = the (state)
 * window. Three shapes, chosen once per operator: an element list (process functions and joins),
 * a timestamped element list (any function with an evictor, Flink's EvictingWindowOperator), or one
 * incremental accumulator (aggregate/reduce without an evictor, Flink's reducing/aggregating state).
 */
import type { KeyedStateBackend, Namespace, StateTable } from '../state/keyed-state-backend.js';
import type { TimestampedElements } from './evictor.js';
import type { WindowAggregate } from './window-function.js';

export const WINDOW_CONTENTS_STATE = 'window-contents';

/**
 * A window's contents under the current key. Invariant: an empty window has no state entry
 * (`get` returns undefined), so cleared windows leave nothing behind.
 */
export interface WindowContents {
  /** Adds a record; true when the window had no contents before (it is new, or was purged). */
  add(ns: Namespace, value: unknown, timestamp: number): boolean;
  /** The element list, timestamped elements or accumulator; undefined when empty. */
  get(ns: Namespace): unknown;
  clear(ns: Namespace): void;
  /** Folds the `sources` namespaces into `target` (target's contents first), removing them. */
  merge(target: Namespace, sources: readonly Namespace[]): void;
}

/** Plain element lists, appended in arrival order. */
export class ElementListContents implements WindowContents {
  private readonly table: StateTable<unknown[]>;

  constructor(backend: KeyedStateBackend) {
    this.table = backend.table(WINDOW_CONTENTS_STATE);
  }

  add(ns: Namespace, value: unknown): boolean {
    const list = this.table.get(ns);
    if (list !== undefined) {
      list.push(value);
      return false;
    }
    this.table.put(ns, [value]);
    return true;
  }

  get(ns: Namespace): unknown[] | undefined {
    return this.table.get(ns);
  }

  clear(ns: Namespace): void {
    this.table.remove(ns);
  }

  merge(target: Namespace, sources: readonly Namespace[]): void {
    const merged = takeSources(this.table, target, sources, (a, b) => a.concat(b));
    if (merged === undefined) return;
    const current = this.table.get(target);
    this.table.put(target, current === undefined ? merged : current.concat(merged));
  }
}

/** Elements with their timestamps, for evictors. A missing timestamp is stored as null. */
export class TimestampedListContents implements WindowContents {
  private readonly table: StateTable<TimestampedElements>;

  constructor(backend: KeyedStateBackend) {
    this.table = backend.table(WINDOW_CONTENTS_STATE);
  }

  add(ns: Namespace, value: unknown, timestamp: number): boolean {
    const ts = timestamp === -Infinity ? null : timestamp;
    const list = this.table.get(ns);
    if (list !== undefined) {
      list.values.push(value);
      list.timestamps.push(ts);
      return false;
    }
    this.table.put(ns, { values: [value], timestamps: [ts] });
    return true;
  }

  get(ns: Namespace): TimestampedElements | undefined {
    return this.table.get(ns);
  }

  clear(ns: Namespace): void {
    this.table.remove(ns);
  }

  merge(target: Namespace, sources: readonly Namespace[]): void {
    const merged = takeSources(this.table, target, sources, concatTimestamped);
    if (merged === undefined) return;
    const current = this.table.get(target);
    this.table.put(target, current === undefined ? merged : concatTimestamped(current, merged));
  }
}

/** One accumulator per window, folded on every element. */
export class AccumulatorContents implements WindowContents {
  private readonly table: StateTable<unknown>;

  constructor(
    backend: KeyedStateBackend,
    private readonly aggregate: WindowAggregate,
  ) {
    this.table = backend.table(WINDOW_CONTENTS_STATE);
  }

  add(ns: Namespace, value: unknown): boolean {
    const acc = this.table.get(ns);
    if (acc !== undefined) {
      this.table.put(ns, this.aggregate.add(acc, value));
      return false;
    }
    this.table.put(ns, this.aggregate.create(value));
    return true;
  }

  get(ns: Namespace): unknown {
    return this.table.get(ns);
  }

  clear(ns: Namespace): void {
    this.table.remove(ns);
  }

  merge(target: Namespace, sources: readonly Namespace[]): void {
    const merge = (a: unknown, b: unknown) => this.aggregate.merge(a, b);
    const merged = takeSources(this.table, target, sources, merge);
    if (merged === undefined) return;
    const current = this.table.get(target);
    this.table.put(target, current === undefined ? merged : merge(current, merged));
  }
}

/** Removes the sources' values (skipping the target) and folds them in order. */
function takeSources<V>(
  table: StateTable<V>,
  target: Namespace,
  sources: readonly Namespace[],
  fold: (a: V, b: V) => V,
): V | undefined {
  let merged: V | undefined;
  for (const ns of sources) {
    if (ns === target) continue;
    const v = table.get(ns);
    if (v === undefined) continue;
    table.remove(ns);
    merged = merged === undefined ? v : fold(merged, v);
  }
  return merged;
}

function concatTimestamped(a: TimestampedElements, b: TimestampedElements): TimestampedElements {
  return { values: a.values.concat(b.values), timestamps: a.timestamps.concat(b.timestamps) };
}
