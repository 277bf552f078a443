/**
 * The handles a node shows, mirroring the job format's ports: inputs `in`, or `in1`/`in2` on
 * two-input nodes; outputs `out` plus side outputs — a window's late-output tag when set, a
 * file source's `errors`, and for process/connect nodes the tags their edges already use.
 */
import type { EditableEdge, EditableNode } from '../store/job-types';
import { fromPortOf, kindInfo } from '../store/job-types';

export interface NodePorts {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export function portsOf(node: EditableNode, edges: readonly EditableEdge[]): NodePorts {
  const info = kindInfo(node.kind);
  // An unknown kind still gets a way in and out, so its edges stay visible while it is fixed.
  if (!info) return { inputs: ['in'], outputs: ['out'] };
  if (!info.hasOutput) return { inputs: info.inputs, outputs: [] };
  const outputs = ['out', ...info.sideOutputs(node.params ?? {})];
  if (info.dynamicSideOutputs) {
    for (const e of edges) {
      const port = fromPortOf(e);
      if (e.from === node.id && !outputs.includes(port)) outputs.push(port);
    }
  }
  return { inputs: info.inputs, outputs };
}

/** True when both lists hold the same ports in the same order. */
export function samePorts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}
