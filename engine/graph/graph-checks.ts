/**
 * The checks a schema cannot express, run on the document as written (so they report even
 * when params elsewhere are wrong): ids, edges and ports, cycles, inputs, keying, parallelism
 * and code that does not parse.
 */
import type { CodeSyntaxCheck } from '../udf/code-syntax.js';
import { JobErrorCode } from './error-codes.js';
import type { JobError } from './errors.js';
import { codeParamsOf, fixedParallelism, hasDynamicSideOutputs, KIND_INFO, outputPorts } from './kinds.js';
import { MAX_MAX_PARALLELISM } from './schema.js';
import { isNodeKind, type NodeKind } from './schema-params.js';

interface RawNode {
  readonly index: number;
  readonly id: string;
  readonly kind: NodeKind | undefined;
  readonly params: unknown;
  readonly parallelism: number | undefined;
}

/** An edge whose ends both exist; `toPort` resolved where the target has one input. */
interface RawEdge {
  readonly index: number;
  readonly from: string;
  readonly to: string;
  readonly fromPort: string;
  readonly toPort: string | undefined;
  readonly partition: unknown;
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

function kindLabel(node: RawNode): string {
  return node.kind !== undefined ? `${node.kind} node "${node.id}"` : `node "${node.id}"`;
}

/** The incoming edges of a node come from keyBy main outputs: true, false, or unknown (undefined). */
export function keyedness(inputs: readonly { readonly from: string; readonly fromPort: string }[], kindOf: (id: string) => NodeKind | undefined): boolean | undefined {
  if (inputs.length === 0) return false;
  let keyed = true;
  for (const e of inputs) {
    const k = kindOf(e.from);
    if (k === undefined) return undefined;
    if (k !== 'keyBy' || e.fromPort !== 'out') keyed = false;
  }
  return keyed;
}

/**
 * Strongly connected components that loop (more than one node, or a self-edge), each as one
 * cycle path through it that starts at its first node in document order.
 */
export function findCycles(ids: readonly string[], edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      components.push(comp);
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);

  const order = new Map(ids.map((id, i) => [id, i]));
  const cycles: string[][] = [];
  for (const comp of components) {
    const members = new Set(comp);
    const start = comp.reduce((a, b) => (order.get(b)! < order.get(a)! ? b : a));
    if (comp.length === 1 && !(next.get(start) ?? []).includes(start)) continue;
    // Shortest way around from the start, inside the component.
    const prev = new Map<string, string>();
    const queue = [start];
    let last: string | undefined;
    while (queue.length > 0 && last === undefined) {
      const v = queue.shift()!;
      for (const w of next.get(v) ?? []) {
        if (w === start) {
          last = v;
          break;
        }
        if (members.has(w) && !prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const path = [start];
    for (let v = last!; v !== start; v = prev.get(v)!) path.splice(1, 0, v);
    cycles.push(path);
  }
  return cycles.sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}

/**
 * Every graph-level error of a document (any shape), in document order of what they concern.
 * `checkCode` decides whether a code param parses.
 */
export function checkGraph(doc: unknown, checkCode: CodeSyntaxCheck): JobError[] {
  if (!isObject(doc)) return [];
  const errors: JobError[] = [];
  const add = (code: JobErrorCode, nodeId: string | undefined, field: string, message: string) =>
    errors.push({ code, ...(nodeId !== undefined ? { nodeId } : {}), field, message });

  // Nodes and ids.
  const byId = new Map<string, RawNode>();
  const rawNodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  rawNodes.forEach((n, index) => {
    if (!isObject(n) || typeof n.id !== 'string') return;
    const node: RawNode = { index, id: n.id, kind: isNodeKind(n.kind) ? n.kind : undefined, params: n.params, parallelism: positiveInt(n.parallelism) };
    const first = byId.get(n.id);
    if (first) {
      add(JobErrorCode.DuplicateId, n.id, 'id', `duplicate node id "${n.id}" (nodes[${first.index}] and nodes[${index}]): ids must be unique, they name operator state in checkpoints`);
    } else byId.set(n.id, node);
    if (node.kind === undefined) return;
    for (const { path, code } of codeParamsOf(node.kind, node.params)) {
      if (!/\S/.test(code)) continue; // the schema reports empty code
      const problem = checkCode(code);
      if (problem !== null) add(JobErrorCode.SyntaxError, n.id, `params.${path}`, `code in "${path}" does not parse: ${problem}`);
    }
  });
  const nodes = [...byId.values()];
  const kindOf = (id: string) => byId.get(id)?.kind;

  // Edges and ports.
  const linked: RawEdge[] = [];
  const wired: RawEdge[] = [];
  const badInputPort = new Set<string>();
  const rawEdges = Array.isArray(doc.edges) ? doc.edges : [];
  rawEdges.forEach((e, index) => {
    if (!isObject(e) || typeof e.from !== 'string' || typeof e.to !== 'string') return;
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from) add(JobErrorCode.DanglingEdge, undefined, `edges[${index}].from`, `edge from "${e.from}" to "${e.to}": no node has the id "${e.from}"`);
    if (!to) add(JobErrorCode.DanglingEdge, undefined, `edges[${index}].to`, `edge from "${e.from}" to "${e.to}": no node has the id "${e.to}"`);
    if (!from || !to) return;
    const fromPort = e.fromPort === undefined ? 'out' : e.fromPort;
    const rawToPort = e.toPort;
    if (typeof fromPort !== 'string' || (rawToPort !== undefined && typeof rawToPort !== 'string')) return; // schema reports
    const edge = { index, from: from.id, to: to.id, fromPort, toPort: rawToPort, partition: e.partition };
    linked.push(edge);

    if (from.kind !== undefined) {
      const outs = outputPorts(from.kind, from.params);
      const info = KIND_INFO[from.kind];
      if (outs.length === 0) {
        add(JobErrorCode.UnknownPort, from.id, `edges[${index}].from`, `${kindLabel(from)} is a sink: it has no outputs`);
      } else if (!outs.includes(fromPort) && !(hasDynamicSideOutputs(info, from.params) && fromPort !== '')) {
        add(JobErrorCode.UnknownPort, from.id, `edges[${index}].fromPort`, `${kindLabel(from)} has no output port "${fromPort}"; its outputs: ${outs.map((p) => `"${p}"`).join(', ')}`);
      }
    }
    if (to.kind === undefined) return;
    const inputs: readonly string[] = KIND_INFO[to.kind].inputs;
    let toPort = rawToPort;
    if (inputs.length === 0) {
      add(JobErrorCode.UnknownPort, to.id, `edges[${index}].to`, `${kindLabel(to)} is a source: it takes no input`);
      return;
    }
    if (toPort === undefined && inputs.length === 1) toPort = inputs[0];
    if (toPort === undefined) {
      badInputPort.add(to.id);
      add(JobErrorCode.MissingPort, to.id, `edges[${index}].toPort`, `edge from "${from.id}" into ${kindLabel(to)} needs "toPort": "in1" (left) or "in2" (right)`);
      return;
    }
    if (!inputs.includes(toPort)) {
      badInputPort.add(to.id);
      add(JobErrorCode.UnknownPort, to.id, `edges[${index}].toPort`, `${kindLabel(to)} has no input port "${toPort}"; its inputs: ${inputs.map((p) => `"${p}"`).join(', ')}`);
      return;
    }
    wired.push({ ...edge, toPort });
  });

  for (const cycle of findCycles(nodes.map((n) => n.id), linked)) {
    const closing = linked.find((e) => e.from === cycle[cycle.length - 1] && e.to === cycle[0])!;
    const shown = [...cycle, cycle[0]].map((id) => `"${id}"`).join(' → ');
    add(JobErrorCode.Cycle, cycle[0], `edges[${closing.index}]`, `cycle ${shown}: a job graph must not loop back on itself`);
  }

  // Inputs and keying.
  const inputsOf = new Map<string, RawEdge[]>();
  for (const e of wired) (inputsOf.get(e.to) ?? inputsOf.set(e.to, []).get(e.to)!).push(e);
  for (const node of nodes) {
    if (node.kind === undefined || badInputPort.has(node.id)) continue;
    const info = KIND_INFO[node.kind];
    const ins = inputsOf.get(node.id) ?? [];
    for (const port of info.inputs) {
      const onPort = ins.filter((e) => e.toPort === port);
      const side = port === 'in1' ? ' (left)' : port === 'in2' ? ' (right)' : '';
      if (onPort.length === 0) {
        const how = info.inputs.length === 2 ? `connect an edge with "toPort": "${port}"` : 'connect an edge into it';
        add(JobErrorCode.MissingInput, node.id, `inputs.${port}`, `${kindLabel(node)} has no input on "${port}"${side}: ${how}`);
      } else if (onPort.length > 1 && !info.manyInputs) {
        const sources = onPort.map((e) => `"${e.from}"`).join(', ');
        add(JobErrorCode.TooManyInputs, node.id, `inputs.${port}`, `${kindLabel(node)} takes one stream on "${port}"${side}, but ${onPort.length} edges lead into it (from ${sources}): merge them with a union node first`);
      }
    }
    if (info.keyed === 'required' && ins.length > 0 && keyedness(ins, kindOf) === false) {
      const offender = ins.find((e) => kindOf(e.from) !== 'keyBy' || e.fromPort !== 'out')!;
      const why = kindOf(offender.from) === 'keyBy' ? `a side output of "${offender.from}"` : `"${offender.from}" (${kindOf(offender.from)})`;
      add(JobErrorCode.NotKeyed, node.id, 'inputs.in', `${kindLabel(node)} needs a keyed stream: its input must come straight from a keyBy node, but it comes from ${why}`);
    }
    if (info.keyed === 'first') {
      const keyedBroadcast = ins.find((e) => e.toPort === 'in2' && kindOf(e.from) === 'keyBy');
      if (keyedBroadcast !== undefined) {
        add(JobErrorCode.KeyedBroadcast, node.id, 'inputs.in2', `${kindLabel(node)} sends its broadcast input "in2" whole to every subtask, so it cannot be keyed: connect "in2" to the stream before keyBy "${keyedBroadcast.from}"`);
      }
    }
  }

  // Parallelism.
  const jobParallelism = positiveInt(doc.parallelism) ?? 1;
  const rawMax = positiveInt(doc.maxParallelism);
  const maxParallelism = rawMax !== undefined && rawMax <= MAX_MAX_PARALLELISM ? rawMax : 128;
  if (jobParallelism > maxParallelism) {
    add(JobErrorCode.InvalidParallelism, undefined, 'parallelism', `parallelism ${jobParallelism} exceeds maxParallelism ${maxParallelism} (the number of key groups): raise maxParallelism or lower parallelism`);
  }
  const effective = new Map<string, number>();
  for (const node of nodes) {
    if (node.kind === undefined) continue;
    const keyed = keyedness(inputsOf.get(node.id) ?? [], kindOf) === true;
    const fixed = fixedParallelism({ kind: node.kind }, keyed);
    if (fixed !== undefined && node.parallelism !== undefined && node.parallelism !== fixed) {
      const why = node.kind === 'window' ? 'a window on a non-keyed stream (windowAll) runs as one subtask; key the stream with a keyBy to run it in parallel' : `${node.kind} runs as one subtask`;
      add(JobErrorCode.InvalidParallelism, node.id, 'parallelism', `${why}: remove "parallelism" or set it to 1 (got ${node.parallelism})`);
    } else if (node.parallelism !== undefined && node.parallelism > maxParallelism) {
      add(JobErrorCode.InvalidParallelism, node.id, 'parallelism', `parallelism ${node.parallelism} exceeds maxParallelism ${maxParallelism} (the number of key groups)`);
    }
    effective.set(node.id, fixed ?? node.parallelism ?? jobParallelism);
  }
  for (const e of wired) {
    if (e.partition !== 'forward') continue;
    // Out of and into keyBy, and into joins, records are always hashed by key: "forward" is ignored.
    const toKind = kindOf(e.to)!;
    if (kindOf(e.from) === 'keyBy' || toKind === 'keyBy' || KIND_INFO[toKind].keyed === 'self') continue;
    const a = effective.get(e.from);
    const b = effective.get(e.to);
    if (a !== undefined && b !== undefined && a !== b) {
      add(JobErrorCode.ForwardParallelism, e.to, `edges[${e.index}].partition`, `partition "forward" needs the same parallelism on both ends, but "${e.from}" has ${a} and "${e.to}" has ${b}: use "rebalance" or equal parallelism`);
    }
  }
  return errors;
}
