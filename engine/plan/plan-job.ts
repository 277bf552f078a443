/**
 * JobGraph → ExecutionPlan. `keyBy` nodes dissolve into hash-partitioned edges carrying their
 * key; per-node parallelism is resolved; operators chain on Flink's rules (forward edge, equal
 * parallelism, the downstream node has that one input); slots = the highest parallelism.
 */
import { effectiveRestart } from '../graph/effective-restart.js';
import { KIND_INFO, fixedParallelism } from '../graph/kinds.js';
import { DEFAULT_FUNCTION_TIMEOUT_MS, type JobDocument, isCodeKey } from '../graph/schema.js';
import type { ExecutionPlan, KeySpec, Keying, PartitionKind, PlanEdge, PlanNode, PlanVertex } from './execution-plan.js';

export interface PlanOptions {
  /** Overrides the job's default parallelism (nodes with their own keep it). */
  parallelism?: number;
}

/** An edge between two non-keyBy nodes, after keyBy nodes dissolved. */
interface LogicalEdge {
  from: string;
  port: string;
  to: string;
  input: 0 | 1;
  partition?: PartitionKind | undefined;
  key?: KeySpec | undefined;
}

/** A key spec from a join's key param: a dot path, or code (see `isCodeKey`). */
export function keySpecOf(text: string, node: string, param: string): KeySpec {
  return isCodeKey(text) ? { code: text, node, param } : { field: text, node, param };
}

function keyOfKeyBy(node: { id: string; params: Record<string, any> }): KeySpec {
  const p = node.params;
  return typeof p.code === 'string' ? { code: p.code, node: node.id, param: 'params.code' } : { field: String(p.field), node: node.id, param: 'params.field' };
}

function inputIndex(toPort: string | undefined): 0 | 1 {
  return toPort === 'in2' ? 1 : 0;
}

/** Plans a job that passed `validateJob`. */
export function planJob(job: JobDocument, options: PlanOptions = {}): ExecutionPlan {
  const defaultParallelism = options.parallelism ?? job.parallelism ?? 1;
  const maxParallelism = job.maxParallelism ?? 128;
  const byId = new Map(job.nodes.map((n) => [n.id, n]));

  // Dissolve keyBy nodes: every path A → keyBy → … → B becomes A → B, hashed by the last key.
  const logical: LogicalEdge[] = [];
  const resolve = (from: string, port: string, via: string, key: KeySpec) => {
    for (const e of job.edges) {
      if (e.from !== via) continue;
      const target = byId.get(e.to)!;
      if (target.kind === 'keyBy') resolve(from, port, target.id, keyOfKeyBy(target));
      else logical.push({ from, port, to: e.to, input: inputIndex(e.toPort), partition: 'hash', key });
    }
  };
  for (const e of job.edges) {
    const src = byId.get(e.from)!;
    const dst = byId.get(e.to)!;
    if (src.kind === 'keyBy') continue;
    const port = e.fromPort ?? 'out';
    if (dst.kind === 'keyBy') resolve(e.from, port, dst.id, keyOfKeyBy(dst));
    else logical.push({ from: e.from, port, to: e.to, input: inputIndex(e.toPort), partition: e.partition as PartitionKind | undefined });
  }

  const incoming = new Map<string, LogicalEdge[]>();
  for (const e of logical) {
    let list = incoming.get(e.to);
    if (!list) incoming.set(e.to, (list = []));
    list.push(e);
  }

  // Keying of each node.
  const keying = new Map<string, Keying>();
  for (const n of job.nodes) {
    if (n.kind === 'keyBy') continue;
    const info = KIND_INFO[n.kind as keyof typeof KIND_INFO];
    const ins = incoming.get(n.id) ?? [];
    if (info.keyed === 'self') {
      const p = n.params as Record<string, any>;
      keying.set(n.id, { type: 'keys', keys: [keySpecOf(p.leftKey, n.id, 'params.leftKey'), keySpecOf(p.rightKey, n.id, 'params.rightKey')] });
    } else if (info.keyed === 'none') {
      keying.set(n.id, { type: 'none' });
    } else if (info.keyed === 'first') {
      // Broadcast state: keyed by in1 alone; in2 is broadcast (its edge loses any key below).
      const key = ins.find((e) => e.input === 0)?.key;
      keying.set(n.id, key === undefined ? { type: 'none' } : { type: 'keys', keys: [key] });
    } else {
      const keyedIns = ins.length > 0 && ins.every((e) => e.key !== undefined);
      if (keyedIns) {
        const keys: KeySpec[] = [];
        for (const e of ins) keys[e.input] = e.key!;
        keying.set(n.id, { type: 'keys', keys });
      } else keying.set(n.id, info.maxParallelism1 === 'when-not-keyed' ? { type: 'constant' } : { type: 'none' }); // windowAll, non-keyed CEP
    }
  }

  // Joins key their own inputs: hash every edge into them by the side's key.
  for (const e of logical) {
    const k = keying.get(e.to)!;
    if (KIND_INFO[byId.get(e.to)!.kind as keyof typeof KIND_INFO].keyed === 'self' && k.type === 'keys') {
      e.partition = 'hash';
      e.key = k.keys[e.input];
    }
  }

  // The broadcast input of a broadcast-state node reaches every subtask.
  for (const e of logical) {
    if (e.input === 1 && KIND_INFO[byId.get(e.to)!.kind as keyof typeof KIND_INFO].keyed === 'first') {
      e.partition = 'broadcast';
      e.key = undefined;
    }
  }

  // Parallelism.
  const parallelism = new Map<string, number>();
  for (const n of job.nodes) {
    if (n.kind === 'keyBy') continue;
    const fixed = fixedParallelism(n, keying.get(n.id)!.type === 'keys');
    parallelism.set(n.id, fixed ?? n.parallelism ?? defaultParallelism);
  }

  // Partitioners: forward where both ends match, else rebalance; keyed edges hash.
  for (const e of logical) {
    if (e.partition === undefined) e.partition = parallelism.get(e.from) === parallelism.get(e.to) ? 'forward' : 'rebalance';
    if (e.partition === 'forward' && parallelism.get(e.from) !== parallelism.get(e.to)) e.partition = 'rebalance';
  }

  // Chaining, in topological order.
  const order = topologicalOrder(job.nodes.filter((n) => n.kind !== 'keyBy').map((n) => n.id), logical);
  const vertexOf = new Map<string, string>();
  const startsChain = new Set(job.nodes.filter((n) => KIND_INFO[n.kind].startsChain).map((n) => n.id));
  const chainable = (e: LogicalEdge) =>
    e.partition === 'forward' && (incoming.get(e.to)?.length ?? 0) === 1 && parallelism.get(e.from) === parallelism.get(e.to) && !startsChain.has(e.to);
  for (const id of order) {
    const ins = incoming.get(id) ?? [];
    vertexOf.set(id, ins.length === 1 && chainable(ins[0]!) ? vertexOf.get(ins[0]!.from)! : id);
  }

  const edges: PlanEdge[] = [];
  const chained = new Map<string, Array<{ port: string; node: string; input: 0 | 1 }>>();
  const network = new Map<string, Array<{ port: string; edge: number }>>();
  const vertexInputs = new Map<string, number[]>();
  for (const e of logical) {
    if (vertexOf.get(e.to) === vertexOf.get(e.from) && chainable(e)) {
      (chained.get(e.from) ?? chained.set(e.from, []).get(e.from)!).push({ port: e.port, node: e.to, input: e.input });
      continue;
    }
    const index = edges.length;
    edges.push({
      index,
      from: e.from,
      port: e.port,
      to: e.to,
      input: e.input,
      fromVertex: vertexOf.get(e.from)!,
      toVertex: vertexOf.get(e.to)!,
      partition: e.partition!,
      ...(e.key ? { key: e.key } : {}),
    });
    (network.get(e.from) ?? network.set(e.from, []).get(e.from)!).push({ port: e.port, edge: index });
    (vertexInputs.get(e.to) ?? vertexInputs.set(e.to, []).get(e.to)!).push(index);
  }

  const nodes: Record<string, PlanNode> = {};
  for (const id of order) {
    const n = byId.get(id)!;
    nodes[id] = {
      id,
      kind: n.kind,
      ...(n.name !== undefined ? { name: n.name } : {}),
      params: n.params as Record<string, any>,
      parallelism: parallelism.get(id)!,
      keying: keying.get(id)!,
      vertex: vertexOf.get(id)!,
      chained: chained.get(id) ?? [],
      network: network.get(id) ?? [],
    };
  }
  const vertices: PlanVertex[] = [];
  for (const id of order) {
    if (vertexOf.get(id) !== id) continue;
    vertices.push({
      id,
      parallelism: parallelism.get(id)!,
      nodes: order.filter((x) => vertexOf.get(x) === id),
      inputs: vertexInputs.get(id) ?? [],
      isSource: (incoming.get(id) ?? []).length === 0,
    });
  }
  const slots = Math.max(1, ...vertices.map((v) => v.parallelism));
  return {
    ...(job.name !== undefined ? { name: job.name } : {}),
    ...(job.checkpointing !== undefined ? { checkpointing: job.checkpointing } : {}),
    restart: effectiveRestart(job).strategy,
    functionTimeoutMs: job.execution?.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS,
    maxParallelism,
    nodes,
    vertices,
    edges,
    slots,
  };
}

/** Kahn's algorithm, stable: ties keep the job's node order. */
function topologicalOrder(ids: string[], edges: LogicalEdge[]): string[] {
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const e of edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const out: string[] = [];
  const ready = ids.filter((id) => indegree.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.shift()!;
    out.push(id);
    for (const e of edges) {
      if (e.from !== id) continue;
      const d = indegree.get(e.to)! - 1;
      indegree.set(e.to, d);
      if (d === 0) ready.push(e.to);
    }
  }
  if (out.length !== ids.length) throw new Error('the job graph has a cycle (validate it before planning)');
  return out;
}
