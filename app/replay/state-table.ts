/**
 * The checkpoint browser's tables, built from the engine's state rows (pure, no React): one row
 * per key with a column per keyed state, window and timer rows, filtered by key text; and where
 * each key lives at the checkpoint's parallelism and at a chosen new one.
 */
import { type StateRow, keyText, placeKeyGroup } from '../../engine/index';

/** One key of one operator: its key group, owner, and its value of each state. */
export interface KeyRow {
  readonly key: unknown;
  readonly keyText: string;
  readonly keyGroup: number;
  readonly subtask: number;
  /** Value by state name (absent: the key has no value in that state). */
  readonly values: Record<string, unknown>;
  /** TTL expiry by state name, for states with TTL. */
  readonly expiresAt: Record<string, number | number[] | undefined>;
}

export interface NodeTables {
  /** The keyed states, in name order: the table's columns after the key. */
  readonly states: readonly string[];
  /** State name → its kind, for column headers. */
  readonly kinds: Readonly<Record<string, string>>;
  readonly keys: readonly KeyRow[];
  readonly windows: ReadonlyArray<StateRow & { kind: 'window' | 'merging-window-set' }>;
  readonly timers: ReadonlyArray<StateRow & { kind: 'timer' }>;
  readonly other: ReadonlyArray<StateRow & { kind: 'operator' | 'in-flight' }>;
}

/** Groups one node's rows (as `readStateRows(cp, {node})` returns them, keys in order) into tables. */
export function nodeTables(rows: readonly StateRow[]): NodeTables {
  const kinds: Record<string, string> = {};
  const byKey = new Map<string, { key: unknown; keyText: string; keyGroup: number; subtask: number; values: Record<string, unknown>; expiresAt: Record<string, number | number[] | undefined> }>();
  const windows: Array<StateRow & { kind: 'window' | 'merging-window-set' }> = [];
  const timers: Array<StateRow & { kind: 'timer' }> = [];
  const other: Array<StateRow & { kind: 'operator' | 'in-flight' }> = [];
  for (const r of rows) {
    if (r.kind === 'keyed') {
      const column = r.namespace === '' ? r.state : `${r.state} @${r.namespace}`;
      kinds[column] = r.stateKind;
      const text = keyText(r.key);
      let k = byKey.get(text);
      if (k === undefined) byKey.set(text, (k = { key: r.key, keyText: text, keyGroup: r.keyGroup, subtask: r.subtask, values: {}, expiresAt: {} }));
      k.values[column] = r.value;
      if (r.ttl) k.expiresAt[column] = r.ttl.expiresAt;
    } else if (r.kind === 'window' || r.kind === 'merging-window-set') windows.push(r);
    else if (r.kind === 'timer') timers.push(r);
    else other.push(r);
  }
  return { states: Object.keys(kinds).sort(), kinds, keys: [...byKey.values()], windows, timers, other };
}

/** Whether a key's text contains the filter (case-insensitive); an empty filter keeps all. */
export function keyMatches(filter: string, key: unknown): boolean {
  const f = filter.trim().toLowerCase();
  return f === '' || keyText(key).toLowerCase().includes(f);
}

/** The subtask that owns a key group after a restore at `parallelism`. */
export function newOwner(keyGroup: number, maxParallelism: number, parallelism: number): number {
  return placeKeyGroup(keyGroup, maxParallelism, 1, parallelism).newSubtask!;
}
