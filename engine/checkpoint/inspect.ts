/**
 * Reading a checkpoint's keyed state for people: every (key, state name, namespace, value) of
 * one operator — what the IDE's checkpoint browser and replay show.
 */
import type { KeyedGroupSnapshot } from '../operators/base-operator.js';
import { keyFromId } from '../state/key-groups.js';
import type { CheckpointState } from './restore.js';

export interface KeyedStateRow {
  readonly key: unknown;
  /** The state's name: a user state (`seen`), or an operator's internal table (`window-contents`…). */
  readonly state: string;
  /** '' for plain keyed state; the window (`start:end`) for window state. */
  readonly namespace: string | number;
  readonly value: unknown;
  /** The subtask that held it, and its key group. */
  readonly subtask: number;
  readonly keyGroup: number;
}

/** Every keyed state entry of node `nodeId` in a decoded checkpoint, by key then state name. */
export function readKeyedState(checkpoint: CheckpointState, nodeId: string): KeyedStateRow[] {
  const snapshots = checkpoint.byNode[nodeId];
  if (snapshots === undefined) throw new Error(`checkpoint ${checkpoint.id} holds no state for node "${nodeId}"`);
  const rows: KeyedStateRow[] = [];
  snapshots.forEach((snapshot, subtask) => {
    for (const [kg, group] of Object.entries((snapshot?.keyed ?? {}) as Record<string, KeyedGroupSnapshot>)) {
      for (const [state, entries] of Object.entries(group.state ?? {})) {
        for (const [keyId, namespace, value] of entries) rows.push({ key: keyFromId(keyId), state, namespace, value, subtask, keyGroup: Number(kg) });
      }
    }
  });
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return rows.sort((a, b) => text(a.key).localeCompare(text(b.key)) || a.state.localeCompare(b.state) || String(a.namespace).localeCompare(String(b.namespace)));
}
