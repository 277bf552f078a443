/**
 * Validation of `eddy/job@1` documents, and the graph questions the planner asks of a valid
 * job. `validateJob` reports every error at once, each naming the node and the field; a job
 * it accepts has every default applied and every edge port explicit.
 */
import { checkUserCode } from '../udf/compile.js';
import type { CodeSyntaxCheck } from '../udf/code-syntax.js';
import type { JobError } from './errors.js';
import { checkGraph, findCycles, keyedness } from './graph-checks.js';
import { fixedParallelism } from './kinds.js';
import { type JobDocument, JobDocumentSchema, type JobEdge, type JobNode } from './schema.js';
import { jobErrorsFromIssues } from './zod-issues.js';

/** Either the parsed job, or every error found (never both, never an empty error list). */
export type ValidationResult = { ok: true; job: JobDocument; errors: [] } | { ok: false; errors: JobError[] };

/**
 * Checks a job document (any JSON value): shape and params (zod, in plain words), ids, edges
 * and ports, cycles, inputs, keying, parallelism, and that code params parse as JavaScript or
 * TypeScript (never runs them).
 */
export function validateJob(doc: unknown): ValidationResult {
  return validateJobWith(doc, checkUserCode);
}

/**
 * `validateJob` with the code syntax check handed in: a browser page passes a check that does
 * not need the TypeScript stripper loaded (see `udf/code-syntax.ts`). Everything else is the same.
 */
export function validateJobWith(doc: unknown, checkCode: CodeSyntaxCheck): ValidationResult {
  const parsed = JobDocumentSchema.safeParse(doc, { reportInput: true });
  const errors = parsed.success ? [] : jobErrorsFromIssues(parsed.error.issues, doc);
  errors.push(...checkGraph(doc, checkCode));
  if (errors.length > 0) return { ok: false, errors };
  if (!parsed.success) throw new Error('unreachable: a schema failure always yields errors');
  return { ok: true, job: parsed.data, errors: [] };
}

type Graph = Pick<JobDocument, 'nodes' | 'edges'>;

/** The edges entering `nodeId`, in document order. */
export function incomingEdges(job: Pick<JobDocument, 'edges'>, nodeId: string): JobEdge[] {
  return job.edges.filter((e) => e.to === nodeId);
}

/** The edges leaving `nodeId`, in document order. */
export function outgoingEdges(job: Pick<JobDocument, 'edges'>, nodeId: string): JobEdge[] {
  return job.edges.filter((e) => e.from === nodeId);
}

/**
 * True when the node has inputs and every one comes straight out of a keyBy node's main
 * output — Flink's KeyedStream. A union of keyed streams, or a keyBy's side output, is not keyed.
 */
export function isKeyedInput(job: Graph, nodeId: string): boolean {
  const kinds = new Map(job.nodes.map((n) => [n.id, n.kind]));
  return keyedness(incomingEdges(job, nodeId), (id) => kinds.get(id)) === true;
}

/**
 * The node's parallelism as the job declares it: 1 where the kind runs as one subtask (see
 * `fixedParallelism`), else the node's own, else the job's.
 */
export function nodeParallelism(job: JobDocument, nodeId: string): number {
  const node = job.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node has the id "${nodeId}"`);
  return fixedParallelism(node, isKeyedInput(job, nodeId)) ?? node.parallelism ?? job.parallelism;
}

/**
 * The nodes, every node after all nodes it reads from; ties keep document order, so the
 * order is the same on every run. Throws on a cycle (a validated job has none).
 */
export function topologicalOrder(job: Graph): JobNode[] {
  const indegree = new Map<string, number>(job.nodes.map((n) => [n.id, 0]));
  const next = new Map<string, string[]>(job.nodes.map((n) => [n.id, []]));
  for (const e of job.edges) {
    if (!indegree.has(e.from) || !indegree.has(e.to)) continue;
    indegree.set(e.to, indegree.get(e.to)! + 1);
    next.get(e.from)!.push(e.to);
  }
  const position = new Map(job.nodes.map((n, i) => [n.id, i]));
  const ready = job.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: JobNode[] = [];
  while (ready.length > 0) {
    // Smallest document position first: stable regardless of edge order.
    let best = 0;
    for (let i = 1; i < ready.length; i++) if (position.get(ready[i]!)! < position.get(ready[best]!)!) best = i;
    const id = ready.splice(best, 1)[0]!;
    order.push(job.nodes[position.get(id)!]!);
    for (const to of next.get(id)!) {
      const d = indegree.get(to)! - 1;
      indegree.set(to, d);
      if (d === 0) ready.push(to);
    }
  }
  if (order.length !== job.nodes.length) {
    const cycle = findCycles(job.nodes.map((n) => n.id), job.edges)[0] ?? [];
    throw new Error(`the job graph has a cycle: ${[...cycle, cycle[0]].join(' → ')}`);
  }
  return order;
}
