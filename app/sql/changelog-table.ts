/**
 * The "current table" of a changelog, as Flink's SQL client materializes a result in table mode:
 * +I and +U add a row; -U and -D remove one equal row — the newest one, as Flink's
 * MaterializedCollectStreamResult searches from the end. A retraction with no equal row changes
 * nothing. Rows keep the order they were added in.
 */
import type { RowKind } from '../store/result-buffer';

/** The rows left after applying `ops[i]` with `values[i]` in order. */
export function applyChangelog(values: readonly unknown[], ops: readonly RowKind[]): unknown[] {
  const alive: boolean[] = [];
  /** Indices of the alive rows equal to a key, oldest first. */
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < values.length; i++) {
    const op = ops[i] ?? '+I';
    const key = rowKey(values[i]);
    if (op === '+I' || op === '+U') {
      alive[i] = true;
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    } else {
      alive[i] = false;
      const last = byKey.get(key)?.pop();
      if (last !== undefined) alive[last] = false;
    }
  }
  const out: unknown[] = [];
  for (let i = 0; i < values.length; i++) if (alive[i]) out.push(values[i]);
  return out;
}

/** A row's identity: equal values (fields in any order) give equal keys. */
function rowKey(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x)) ?? 'undefined';
}
