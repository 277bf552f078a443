/** Builds the partitioner of one network edge for one upstream subtask. */
import { BroadcastPartitioner, ForwardPartitioner, KeyGroupPartitioner, type Partitioner, RebalancePartitioner, ShufflePartitioner } from '../net/partitioner.js';
import type { ExecutionPlan, PlanEdge } from '../plan/execution-plan.js';
import { compileKeySelector } from './key-selector.js';

export function createPartitioner(edge: PlanEdge, plan: ExecutionPlan, subtaskIndex: number, channels: number): Partitioner {
  switch (edge.partition) {
    case 'forward':
      return new ForwardPartitioner();
    case 'hash':
      return new KeyGroupPartitioner(compileKeySelector(edge.key!), plan.maxParallelism, channels);
    case 'rebalance':
      return new RebalancePartitioner(channels, subtaskIndex);
    case 'rescale':
      return new RebalancePartitioner(channels, 0);
    case 'broadcast':
      return new BroadcastPartitioner();
    case 'shuffle':
      return new ShufflePartitioner(channels, edge.index * 7919 + subtaskIndex + 1);
  }
}
