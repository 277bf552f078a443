/**
 * The ExecutionPlan: what the runtime deploys (Flink's JobGraph + ExecutionGraph in one).
 * Internal, derived from a validated JobGraph by `planJob`; never saved or shown to users as is.
 */

import type { RestartStrategy as RestartStrategySpec } from '../graph/schema.js';

export type PartitionKind = 'forward' | 'hash' | 'rebalance' | 'rescale' | 'broadcast' | 'shuffle';

/**
 * How a key is read from a record: a dot path or a code string, and where it was defined (the
 * `keyBy` or join node and its param), so a failing key function is reported there.
 */
export type KeySpec = ({ readonly field: string } | { readonly code: string }) & {
  readonly node: string;
  readonly param: string;
};

/** How a node's input is keyed. */
export type Keying =
  | { readonly type: 'none' }
  /** Not keyed, one constant stand-in key (windowAll). */
  | { readonly type: 'constant' }
  /** Keyed; one key spec per input index. */
  | { readonly type: 'keys'; readonly keys: readonly KeySpec[] };

export interface PlanNode {
  readonly id: string;
  readonly kind: string;
  readonly name?: string;
  readonly params: Record<string, any>;
  readonly parallelism: number;
  readonly keying: Keying;
  /** The vertex (task chain) this node runs in. */
  readonly vertex: string;
  /** Downstream nodes in the same chain, by output port. */
  readonly chained: ReadonlyArray<{ readonly port: string; readonly node: string; readonly input: 0 | 1 }>;
  /** Network edges out of this node, by output port (indices into `ExecutionPlan.edges`). */
  readonly network: ReadonlyArray<{ readonly port: string; readonly edge: number }>;
}

/** A chain of operators that runs as one task per subtask. */
export interface PlanVertex {
  /** The head node's id. */
  readonly id: string;
  readonly parallelism: number;
  /** Node ids of the chain, head first, in topological order. */
  readonly nodes: readonly string[];
  /** Network edges into the head (indices into `ExecutionPlan.edges`). */
  readonly inputs: readonly number[];
  readonly isSource: boolean;
}

/** A physical edge between two vertices: channels from every upstream subtask it reaches. */
export interface PlanEdge {
  readonly index: number;
  readonly from: string;
  readonly port: string;
  readonly to: string;
  /** Input index at the target (0 = in / in1, 1 = in2). */
  readonly input: 0 | 1;
  readonly fromVertex: string;
  readonly toVertex: string;
  readonly partition: PartitionKind;
  /** The key, for hash partitioning. */
  readonly key?: KeySpec;
}

export interface ExecutionPlan {
  readonly name?: string;
  /** The job's checkpointing block; absent = no checkpoints. */
  readonly checkpointing?: {
    readonly intervalMs: number;
    readonly mode: 'exactly-once' | 'at-least-once';
    readonly unaligned: boolean;
    readonly retained: number;
  };
  /** The restart strategy in effect (`effectiveRestart`); absent (plans built by hand) = the default for `checkpointing`. */
  readonly restart?: RestartStrategySpec;
  /**
   * The watchdog: a task that runs this long without yielding fails the job (ms; 0 = never).
   * Absent (plans built by hand) = the format's default.
   */
  readonly functionTimeoutMs?: number;
  readonly maxParallelism: number;
  readonly nodes: Readonly<Record<string, PlanNode>>;
  /** In topological order. */
  readonly vertices: readonly PlanVertex[];
  readonly edges: readonly PlanEdge[];
  /** Slots needed with slot sharing: the highest parallelism. */
  readonly slots: number;
}

/**
 * The downstream subtasks that upstream subtask `i` sends to on `edge`. All of them for every
 * partitioner but forward (i → i) and rescale (Flink's POINTWISE pattern: each upstream subtask
 * feeds a contiguous share of the downstream ones, or several upstream share one).
 */
export function channelTargets(edge: PlanEdge, up: number, down: number, i: number): number[] {
  if (edge.partition === 'forward') return [i];
  if (edge.partition !== 'rescale') return Array.from({ length: down }, (_, j) => j);
  if (down < up) return [Math.floor((i * down) / up)];
  const out: number[] = [];
  for (let j = 0; j < down; j++) if (Math.floor((j * up) / down) === i) out.push(j);
  return out;
}

/** The upstream subtasks that send to downstream subtask `j` on `edge`, in index order. */
export function channelSources(edge: PlanEdge, up: number, down: number, j: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < up; i++) if (channelTargets(edge, up, down, i).includes(j)) out.push(i);
  return out;
}
