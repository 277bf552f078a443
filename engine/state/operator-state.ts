/**
 * Managed operator state: state of a function instance that is not scoped to a key (Flink's
 * OperatorStateStore). A snapshot keeps each kind apart because a restore at another
 * parallelism redistributes each kind its own way (`checkpoint/operator-state-repartition.ts`).
 */
import type { BroadcastStateSnapshot } from './broadcast-state.js';

/** One subtask's managed operator state in a snapshot. Plain JSON-compatible data. */
export interface OperatorStateSnapshot {
  /** Broadcast state (`process.broadcast`): name → entries; every subtask holds a copy. */
  broadcast?: BroadcastStateSnapshot;
  /** List state (Flink's getListState): name → elements; split evenly on rescale. */
  list?: Record<string, unknown[]>;
  /** Union list state (Flink's getUnionListState): name → elements; every subtask gets the union on restore. */
  union?: Record<string, unknown[]>;
}
