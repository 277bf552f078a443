/**
 * The watermark each canvas edge carries at the lab's current step, and each input of a node
 * fed by several edges. A network edge (between two tasks) is its channels: the last watermark
 * each delivered downstream, the edge's the minimum over those not idle ("idle" when all are).
 * An edge inside a chain carries what leaves the operator before it, which forwards its task's
 * input watermark: the chain head's combined one, or what its source emitted. After a
 * `watermarks` node in the chain (it makes its own) that is what the task sent downstream, or
 * nothing known when it sends nowhere. A keyBy node is no operator: its edges are the network
 * edge through it.
 */
import type { PlanShape } from '../../engine/index';
import { formatInstant } from '../format/time';
import { type InputChannel, type WatermarkFlow, channelLabel, nodeIdle, nodeWatermark } from './watermark-flow';

/** A job edge as the canvas names it. */
export interface JobEdgeRef {
  readonly id: string;
  readonly from: string;
  readonly fromPort: string;
  readonly to: string;
}

export interface EdgeWatermark {
  /** −∞ before the first, +∞ after the end; NaN when idle. */
  readonly watermark: number;
  readonly idle: boolean;
  /** "00:00:04.999", "none yet", "end of input", "idle". */
  readonly text: string;
  /** Per channel (network edges) or per subtask: where it comes from and its watermark. */
  readonly detail: string;
}

export interface NodeInputWatermark {
  /** The upstream node (with its port when it is a side output). */
  readonly from: string;
  readonly text: string;
  /** This input holds the node's watermark back: the lowest active one while another is ahead. */
  readonly holds: boolean;
}

export interface EdgeWatermarks {
  readonly edges: Readonly<Record<string, EdgeWatermark>>;
  /** Nodes fed by two edges or more: each input's watermark, and which one holds the minimum. */
  readonly inputs: Readonly<Record<string, readonly NodeInputWatermark[]>>;
}

const IDLE = 'idle';

function summary(parts: ReadonlyArray<{ name: string; watermark: number; idle: boolean }>): EdgeWatermark | null {
  if (parts.length === 0) return null;
  let min = Infinity;
  let active = 0;
  for (const p of parts) {
    if (p.idle) continue;
    active++;
    min = Math.min(min, p.watermark);
  }
  const idle = active === 0;
  return {
    watermark: idle ? Number.NaN : min,
    idle,
    text: idle ? IDLE : formatInstant(min),
    detail: parts.map((p) => `${p.name}: ${p.idle ? IDLE : formatInstant(p.watermark)}`).join('; '),
  };
}

/** The watermarks of every job edge, and of the inputs of nodes fed by several. */
export function edgeWatermarks(edges: readonly JobEdgeRef[], kinds: ReadonlyMap<string, string>, shape: PlanShape, flow: WatermarkFlow, channels: readonly InputChannel[]): EdgeWatermarks {
  const vertexOf = new Map<string, PlanShape['vertices'][number]>();
  for (const v of shape.vertices) for (const n of v.nodes) vertexOf.set(n, v);
  const into = (node: string) => edges.filter((e) => e.to === node);
  const outOf = (node: string) => edges.filter((e) => e.from === node);
  // Through nodes that are no operator (keyBy): the operators at either end.
  const operatorsBefore = (node: string, seen = new Set<string>()): string[] => {
    if (vertexOf.has(node)) return [node];
    if (seen.has(node)) return [];
    seen.add(node);
    return into(node).flatMap((e) => operatorsBefore(e.from, seen));
  };
  const operatorsAfter = (node: string, seen = new Set<string>()): string[] => {
    if (vertexOf.has(node)) return [node];
    if (seen.has(node)) return [];
    seen.add(node);
    return outOf(node).flatMap((e) => operatorsAfter(e.to, seen));
  };
  const channelWatermark = (c: InputChannel) => flow.byNode.get(c.to)?.subtasks.get(c.toSubtask)?.channels.get(channelLabel(c.inputChannel, c.port)) ?? { watermark: -Infinity, idle: false };
  const overChannels = (cs: readonly InputChannel[]) =>
    summary(cs.map((c) => ({ name: `${c.from ?? '?'}[${String(c.fromSubtask ?? 0)}] → ${c.to}[${c.toSubtask}]`, ...channelWatermark(c) })));

  const out: Record<string, EdgeWatermark> = {};
  for (const e of edges) {
    const froms = operatorsBefore(e.from);
    const tos = new Set(operatorsAfter(e.to));
    const direct = vertexOf.has(e.from);
    const network = shape.edges.filter((p) => froms.includes(p.from) && tos.has(p.to) && (!direct || p.port === e.fromPort)).map((p) => p.index);
    let w: EdgeWatermark | null = null;
    if (network.length > 0) {
      w = overChannels(channels.filter((c) => c.edge !== undefined && network.includes(c.edge)));
    } else if (direct) {
      w = chainedOut(e.from);
    }
    if (w !== null) out[e.id] = w;
  }

  /** What leaves `node` inside its task (see the header). */
  function chainedOut(node: string): EdgeWatermark | null {
    const v = vertexOf.get(node)!;
    const generated = v.nodes.slice(0, v.nodes.indexOf(node) + 1).some((n) => n !== v.id && kinds.get(n) === 'watermarks');
    if (generated) return overChannels(channels.filter((c) => c.from === v.id));
    const subtasks = Array.from({ length: v.parallelism }, (_, i) => i);
    if (v.isSource) {
      const emitted = flow.emitted.get(v.id);
      return summary(subtasks.map((i) => ({ name: `${v.id}[${i}]`, watermark: emitted?.get(i) ?? -Infinity, idle: false })));
    }
    const head = flow.byNode.get(v.id);
    if (!head) return summary(subtasks.map((i) => ({ name: `${v.id}[${i}]`, watermark: -Infinity, idle: false })));
    const w = nodeIdle(head) ? null : nodeWatermark(head);
    return {
      watermark: w ?? Number.NaN,
      idle: w === null,
      text: w === null ? IDLE : formatInstant(w),
      detail: [...head.subtasks].map(([i, s]) => `${v.id}[${i}]: ${formatInstant(s.combined)}`).join('; '),
    };
  }

  const inputs: Record<string, NodeInputWatermark[]> = {};
  for (const node of new Set(edges.map((e) => e.to))) {
    const feeding = into(node).filter((e) => out[e.id] !== undefined);
    if (feeding.length < 2) continue;
    const ws = feeding.map((e) => out[e.id]!);
    const active = ws.filter((w) => !w.idle).map((w) => w.watermark);
    const min = Math.min(...active);
    const ahead = Math.max(...active) > min;
    inputs[node] = feeding.map((e, i) => ({
      from: e.fromPort === 'out' ? e.from : `${e.from}.${e.fromPort}`,
      text: ws[i]!.text,
      holds: ahead && !ws[i]!.idle && ws[i]!.watermark === min,
    }));
  }
  return { edges: out, inputs };
}
