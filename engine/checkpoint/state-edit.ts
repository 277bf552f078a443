/**
 * Editing a checkpoint into a new savepoint — the write side of Flink's State Processor API, for
 * the edits a person debugging state makes: set one key's value of a state, delete a key (all its
 * state and timers, or one state), clear one window of a key (contents, trigger state, merging
 * entry and timers, as Flink's WindowOperator clears a window). Each edit is checked against the
 * state's shape first; a bad edit is an error naming the node, the state and the key. The result
 * restores like any savepoint (`eddy run --from-savepoint`, the IDE's replay).
 */
import type { KeyedGroupSnapshot } from '../operators/base-operator.js';
import type { OperatorSnapshot } from '../operators/operator.js';
import { type KeyId, keyGroupOf, keyId, subtaskForKeyGroup } from '../state/key-groups.js';
import type { StateDescriptor } from '../state/user-state.js';
import { WINDOW_CONTENTS_STATE } from '../window/window-contents.js';
import { MERGING_WINDOW_SET_STATE } from '../window/merging-window-set.js';
import { TRIGGER_STATE_PREFIX } from '../window/window-trigger-context.js';
import { type CheckpointState, DEFAULT_MAX_PARALLELISM, decodeCheckpoint } from './restore.js';
import { crc32, decodeState, encodeState } from './state-codec.js';
import { type WindowRef, descriptorsOf, keyText, namespaceOf, tableKind } from './state-rows.js';
import type { CompletedCheckpoint, StateBlob } from './storage.js';
import { subtaskOfTaskKey } from '../runtime/task-key.js';

/** One edit. `value` of `set` is what the function would read (a map state as `[[key, value], …]` or an object). */
export type StateEdit =
  | { readonly op: 'set'; readonly node: string; readonly key: unknown; readonly state: string; readonly value: unknown }
  | { readonly op: 'delete'; readonly node: string; readonly key: unknown; readonly state?: string }
  | { readonly op: 'clear-window'; readonly node: string; readonly key: unknown; readonly window: WindowRef };

/** An edit that does not fit the state it targets. */
export class StateEditError extends Error {
  constructor(
    readonly edit: StateEdit,
    reason: string,
  ) {
    super(`${edit.op} on node "${edit.node}", key ${JSON.stringify(keyText(edit.key))}${'state' in edit && edit.state !== undefined ? `, state "${edit.state}"` : ''}: ${reason}`);
    this.name = 'StateEditError';
  }
}

type Rows = Array<[KeyId, string | number, unknown]>;

/**
 * A new savepoint: `checkpoint` with `edits` applied in order. Its id stays (a run restored from
 * it numbers its checkpoints on from there); `metadata.editedFrom` says where it came from.
 * Throws StateEditError on the first edit that does not fit.
 */
export function editSavepoint(checkpoint: CompletedCheckpoint, edits: readonly StateEdit[], now: number = checkpoint.metadata.completedAt): CompletedCheckpoint {
  const state = decodeCheckpoint(checkpoint);
  const byNode: Record<string, OperatorSnapshot[]> = structuredClone(state.byNode);
  const decoded: CheckpointState = { ...state, byNode };
  const maxParallelism = state.maxParallelism ?? DEFAULT_MAX_PARALLELISM;
  for (const edit of edits) applyEdit(decoded, edit, maxParallelism, checkpoint.metadata.triggeredAt);
  // An edited savepoint was not taken by barriers: it has no alignment of its own.
  const { alignmentMs: _taken, ...metadata } = checkpoint.metadata;
  const blobs: StateBlob[] = metadata.tasks.map((task) => {
    const index = subtaskOfTaskKey(task);
    const original = decodeTask(checkpoint, task);
    const out: Record<string, OperatorSnapshot> = {};
    for (const node of Object.keys(original)) out[node] = byNode[node]![index]!;
    const bytes = encodeState(out);
    return { task, bytes, crc32: crc32(bytes) };
  });
  return {
    metadata: {
      ...metadata,
      kind: 'savepoint',
      completedAt: now,
      size: blobs.reduce((n, b) => n + b.bytes.length, 0),
      editedFrom: { id: metadata.id, edits: (metadata.editedFrom?.edits ?? 0) + edits.length },
    },
    blobs,
  };
}

/** The node ids a task's blob holds (decodeCheckpoint already verified every blob). */
function decodeTask(checkpoint: CompletedCheckpoint, task: string): Record<string, unknown> {
  const blob = checkpoint.blobs.find((b) => b.task === task)!;
  return decodeState(blob.bytes) as Record<string, unknown>;
}

function applyEdit(checkpoint: CheckpointState, edit: StateEdit, maxParallelism: number, stampTime: number): void {
  const snapshots = checkpoint.byNode[edit.node];
  if (snapshots === undefined) throw new StateEditError(edit, `the checkpoint holds no state for this node (it has: ${Object.keys(checkpoint.byNode).sort().join(', ') || 'none'})`);
  if (edit.key === undefined || edit.key === null) throw new StateEditError(edit, 'a key is needed');
  const id = keyId(edit.key);
  const keyGroup = keyGroupOf(edit.key, maxParallelism);
  const parallelism = checkpoint.parallelism[edit.node] ?? snapshots.length;
  const subtask = subtaskForKeyGroup(keyGroup, maxParallelism, parallelism);
  const descriptors = descriptorsOf(snapshots);
  const tables = tableNames(snapshots);
  const owner = (snapshots[subtask] ??= {});
  const group = (((owner.keyed ??= {}) as Record<number, KeyedGroupSnapshot>)[keyGroup] ??= {});
  const states = (group.state ??= {});
  const rowsOf = (name: string): Rows => (states[name] ??= []) as Rows;
  const isKeyed = Object.keys(descriptors).length > 0 || tables.size > 0;
  if (!isKeyed) throw new StateEditError(edit, 'this node has no keyed state');

  switch (edit.op) {
    case 'set': {
      const kind = tableKind(edit.state, descriptors);
      if (kind === 'window' || kind === 'trigger' || kind === 'merging') throw new StateEditError(edit, 'window state is changed with clear-window, not set');
      if (kind === 'unknown' && !tables.has(edit.state)) {
        const names = [...new Set([...Object.keys(descriptors), ...tables])].filter((n) => !isWindowTable(n)).sort();
        throw new StateEditError(edit, `the node has no such state (it has: ${names.join(', ') || 'none'})`);
      }
      const descriptor = descriptors[edit.state];
      const rows = rowsOf(edit.state);
      const at = rows.findIndex((r) => r[0] === id && r[1] === '');
      const old = at >= 0 ? rows[at]![2] : undefined;
      const stored = storedValue(edit, kind, descriptor, old, stampTime);
      if (at >= 0) rows[at] = [id, '', stored];
      else rows.push([id, '', stored]);
      break;
    }
    case 'delete': {
      let found = false;
      for (const [name, rows] of Object.entries(states)) {
        if (edit.state !== undefined && name !== edit.state) continue;
        const kept = (rows as Rows).filter((r) => r[0] !== id);
        if (kept.length !== rows.length) found = true;
        states[name] = kept;
      }
      if (edit.state === undefined && group.timers) {
        const before = group.timers.event.length + group.timers.processing.length;
        group.timers = { event: group.timers.event.filter((t) => t[0] !== id), processing: group.timers.processing.filter((t) => t[0] !== id) };
        if (group.timers.event.length + group.timers.processing.length !== before) found = true;
      }
      if (!found) throw new StateEditError(edit, edit.state === undefined ? 'the key has no state here' : 'the key has no value in this state');
      break;
    }
    case 'clear-window': {
      const ns = namespaceOf(edit.window);
      // Session windows: the window people see maps to the state window holding its contents.
      const cleared = new Set([ns]);
      const merging = (states[MERGING_WINDOW_SET_STATE] ?? []) as Rows;
      for (const r of merging) {
        if (r[0] !== id) continue;
        const pairs = r[2] as Array<[string, string]>;
        for (const [w, st] of pairs) if (w === ns || st === ns) (cleared.add(w), cleared.add(st));
        r[2] = pairs.filter(([w, st]) => !cleared.has(w) && !cleared.has(st));
      }
      if (merging.length > 0) states[MERGING_WINDOW_SET_STATE] = merging.filter((r) => r[0] !== id || (r[2] as unknown[]).length > 0);
      let found = false;
      for (const [name, rows] of Object.entries(states)) {
        if (name !== WINDOW_CONTENTS_STATE && !name.startsWith(TRIGGER_STATE_PREFIX)) continue;
        const kept = (rows as Rows).filter((r) => !(r[0] === id && cleared.has(String(r[1]))));
        if (kept.length !== rows.length) found = true;
        states[name] = kept;
      }
      if (group.timers) {
        const keep = (t: [KeyId, string | number, number]) => !(t[0] === id && cleared.has(String(t[1])));
        group.timers = { event: group.timers.event.filter(keep), processing: group.timers.processing.filter(keep) };
      }
      if (!found) throw new StateEditError(edit, `the key has no window ${ns} here${windowsOf(snapshots, id)}`);
      break;
    }
  }
  for (const [name, rows] of Object.entries(states)) if ((rows as Rows).length === 0) delete states[name];
  if (group.timers && group.timers.event.length === 0 && group.timers.processing.length === 0) delete group.timers;
}

const isWindowTable = (name: string) => name === WINDOW_CONTENTS_STATE || name === MERGING_WINDOW_SET_STATE || name.startsWith(TRIGGER_STATE_PREFIX);

/** Names of every keyed table the node's snapshots hold. */
function tableNames(snapshots: readonly (OperatorSnapshot | undefined)[]): Set<string> {
  const names = new Set<string>();
  for (const s of snapshots) for (const g of Object.values((s?.keyed ?? {}) as Record<string, KeyedGroupSnapshot>)) for (const n of Object.keys(g.state ?? {})) names.add(n);
  return names;
}

function windowsOf(snapshots: readonly (OperatorSnapshot | undefined)[], id: KeyId): string {
  const found = new Set<string>();
  for (const s of snapshots) {
    for (const g of Object.values((s?.keyed ?? {}) as Record<string, KeyedGroupSnapshot>)) {
      for (const r of (g.state?.[WINDOW_CONTENTS_STATE] ?? []) as Rows) if (r[0] === id) found.add(String(r[1]));
    }
  }
  return found.size === 0 ? ' (it has none)' : ` (it has: ${[...found].sort().join(', ')})`;
}

/** The value as stored: checked against the state's kind, TTL stamps added as the state keeps them. */
function storedValue(edit: StateEdit & { op: 'set' }, kind: string, descriptor: StateDescriptor | undefined, old: unknown, stampTime: number): unknown {
  const v = edit.value;
  const ttl = descriptor?.ttlMs !== undefined;
  // A rewritten value keeps its old write time (its TTL clock), a new one gets the checkpoint's time.
  const oldStamp = ttl && old !== null && typeof old === 'object' && 't' in old ? (old as { t: number }).t : stampTime;
  const stamp = (x: unknown) => (ttl ? { v: x, t: oldStamp } : x);
  if (v === undefined || v === null) throw new StateEditError(edit, 'a value is needed (to remove a value, delete the key\'s state)');
  if (kind === 'list') {
    if (!Array.isArray(v) || v.length === 0) throw new StateEditError(edit, 'a list state takes a non-empty JSON array');
    if (v.some((x) => x === null || x === undefined)) throw new StateEditError(edit, 'list state elements may not be null');
    return v.map(stamp);
  }
  if (kind === 'map') {
    const entries: Array<[unknown, unknown]> = Array.isArray(v) ? (v as Array<[unknown, unknown]>) : typeof v === 'object' ? Object.entries(v as object) : [];
    if (entries.length === 0 || entries.some((e) => !Array.isArray(e) || e.length !== 2)) {
      throw new StateEditError(edit, 'a map state takes a JSON object or a non-empty array of [key, value] pairs');
    }
    const stored: { strings?: Record<string, unknown>; numbers?: Record<string, unknown> } = {};
    for (const [k, x] of entries) {
      if (typeof k !== 'string' && typeof k !== 'number') throw new StateEditError(edit, `map keys are strings or numbers, got ${JSON.stringify(k)}`);
      if (x === undefined || x === null) throw new StateEditError(edit, `map entry ${JSON.stringify(k)} has no value`);
      const bucket = typeof k === 'number' ? (stored.numbers ??= {}) : (stored.strings ??= {});
      Object.defineProperty(bucket, String(k), { value: stamp(x), enumerable: true, writable: true, configurable: true });
    }
    return stored;
  }
  if (kind === 'reducing' && old !== undefined) {
    const was = ttl ? (old as { v: unknown }).v : old;
    if (typeof was !== typeof v) throw new StateEditError(edit, `the reducing state holds ${typeof was} values, not ${typeof v}`);
  }
  if (kind === 'aggregating' && old !== undefined) {
    const was = ttl ? (old as { v: unknown }).v : old;
    if (typeof was === 'object' && was !== null && (typeof v !== 'object' || Array.isArray(v) !== Array.isArray(was))) {
      throw new StateEditError(edit, `the aggregating state's accumulator is ${Array.isArray(was) ? 'an array' : 'an object'} like ${JSON.stringify(was)}`);
    }
  }
  return stamp(v);
}
