/**
 * Reading a checkpoint or savepoint like Flink's State Processor API reads a savepoint: every
 * operator's state as rows a person (or `eddy state`, or the IDE's checkpoint browser) can read —
 * keyed state per key and state, window contents per key and window with their trigger state,
 * merging window sets, timers, operator state (source offsets, watermark generators, a function's
 * broadcast, list and union list state) and the
 * in-flight records of unaligned checkpoints. Reads data only; runs no user code.
 */
import type { KeyedGroupSnapshot } from '../operators/base-operator.js';
import type { ChannelState, OperatorSnapshot } from '../operators/operator.js';
import { type KeyId, keyFromId, keyId } from '../state/key-groups.js';
import type { OperatorStateSnapshot } from '../state/operator-state.js';
import type { StateDescriptor, StateKind } from '../state/user-state.js';
import { WINDOW_CONTENTS_STATE } from '../window/window-contents.js';
import { MERGING_WINDOW_SET_STATE } from '../window/merging-window-set.js';
import { TRIGGER_STATE_PREFIX } from '../window/window-trigger-context.js';
import type { CheckpointState } from './restore.js';

/** A window as rows show it: `{start, end}` of a time window, or "global". */
export type WindowRef = { readonly start: number; readonly end: number } | 'global' | string;

interface RowBase {
  readonly node: string;
  /** The subtask that held it in the checkpoint. */
  readonly subtask: number;
}

interface KeyedRowBase extends RowBase {
  readonly key: unknown;
  readonly keyGroup: number;
}

/** One key's entry of one keyed state (user state, or an operator's own: `reduce`, `aggregate`, join buffers). */
export interface KeyedValueRow extends KeyedRowBase {
  readonly kind: 'keyed';
  readonly state: string;
  /** The state's kind: from the snapshot's descriptors, else known from the operator's table name. */
  readonly stateKind: StateKind | 'unknown';
  /** '' for plain keyed state; another namespace (a join buffer's timestamp) otherwise. */
  readonly namespace: string | number;
  /** The value as the function reads it: TTL stamps taken off; a map state as `[[key, value], …]`. */
  readonly value: unknown;
  /** With TTL: the state's TTL and when the value (or each element / entry, in value order) expires, in processing time. */
  readonly ttl?: { readonly ttlMs?: number; readonly writtenAt: number | number[]; readonly expiresAt?: number | number[] };
}

/** A window's contents under one key, with the trigger's state for that window. */
export interface WindowRow extends KeyedRowBase {
  readonly kind: 'window';
  readonly window: WindowRef;
  /** Element list, `{values, timestamps}` (with an evictor) or the accumulator; absent when only trigger state is left. */
  readonly contents?: unknown;
  /** Trigger state by name (`count`, `fire-time`…). */
  readonly trigger?: Readonly<Record<string, unknown>>;
}

/** Session windows of one key: each in-flight window and the window whose namespace holds its contents. */
export interface MergingWindowSetRow extends KeyedRowBase {
  readonly kind: 'merging-window-set';
  readonly windows: ReadonlyArray<{ readonly window: WindowRef; readonly stateWindow: WindowRef }>;
}

export interface TimerRow extends KeyedRowBase {
  readonly kind: 'timer';
  readonly domain: 'event' | 'processing';
  readonly timestamp: number;
  /** The window it belongs to; absent for a function's own timers (void namespace). */
  readonly window?: WindowRef;
}

/** Non-keyed state of one subtask: source offsets, a watermark generator's state; and its input watermark. */
export interface OperatorStateRow extends RowBase {
  readonly kind: 'operator';
  readonly state?: unknown;
  readonly watermark?: number;
  /** A user function's operator state: broadcast state (name → entries), list and union list state (name → elements). */
  readonly operatorState?: OperatorStateSnapshot;
}

/** Records an unaligned checkpoint caught in flight at one subtask's input or output. */
export interface InFlightRow extends RowBase {
  readonly kind: 'in-flight';
  readonly direction: 'input' | 'output';
  /** Input index (input side) or the chain member and its edge (output side). */
  readonly input?: number;
  readonly from?: string;
  readonly edge?: number;
  readonly records: ReadonlyArray<{ readonly value: unknown; readonly timestamp: number | null }>;
}

export type StateRow = KeyedValueRow | WindowRow | MergingWindowSetRow | TimerRow | OperatorStateRow | InFlightRow;

export interface StateRowFilter {
  /** Only this node's rows. */
  readonly node?: string;
  /** Only rows of this key (`keyMatcher`). */
  readonly key?: unknown;
}

/** Kinds of the tables operators keep themselves (the user's states carry descriptors). */
const OPERATOR_TABLES: Readonly<Record<string, StateKind>> = { reduce: 'reducing', aggregate: 'aggregating', left: 'list', right: 'list' };

/** A namespace as a window: `"start:end"` → `{start, end}`, "global" stays. */
export function windowOf(namespace: string | number): WindowRef {
  if (typeof namespace === 'string') {
    const m = /^(-?[\d.e+]+|-Infinity):(-?[\d.e+]+|Infinity)$/.exec(namespace);
    if (m) return { start: Number(m[1]), end: Number(m[2]) };
  }
  return String(namespace);
}

/** The namespace a window reference stands for (inverse of `windowOf`). */
export function namespaceOf(window: WindowRef): string {
  return typeof window === 'string' ? window : `${window.start}:${window.end}`;
}

/**
 * Every row of a decoded checkpoint, node by node (in the checkpoint's order), then by key.
 * `now` (processing time) is unused here; TTL expiry is reported as times.
 */
export function readStateRows(checkpoint: CheckpointState, filter: StateRowFilter = {}): StateRow[] {
  const nodes = filter.node !== undefined ? [filter.node] : Object.keys(checkpoint.byNode).sort();
  if (filter.node !== undefined && checkpoint.byNode[filter.node] === undefined) {
    throw new Error(`checkpoint ${checkpoint.id} holds no state for node "${filter.node}" (it has: ${Object.keys(checkpoint.byNode).sort().join(', ') || 'none'})`);
  }
  const wanted = filter.key === undefined ? undefined : keyId(filter.key);
  const rows: StateRow[] = [];
  for (const node of nodes) {
    const snapshots = checkpoint.byNode[node] ?? [];
    const keyedRows: Array<KeyedValueRow | WindowRow | MergingWindowSetRow | TimerRow> = [];
    const descriptors = descriptorsOf(snapshots);
    snapshots.forEach((snapshot, subtask) => {
      if (snapshot === undefined || snapshot === null) return;
      for (const [kgText, group] of Object.entries((snapshot.keyed ?? {}) as Record<string, KeyedGroupSnapshot>)) {
        readKeyGroup(node, subtask, Number(kgText), group, descriptors, wanted, keyedRows);
      }
    });
    keyedRows.sort(compareKeyed);
    // Not `push(...rows)`: an argument per row overflows the stack at a few hundred thousand keys.
    for (const r of keyedRows) rows.push(r);
    if (wanted !== undefined) continue;
    snapshots.forEach((snapshot, subtask) => {
      if (snapshot === undefined || snapshot === null) return;
      if (snapshot.operator !== undefined || snapshot.watermark !== undefined || snapshot.operatorState !== undefined) {
        rows.push({
          kind: 'operator',
          node,
          subtask,
          ...(snapshot.operator !== undefined ? { state: snapshot.operator } : {}),
          ...(snapshot.watermark !== undefined ? { watermark: snapshot.watermark } : {}),
          ...(snapshot.operatorState !== undefined ? { operatorState: snapshot.operatorState } : {}),
        });
      }
      if (snapshot.channels !== undefined) for (const r of inFlightRows(node, subtask, snapshot.channels)) rows.push(r);
    });
  }
  return rows;
}

/** The union of the descriptors every subtask recorded. */
export function descriptorsOf(snapshots: readonly (OperatorSnapshot | undefined)[]): Record<string, StateDescriptor> {
  const out: Record<string, StateDescriptor> = {};
  for (const s of snapshots) if (s?.states) Object.assign(out, s.states);
  return out;
}

/** The kind of table `state` of a node with these descriptors: user state, an operator's table, window internals. */
export function tableKind(state: string, descriptors: Readonly<Record<string, StateDescriptor>>): StateKind | 'unknown' | 'window' | 'trigger' | 'merging' {
  const d = descriptors[state];
  if (d !== undefined) return d.kind;
  if (state === WINDOW_CONTENTS_STATE) return 'window';
  if (state === MERGING_WINDOW_SET_STATE) return 'merging';
  if (state.startsWith(TRIGGER_STATE_PREFIX)) return 'trigger';
  return OPERATOR_TABLES[state] ?? 'unknown';
}

function readKeyGroup(
  node: string,
  subtask: number,
  keyGroup: number,
  group: KeyedGroupSnapshot,
  descriptors: Readonly<Record<string, StateDescriptor>>,
  wanted: KeyId | undefined,
  out: Array<KeyedValueRow | WindowRow | MergingWindowSetRow | TimerRow>,
): void {
  // Window contents and trigger state of one (key, window) become one row.
  const windows = new Map<string, { key: KeyId; ns: string | number; contents?: unknown; trigger?: Record<string, unknown> }>();
  const windowEntry = (id: KeyId, ns: string | number) => {
    const at = `${typeof id}:${id}\u0000${ns}`;
    let w = windows.get(at);
    if (w === undefined) windows.set(at, (w = { key: id, ns }));
    return w;
  };
  for (const [state, entries] of Object.entries(group.state ?? {})) {
    const kind = tableKind(state, descriptors);
    for (const [id, ns, stored] of entries) {
      if (wanted !== undefined && id !== wanted) continue;
      const base = { node, subtask, keyGroup, key: keyFromId(id) };
      if (kind === 'window') windowEntry(id, ns).contents = stored;
      else if (kind === 'trigger') (windowEntry(id, ns).trigger ??= {})[state.slice(TRIGGER_STATE_PREFIX.length)] = stored;
      else if (kind === 'merging') {
        const pairs = (Array.isArray(stored) ? stored : []) as Array<[string, string]>;
        out.push({ kind: 'merging-window-set', ...base, windows: pairs.map(([w, s]) => ({ window: windowOf(w), stateWindow: windowOf(s) })) });
      } else out.push({ kind: 'keyed', ...base, state, stateKind: kind, namespace: ns, ...userValue(kind, stored, descriptors[state]) });
    }
  }
  for (const w of windows.values()) {
    out.push({
      kind: 'window',
      node,
      subtask,
      keyGroup,
      key: keyFromId(w.key),
      window: windowOf(w.ns),
      ...('contents' in w ? { contents: w.contents } : {}),
      ...(w.trigger !== undefined ? { trigger: w.trigger } : {}),
    });
  }
  for (const domain of ['event', 'processing'] as const) {
    for (const [id, ns, timestamp] of group.timers?.[domain] ?? []) {
      if (wanted !== undefined && id !== wanted) continue;
      out.push({ kind: 'timer', node, subtask, keyGroup, key: keyFromId(id), domain, timestamp, ...(ns === '' ? {} : { window: windowOf(ns) }) });
    }
  }
}

/** A stored user value as the function sees it, and its TTL stamps. */
function userValue(kind: StateKind | 'unknown', stored: unknown, descriptor: StateDescriptor | undefined): Pick<KeyedValueRow, 'value' | 'ttl'> {
  const ttlMs = descriptor?.ttlMs;
  const hasTtl = ttlMs !== undefined;
  const expires = (t: number) => (ttlMs === undefined ? undefined : t + ttlMs);
  if (kind === 'list' && hasTtl && Array.isArray(stored)) {
    const items = stored as Array<{ v: unknown; t: number }>;
    return { value: items.map((s) => s.v), ttl: { ttlMs, writtenAt: items.map((s) => s.t), expiresAt: items.map((s) => expires(s.t)!) } };
  }
  if (kind === 'map' && stored !== null && typeof stored === 'object') {
    const m = stored as { strings?: Record<string, unknown>; numbers?: Record<string, unknown> };
    const entries: Array<[string | number, unknown]> = [];
    for (const [k, v] of Object.entries(m.strings ?? {})) entries.push([k, v]);
    for (const [k, v] of Object.entries(m.numbers ?? {})) entries.push([Number(k), v]);
    if (!hasTtl) return { value: entries };
    const stamped = entries as Array<[string | number, { v: unknown; t: number }]>;
    return {
      value: stamped.map(([k, s]) => [k, s.v]),
      ttl: { ttlMs, writtenAt: stamped.map(([, s]) => s.t), expiresAt: stamped.map(([, s]) => expires(s.t)!) },
    };
  }
  if (hasTtl && stored !== null && typeof stored === 'object' && 'v' in stored && 't' in stored) {
    const s = stored as { v: unknown; t: number };
    return { value: s.v, ttl: { ttlMs, writtenAt: s.t, expiresAt: expires(s.t)! } };
  }
  return { value: stored };
}

function inFlightRows(node: string, subtask: number, channels: ChannelState): InFlightRow[] {
  const records = (values: readonly unknown[], timestamps: readonly number[]) =>
    values.map((value, i) => ({ value, timestamp: Number.isFinite(timestamps[i]) ? timestamps[i]! : null }));
  const out: InFlightRow[] = [];
  for (const c of channels.inputs ?? []) out.push({ kind: 'in-flight', node, subtask, direction: 'input', input: c.input, records: records(c.values, c.timestamps) });
  for (const c of channels.outputs ?? []) out.push({ kind: 'in-flight', node, subtask, direction: 'output', from: c.node, edge: c.edge, records: records(c.values, c.timestamps) });
  return out;
}

const ROW_ORDER: Record<string, number> = { keyed: 0, window: 1, 'merging-window-set': 2, timer: 3 };

/** Keys in text order; then keyed values, windows, merging sets, timers; then by state, window, time. */
function compareKeyed(a: KeyedRowBase & { kind: string }, b: KeyedRowBase & { kind: string }): number {
  return (
    keyText(a.key).localeCompare(keyText(b.key)) ||
    ROW_ORDER[a.kind]! - ROW_ORDER[b.kind]! ||
    detail(a).localeCompare(detail(b), undefined, { numeric: true })
  );
}

function detail(r: { kind: string }): string {
  const row = r as StateRow;
  if (row.kind === 'keyed') return `${row.state}\u0000${row.namespace}`;
  if (row.kind === 'window') return namespaceOf(row.window);
  if (row.kind === 'timer') return `${row.domain}\u0000${String(row.timestamp).padStart(20, '0')}`;
  return '';
}

/** A key as people write it: strings as they are, anything else as JSON. */
export function keyText(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(key);
}

/**
 * The key a person typed (`--key`, the browser's key search): JSON when it parses as a number,
 * array or object (`42`, `["a",1]`), otherwise the text itself; quotes force a string (`"42"`).
 */
export function parseKeyText(text: string): unknown {
  const t = text.trim();
  if (/^(-?\d|\[|\{|")/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}
