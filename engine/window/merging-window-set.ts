/**
 * Flink's MergingWindowSet: the in-flight session windows of the current key, each mapped to the
 * "state window" whose namespace holds its contents. When windows merge, one of the merged windows'
 * state windows is kept so contents need not move; the others are merged into it.
 *
 * The mapping lives in keyed state (table `merging-window-set`, void namespace), so snapshots
 * capture it. Create one per access (after the current key is set) and call `persist` after
 * changing it.
 */
import { type StateTable, VOID_NAMESPACE } from '../state/keyed-state-backend.js';
import type { MergingWindowAssigner } from './window-assigner.js';
import { TimeWindow } from './time-window.js';

/** Rows of the persisted mapping: [window namespace, state window namespace]. */
export type MergingWindowRows = Array<[string, string]>;

export const MERGING_WINDOW_SET_STATE = 'merging-window-set';

/**
 * Called when adding a window merged existing ones. `mergedWindows` excludes the new window;
 * `mergedStateWindows` are the state windows to fold into `stateWindowResult`.
 */
export type MergeFunction = (
  mergeResult: TimeWindow,
  mergedWindows: TimeWindow[],
  stateWindowResult: string,
  mergedStateWindows: string[],
) => void;

export class MergingWindowSet {
  /** window ns → state window ns, in insertion order. */
  private readonly mapping = new Map<string, string>();
  private changed = false;

  constructor(
    private readonly assigner: MergingWindowAssigner,
    private readonly table: StateTable<MergingWindowRows>,
  ) {
    const rows = table.get(VOID_NAMESPACE);
    if (rows !== undefined) for (const [w, s] of rows) this.mapping.set(w, s);
  }

  /** The namespace holding the contents of in-flight `window`, or undefined when it is not in flight. */
  getStateWindow(window: TimeWindow): string | undefined {
    return this.mapping.get(window.ns);
  }

  /** Removes `window` from the in-flight set. */
  retireWindow(window: TimeWindow): void {
    if (!this.mapping.delete(window.ns)) throw new Error(`window ${window} is not in the in-flight window set`);
    this.changed = true;
  }

  /** In-flight windows, in insertion order. */
  windows(): TimeWindow[] {
    return [...this.mapping.keys()].map(parse);
  }

  /**
   * Adds `newWindow`, merging it with in-flight windows as the assigner decides, and returns the
   * window it ended up in (itself when nothing merged). As in Flink, the merged windows are taken
   * in the iteration order of the java.util.HashSet that TimeWindow.mergeWindows collects them in
   * (`javaHashSetOrder`): the first one's state window is kept and the others' contents are
   * appended to it in that order — which decides the order a process function sees the elements
   * of a merged session in (test/flink/window-job-cases.json, `session-merge-state-order`).
   */
  addWindow(newWindow: TimeWindow, mergeFunction: MergeFunction): TimeWindow {
    const windows = this.windows();
    windows.push(newWindow);
    const groups: Array<[TimeWindow, TimeWindow[]]> = [];
    this.assigner.mergeWindows(windows, (toBeMerged, result) => groups.push([result, toBeMerged]));

    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const [mergeResult, group] of groups) {
      const mergedWindows = javaHashSetOrder(group).filter((w) => !w.equals(newWindow));
      if (mergedWindows.length !== group.length) {
        mergedNewWindow = true;
        resultWindow = mergeResult;
      }
      const stateWindowResult = this.mapping.get(mergedWindows[0]!.ns)!;
      const mergedStateWindows: string[] = [];
      for (const w of mergedWindows) {
        const s = this.mapping.get(w.ns);
        if (s !== undefined) {
          this.mapping.delete(w.ns);
          if (s !== stateWindowResult) mergedStateWindows.push(s);
        }
      }
      this.mapping.set(mergeResult.ns, stateWindowResult);
      this.changed = true;
      // A new window swallowed by one existing window without extending it changes nothing.
      const onlyItself = mergedWindows.length === 1 && mergedWindows[0]!.equals(mergeResult);
      if (!onlyItself) mergeFunction(mergeResult, mergedWindows, stateWindowResult, mergedStateWindows);
    }

    // Flink maps a self-contained new window to itself. When an identical window is already in
    // flight we keep its mapping: overwriting it would orphan contents kept under another state window.
    if (!mergedNewWindow && !this.mapping.has(resultWindow.ns)) {
      this.mapping.set(resultWindow.ns, resultWindow.ns);
      this.changed = true;
    }
    return resultWindow;
  }

  /** Writes the mapping back to keyed state if it changed; an empty mapping leaves no state. */
  persist(): void {
    if (!this.changed) return;
    if (this.mapping.size === 0) this.table.remove(VOID_NAMESPACE);
    else this.table.put(VOID_NAMESPACE, [...this.mapping]);
    this.changed = false;
  }
}

const MASK64 = (1n << 64n) - 1n;

/** Flink's MathUtils.longToIntWithBitMixing: TimeWindow.hashCode() of start + end. */
export function timeWindowHash(w: TimeWindow): number {
  let x = BigInt.asUintN(64, BigInt(w.start + w.end));
  x = ((x ^ (x >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  x = ((x ^ (x >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  x ^= x >> 31n;
  return Number(BigInt.asIntN(32, x));
}

/**
 * The order a java.util.HashSet (default capacity 16, load factor 0.75) iterates `windows` in
 * when they were added in the given order: by bucket (the spread hash's low bits for the table
 * size the set grew to), then in insertion order within a bucket.
 */
export function javaHashSetOrder(windows: readonly TimeWindow[]): TimeWindow[] {
  let capacity = 16;
  while (windows.length > capacity * 0.75) capacity *= 2;
  const bucket = (w: TimeWindow) => {
    const h = timeWindowHash(w);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return windows
    .map((w, i) => ({ w, i, b: bucket(w) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.w);
}

function parse(ns: string): TimeWindow {
  const colon = ns.indexOf(':', 1);
  return new TimeWindow(Number(ns.slice(0, colon)), Number(ns.slice(colon + 1)));
}
