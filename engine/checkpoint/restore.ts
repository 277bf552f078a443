/**
 * Turning a stored checkpoint or savepoint into the state each new subtask starts from, at any
 * parallelism. Operator identity is the node id: state maps to the node with the same id.
 * Keyed state travels whole and each subtask keeps its key groups; operator state (source
 * offsets) goes as the list of all old subtasks' states when the parallelism changed; managed
 * operator state (broadcast, list, union list) is redistributed as Flink does.
 */
import type { OperatorSnapshot } from '../operators/operator.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { operatorStateFor } from './operator-state-repartition.js';
import { crc32, decodeState } from './state-codec.js';
import type { CheckpointStorage, CompletedCheckpoint } from './storage.js';
import { subtaskOfTaskKey } from '../runtime/task-key.js';

/** Flink's default maxParallelism for small jobs, and what checkpoints without a recorded one had. */
export const DEFAULT_MAX_PARALLELISM = 128;

/** Keyed state is split into maxParallelism key groups: a restore with another number cannot place it (as in Flink). */
export class MaxParallelismChangedError extends Error {
  constructor(
    readonly restored: number,
    readonly planned: number,
  ) {
    super(
      `the checkpoint's keyed state is in ${restored} key groups (maxParallelism ${restored}), but the job has maxParallelism ${planned}; ` +
        'keep maxParallelism when restoring',
    );
    this.name = 'MaxParallelismChangedError';
  }
}

/** A checkpoint whose data cannot be trusted: a blob is missing or fails its checksum. */
export class CorruptCheckpointError extends Error {
  constructor(
    readonly checkpointId: number,
    reason: string,
  ) {
    super(`checkpoint ${checkpointId} is unusable: ${reason}`);
    this.name = 'CorruptCheckpointError';
  }
}

/** A state that cannot be restored into this job (Flink's non-restored state). */
export class StateMismatchError extends Error {
  constructor(readonly nodeIds: readonly string[]) {
    super(
      `the savepoint holds state for node${nodeIds.length === 1 ? '' : 's'} ${nodeIds.map((n) => `"${n}"`).join(', ')} that the job no longer has; ` +
        'restore with allowNonRestoredState to drop it',
    );
    this.name = 'StateMismatchError';
  }
}

/** In-flight data of an unaligned checkpoint belongs to the subtask that had it: no rescaling. */
export class InFlightRescaleError extends Error {
  constructor(oldParallelism: number, newParallelism: number) {
    super(
      `the checkpoint is unaligned and holds in-flight records, which restore only at the same parallelism (${oldParallelism}, not ${newParallelism}); ` +
        'take a savepoint (always aligned) to rescale',
    );
    this.name = 'InFlightRescaleError';
  }
}

/** Decoded checkpoint: each node's snapshots by old subtask index, and the old parallelism. */
export interface CheckpointState {
  readonly id: number;
  readonly byNode: Record<string, OperatorSnapshot[]>;
  readonly parallelism: Readonly<Record<string, number>>;
  /** The job's maxParallelism when it was taken; absent in checkpoints that did not record it (they had 128). */
  readonly maxParallelism?: number;
}

/** Verifies and decodes a completed checkpoint. Throws CorruptCheckpointError. */
export function decodeCheckpoint(checkpoint: CompletedCheckpoint): CheckpointState {
  const { metadata } = checkpoint;
  const byTask = new Map(checkpoint.blobs.map((b) => [b.task, b]));
  const byNode: Record<string, OperatorSnapshot[]> = {};
  for (const task of metadata.tasks) {
    const blob = byTask.get(task);
    if (blob === undefined) throw new CorruptCheckpointError(metadata.id, `the state of ${task} is missing`);
    if (crc32(blob.bytes) !== blob.crc32) throw new CorruptCheckpointError(metadata.id, `the state of ${task} fails its checksum`);
    let state: Record<string, OperatorSnapshot>;
    try {
      state = decodeState(blob.bytes) as Record<string, OperatorSnapshot>;
    } catch (e) {
      throw new CorruptCheckpointError(metadata.id, `the state of ${task} does not decode (${(e as Error).message})`);
    }
    const index = subtaskOfTaskKey(task);
    for (const [nodeId, snapshot] of Object.entries(state)) (byNode[nodeId] ??= [])[index] = snapshot;
  }
  return { id: metadata.id, byNode, parallelism: metadata.parallelism, ...(metadata.maxParallelism !== undefined ? { maxParallelism: metadata.maxParallelism } : {}) };
}

/**
 * The newest checkpoint that reads back intact, newest first; a corrupt one is reported through
 * `onCorrupt` and the previous one is tried. Undefined when there is none.
 */
export async function latestUsableCheckpoint(
  storage: CheckpointStorage,
  onCorrupt: (error: CorruptCheckpointError) => void,
): Promise<CheckpointState | undefined> {
  const all = (await storage.list()).filter((m) => m.kind === 'checkpoint');
  for (let i = all.length - 1; i >= 0; i--) {
    const id = all[i]!.id;
    try {
      return decodeCheckpoint(await storage.load(id));
    } catch (e) {
      onCorrupt(e instanceof CorruptCheckpointError ? e : new CorruptCheckpointError(id, (e as Error).message));
    }
  }
  return undefined;
}

/**
 * The state every subtask of `plan` starts from: by node id, by new subtask index.
 * Throws StateMismatchError for state of nodes the plan lacks, unless allowed.
 */
export function restoreStateFor(plan: ExecutionPlan, state: CheckpointState, allowNonRestoredState = false): Record<string, OperatorSnapshot[]> {
  const orphans = Object.keys(state.byNode).filter((id) => plan.nodes[id] === undefined);
  if (orphans.length > 0 && !allowNonRestoredState) throw new StateMismatchError(orphans);
  const keyed = Object.entries(state.byNode).some(([id, subtasks]) => plan.nodes[id] !== undefined && subtasks.some((s) => s?.keyed !== undefined && Object.keys(s.keyed).length > 0));
  if (keyed && state.maxParallelism !== undefined && plan.maxParallelism !== undefined && state.maxParallelism !== plan.maxParallelism) throw new MaxParallelismChangedError(state.maxParallelism, plan.maxParallelism);
  const out: Record<string, OperatorSnapshot[]> = {};
  for (const node of Object.values(plan.nodes)) {
    const old = state.byNode[node.id];
    if (old === undefined) continue;
    const oldParallelism = state.parallelism[node.id] ?? old.length;
    out[node.id] = Array.from({ length: node.parallelism }, (_, i) => stateForSubtask(old, oldParallelism, node.parallelism, i));
  }
  return out;
}

/** One new subtask's share of a node's old state. */
export function stateForSubtask(old: readonly (OperatorSnapshot | undefined)[], oldParallelism: number, newParallelism: number, index: number): OperatorSnapshot {
  const managed = old.some((s) => s?.operatorState !== undefined) ? operatorStateFor(old.map((s) => s?.operatorState), oldParallelism, newParallelism, index) : undefined;
  if (oldParallelism === newParallelism) {
    const own = old[index] ?? {};
    if (own.operatorState === managed) return own;
    const { operatorState: _, ...rest } = own;
    return managed === undefined ? rest : { ...rest, operatorState: managed };
  }
  if (old.some((s) => s?.channels !== undefined)) throw new InFlightRescaleError(oldParallelism, newParallelism);
  const keyed: Record<number, unknown> = {};
  let hasKeyed = false;
  const operator: unknown[] = [];
  let states: OperatorSnapshot['states'];
  for (let i = 0; i < oldParallelism; i++) {
    const s = old[i];
    operator.push(s?.operator);
    if (s?.keyed) {
      hasKeyed = true;
      Object.assign(keyed, s.keyed);
    }
    if (s?.states) states = { ...states, ...s.states };
  }
  const out: OperatorSnapshot = {};
  if (hasKeyed) out.keyed = keyed;
  if (operator.some((o) => o !== undefined)) out.operator = operator;
  if (states !== undefined) out.states = states;
  if (managed !== undefined) out.operatorState = managed;
  return out;
}
