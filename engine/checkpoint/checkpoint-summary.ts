/**
 * One line about a stored checkpoint for a list of them (`eddy state list`, the IDE's checkpoint
 * browser): id, kind, time, size per node, and the operator state — the source offsets a restore
 * resumes from, and its alignment: how long each task aligned its barriers, and whether the
 * checkpoint is unaligned (it holds in-flight records).
 */
import { decodeCheckpoint } from './restore.js';
import { encodeState } from './state-codec.js';
import type { CompletedCheckpoint } from './storage.js';

export interface CheckpointSummary {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  /** When it completed, ISO 8601. */
  readonly time: string;
  readonly completedAt: number;
  readonly durationMs: number;
  readonly size: number;
  /** Encoded bytes of each node's state, over its subtasks. */
  readonly sizeByNode?: Record<string, number>;
  readonly parallelism?: Readonly<Record<string, number>>;
  /** Each node's non-keyed state by subtask (source offsets, watermark generators). */
  readonly operatorState?: Record<string, unknown[]>;
  readonly editedFrom?: { readonly id: number; readonly edits: number };
  /**
   * Records the checkpoint caught in flight (channel state of an unaligned checkpoint), over all
   * subtasks and channels; absent when no subtask recorded channel state (an aligned checkpoint).
   */
  readonly inFlightRecords?: number;
  /** Barrier alignment per task (`vertex#subtask`), ms; absent when the checkpoint did not record it. */
  readonly alignmentMs?: Readonly<Record<string, number>>;
  /** Why it cannot be read (a blob missing or failing its checksum). */
  readonly error?: string;
}

export function summarize(cp: CompletedCheckpoint): CheckpointSummary {
  const { metadata } = cp;
  const base = {
    id: metadata.id,
    kind: metadata.kind,
    time: new Date(metadata.completedAt).toISOString(),
    completedAt: metadata.completedAt,
    durationMs: metadata.completedAt - metadata.triggeredAt,
    size: metadata.size,
    ...(metadata.alignmentMs ? { alignmentMs: metadata.alignmentMs } : {}),
    ...(metadata.editedFrom ? { editedFrom: metadata.editedFrom } : {}),
  };
  try {
    const state = decodeCheckpoint(cp);
    const sizeByNode: Record<string, number> = {};
    const operatorState: Record<string, unknown[]> = {};
    let inFlightRecords: number | undefined;
    for (const [node, subtasks] of Object.entries(state.byNode)) {
      sizeByNode[node] = subtasks.reduce((n, s) => n + (s === undefined ? 0 : encodeState(s).length), 0);
      const ops = subtasks.map((s) => s?.operator).filter((o) => o !== undefined);
      if (ops.length > 0) operatorState[node] = ops;
      for (const s of subtasks) {
        if (s?.channels === undefined) continue;
        const channels = [...(s.channels.inputs ?? []), ...(s.channels.outputs ?? [])];
        inFlightRecords = (inFlightRecords ?? 0) + channels.reduce((n, c) => n + c.values.length, 0);
      }
    }
    return { ...base, sizeByNode, parallelism: metadata.parallelism, operatorState, ...(inFlightRecords === undefined ? {} : { inFlightRecords }) };
  } catch (e) {
    return { ...base, error: (e as Error).message };
  }
}
