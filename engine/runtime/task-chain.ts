/**
 * A task's chain, built from its plan vertex: one operator per chained node, each with its output
 * — chained targets (direct calls; traced or marked for the watchdog when asked) and record
 * writers for its network edges, partitioned as the edge says.
 */
import { RecordWriter } from '../net/record-writer.js';
import type { OperatorContext, StreamOperator } from '../operators/operator.js';
import { createOperator } from '../operators/registry.js';
import type { ExecutionPlan, PlanNode, PlanVertex } from '../plan/execution-plan.js';
import { ChainedTarget, MarkedChainedTarget, NetworkTarget, OperatorOutput, type OutputTarget } from './operator-output.js';
import { createPartitioner } from './partitioners.js';
import { chainSuspects } from './progress-beacon.js';
import type { TaskEnvironment } from './task.js';
import { TracedChainedTarget } from './task-trace.js';

/** One chained operator: its node, the operator, where its output goes, its context once open. */
export interface ChainEntry {
  readonly node: PlanNode;
  readonly op: StreamOperator;
  readonly output: OperatorOutput;
  ctx?: OperatorContext;
}

export interface BuiltChain {
  readonly chain: ChainEntry[];
  readonly writers: RecordWriter[];
  /** Per writer: the chain member it belongs to and its physical edge (for in-flight output). */
  readonly writerIds: Array<{ node: string; edge: number }>;
  /** The beacon index of the node a burst of this task names (see `chainSuspects`). */
  readonly watchNode: number;
}

export function buildChain(plan: ExecutionPlan, vertex: PlanVertex, subtaskIndex: number, env: TaskEnvironment): BuiltChain {
  const writers: RecordWriter[] = [];
  const writerIds: Array<{ node: string; edge: number }> = [];
  const ops = new Map<string, StreamOperator>();
  for (const id of vertex.nodes) ops.set(id, createOperator(plan.nodes[id]!.kind));

  // Outputs, per node and port.
  const outputs = new Map<string, OperatorOutput>();
  const beacon = env.beacon;
  const suspects = chainSuspects(plan, vertex.nodes);
  const watchNode = beacon?.nodeIndex(suspects[0] ?? vertex.id) ?? 0;
  const marked = beacon !== undefined && env.markChain === true && suspects.length > 1;
  for (const id of vertex.nodes) {
    const node = plan.nodes[id]!;
    const byPort = new Map<string, OutputTarget[]>();
    const add = (port: string, t: OutputTarget) => (byPort.get(port) ?? byPort.set(port, []).get(port)!).push(t);
    const tracer = env.tracer;
    for (const c of node.chained) {
      const op = ops.get(c.node)!;
      const kind = plan.nodes[c.node]!.kind;
      add(
        c.port,
        tracer
          ? new TracedChainedTarget(op, c.node, kind, c.input, tracer)
          : // Only operators that run user code can hang; the others need no marker.
            marked && suspects.includes(c.node)
            ? new MarkedChainedTarget(op, c.node, c.input, beacon!.cells, beacon!.nodeIndex(c.node), beacon!.nodeIndex(id))
            : new ChainedTarget(op, c.node, c.input),
      );
    }
    for (const n of node.network) {
      const edge = plan.edges[n.edge]!;
      const senders = env.outputs.get(n.edge) ?? [];
      const writer = new RecordWriter([...senders], createPartitioner(edge, plan, subtaskIndex, senders.length), env.batchSize);
      writers.push(writer);
      writerIds.push({ node: id, edge: n.edge });
      add(n.port, new NetworkTarget(writer));
    }
    const main = byPort.get('out') ?? [];
    byPort.delete('out');
    outputs.set(id, new OperatorOutput(main, byPort));
  }
  const chain = vertex.nodes.map((id) => ({ node: plan.nodes[id]!, op: ops.get(id)!, output: outputs.get(id)! }));
  return { chain, writers, writerIds, watchNode };
}
