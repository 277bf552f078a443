/**
 * The one conversion between the job document and React Flow: React Flow's Node and Edge types
 * stop here. Nodes that did not change keep their previous React Flow objects, so React Flow
 * and the memoised node components skip them; unchanged node or edge lists keep their arrays.
 */
import type { Connection, Edge, Node } from '@xyflow/react';
import { edgeIdsOf } from '../store/graph-ops';
import type { EditableJob, EditableNode } from '../store/job-types';
import { fromPortOf, toPortOf } from '../store/job-types';
import { portsOf, samePorts } from './node-ports';

export interface JobNodeData extends Record<string, unknown> {
  readonly node: EditableNode;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export type JobFlowNode = Node<JobNodeData, 'job'>;

export interface FlowGraph {
  readonly nodes: JobFlowNode[];
  readonly edges: Edge[];
}

/** What the canvas adds to the document: selection and the sizes React Flow measured. */
export interface FlowView {
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  readonly measured: ReadonlyMap<string, { readonly width: number; readonly height: number }>;
}

const ORIGIN = { x: 0, y: 0 };

/** The React Flow graph of a job; `previous` lends objects for nodes and edges that did not change. */
export function jobToFlow(doc: EditableJob, view: FlowView, previous?: FlowGraph): FlowGraph {
  const prevNodes = new Map(previous?.nodes.map((n) => [n.id, n]));
  const nodes = doc.nodes.map((node): JobFlowNode => {
    const position = doc.layout?.[node.id] ?? ORIGIN;
    const { inputs, outputs } = portsOf(node, doc.edges, doc.layout);
    const selected = view.selectedNodes.has(node.id);
    const measured = view.measured.get(node.id);
    const prev = prevNodes.get(node.id);
    if (
      prev &&
      prev.data.node === node &&
      samePorts(prev.data.inputs, inputs) &&
      samePorts(prev.data.outputs, outputs) &&
      prev.position.x === position.x &&
      prev.position.y === position.y &&
      prev.selected === selected &&
      prev.measured?.width === measured?.width &&
      prev.measured?.height === measured?.height
    ) {
      return prev;
    }
    const data = prev && prev.data.node === node && samePorts(prev.data.inputs, inputs) && samePorts(prev.data.outputs, outputs) ? prev.data : { node, inputs, outputs };
    return { id: node.id, type: 'job', position: { x: position.x, y: position.y }, data, selected, ...(measured ? { measured: { ...measured } } : {}) };
  });
  const prevEdges = new Map(previous?.edges.map((e) => [e.id, e]));
  const ids = edgeIdsOf(doc.edges);
  const positions = new Map(nodes.map((n) => [n.id, n.position.x]));
  const edges = doc.edges.map((e, i): Edge => {
    const id = ids[i]!;
    const fromPort = fromPortOf(e);
    const selected = view.selectedEdges.has(id);
    const label = edgeLabel(fromPort, e.partition);
    // An edge that runs back to the left (a cycle's back edge) crosses the nodes between its
    // ends: it is drawn above them, or it would vanish behind them.
    const back = (positions.get(e.to) ?? 0) < (positions.get(e.from) ?? 0) - BACK_EDGE_MIN_DX;
    const prev = prevEdges.get(id);
    if (prev && prev.selected === selected && prev.label === label && (prev.zIndex === BACK_EDGE_Z) === back) return prev;
    const classes = [fromPort !== 'out' ? 'side-output' : '', e.partition !== undefined ? 'partitioned' : '', back ? 'back-edge' : ''].filter(Boolean).join(' ');
    return {
      id,
      source: e.from,
      target: e.to,
      sourceHandle: fromPort,
      targetHandle: toPortOf(e),
      selected,
      ...(back ? { zIndex: BACK_EDGE_Z } : {}),
      ...(label !== undefined ? { label } : {}),
      ...(classes ? { className: classes } : {}),
    };
  });
  // The arrays too: React Flow rebuilds its lookups of every node or edge when handed a new one.
  return { nodes: sameItems(nodes, previous?.nodes), edges: sameItems(edges, previous?.edges) };
}

/** `previous` when it holds exactly the objects of `next`, in order; else `next`. */
function sameItems<T>(next: T[], previous: T[] | undefined): T[] {
  return previous !== undefined && previous.length === next.length && next.every((x, i) => x === previous[i]) ? previous : next;
}

/** Above unselected nodes (z 0), below a selected one (React Flow elevates it to 1000). */
const BACK_EDGE_Z = 1;
/** How far left of its source an edge's target must sit to count as running back (about half a node). */
const BACK_EDGE_MIN_DX = 80;

/**
 * The small label on an edge: its side-output tag and its partitioning when either is not the
 * default (`late`, `rebalance`, `late · broadcast`); undefined for a plain edge.
 */
export function edgeLabel(fromPort: string, partition: string | undefined): string | undefined {
  const parts = [fromPort !== 'out' ? fromPort : '', partition ?? ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The edge a completed React Flow connection stands for. */
export function connectionToEdge(c: Connection): { from: string; to: string; fromPort: string; toPort: string } {
  return { from: c.source, to: c.target, fromPort: c.sourceHandle ?? 'out', toPort: c.targetHandle ?? 'in' };
}
