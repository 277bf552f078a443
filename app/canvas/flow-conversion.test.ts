import { describe, expect, it } from 'vitest';
import type { EditableJob } from '../store/job-types';
import { emptyJob } from '../store/job-types';
import { type FlowView, connectionToEdge, edgeLabel, jobToFlow } from './flow-conversion';

const NO_VIEW: FlowView = { selectedNodes: new Set(), selectedEdges: new Set(), measured: new Map() };

function job(): EditableJob {
  return {
    ...emptyJob('t'),
    nodes: [
      { id: 'src', kind: 'source.file', params: { path: 'x.csv' } },
      { id: 'w', kind: 'window', params: { lateOutput: 'late' } },
      { id: 'p', kind: 'process', params: { code: '({ onElement(r, ctx, out) {} })' } },
      { id: 'j', kind: 'join.interval', params: {} },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'w' },
      { from: 'src', fromPort: 'errors', to: 'out' },
      { from: 'p', fromPort: 'alerts', to: 'j', toPort: 'in2' },
    ],
    layout: { src: { x: 10, y: 20 } },
  };
}

describe('JobDocument → React Flow', () => {
  it('draws an edge that runs back to the left (a cycle) above the nodes, and no other', () => {
    const cycle: EditableJob = {
      ...emptyJob('cycle'),
      nodes: [{ id: 'a', kind: 'union' }, { id: 'b', kind: 'union' }],
      edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }],
      layout: { a: { x: 0, y: 0 }, b: { x: 200, y: 0 } },
    };
    const [forward, back] = jobToFlow(cycle, NO_VIEW).edges;
    expect(forward!.zIndex).toBeUndefined();
    expect(back!.zIndex).toBe(1);
    expect(back!.className).toContain('back-edge');
  });

  it('makes a node per job node with its position, and the origin when it has none', () => {
    const { nodes } = jobToFlow(job(), NO_VIEW);
    expect(nodes.map((n) => n.id)).toEqual(['src', 'w', 'p', 'j', 'out']);
    expect(nodes[0]!.position).toEqual({ x: 10, y: 20 });
    expect(nodes[1]!.position).toEqual({ x: 0, y: 0 });
    expect(nodes.every((n) => n.type === 'job')).toBe(true);
  });

  it('gives nodes the handles of the job format ports', () => {
    const ports = Object.fromEntries(jobToFlow(job(), NO_VIEW).nodes.map((n) => [n.id, [n.data.inputs, n.data.outputs]]));
    expect(ports.src).toEqual([[], ['out', 'errors']]);
    expect(ports.w).toEqual([['in'], ['out', 'late']]);
    expect(ports.p).toEqual([['in'], ['out', 'alerts']]);
    expect(ports.j).toEqual([['in1', 'in2'], ['out']]);
    expect(ports.out).toEqual([['in'], []]);
  });

  it('makes an edge per job edge between the named handles, labelled when it is a side output', () => {
    const { edges } = jobToFlow(job(), NO_VIEW);
    expect(edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual([
      ['src.out->w.in', 'src', 'out', 'w', 'in'],
      ['src.errors->out.in', 'src', 'errors', 'out', 'in'],
      ['p.alerts->j.in2', 'p', 'alerts', 'j', 'in2'],
    ]);
    expect(edges[0]!.label).toBeUndefined();
    expect(edges[1]!.label).toBe('errors');
  });

  it('marks selection and carries measured sizes', () => {
    const view: FlowView = { selectedNodes: new Set(['w']), selectedEdges: new Set(['src.out->w.in']), measured: new Map([['w', { width: 150, height: 60 }]]) };
    const { nodes, edges } = jobToFlow(job(), view);
    expect(nodes[1]!.selected).toBe(true);
    expect(nodes[1]!.measured).toEqual({ width: 150, height: 60 });
    expect(nodes[0]!.selected).toBe(false);
    expect(edges[0]!.selected).toBe(true);
  });

  it('reuses the previous objects of nodes that did not change', () => {
    const doc = job();
    const first = jobToFlow(doc, NO_VIEW);
    const moved = { ...doc, layout: { ...doc.layout, w: { x: 5, y: 5 } } };
    const second = jobToFlow(moved, NO_VIEW, first);
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.nodes[1]).not.toBe(first.nodes[1]);
    // Moving keeps the node's data, so the memoised node component does not re-render.
    expect(second.nodes[1]!.data).toBe(first.nodes[1]!.data);
    expect(second.edges[0]).toBe(first.edges[0]);
  });

  it('keeps the previous edges array when no edge changed, and the nodes array when no node did', () => {
    // React Flow rebuilds its connection lookup of every edge (and its node lookup of every node)
    // whenever the array it is given is a new one: selecting a node must not hand it new edges.
    const doc = job();
    const first = jobToFlow(doc, NO_VIEW);
    const selected = jobToFlow(doc, { ...NO_VIEW, selectedNodes: new Set(['w']) }, first);
    expect(selected.nodes).not.toBe(first.nodes);
    expect(selected.edges).toBe(first.edges);
    const edgeSelected = jobToFlow(doc, { ...NO_VIEW, selectedNodes: new Set(['w']), selectedEdges: new Set([selected.edges[0]!.id]) }, selected);
    expect(edgeSelected.nodes).toBe(selected.nodes);
    expect(edgeSelected.edges).not.toBe(selected.edges);
    expect(edgeSelected.edges[0]!.selected).toBe(true);
  });

  it('turns a completed connection into a job edge', () => {
    expect(connectionToEdge({ source: 'a', target: 'b', sourceHandle: 'late', targetHandle: 'in1' })).toEqual({ from: 'a', to: 'b', fromPort: 'late', toPort: 'in1' });
    expect(connectionToEdge({ source: 'a', target: 'b', sourceHandle: null, targetHandle: null })).toEqual({ from: 'a', to: 'b', fromPort: 'out', toPort: 'in' });
  });

  it('labels an edge with a partitioning other than the default, and renews it when that changes', () => {
    expect(edgeLabel('out', undefined)).toBeUndefined();
    expect(edgeLabel('out', 'rebalance')).toBe('rebalance');
    expect(edgeLabel('late', 'broadcast')).toBe('late · broadcast');
    const doc = job();
    const first = jobToFlow(doc, NO_VIEW);
    const partitioned = { ...doc, edges: doc.edges.map((e, i) => (i === 0 ? { ...e, partition: 'rebalance' } : e)) };
    const second = jobToFlow(partitioned, NO_VIEW, first);
    expect(second.edges[0]).not.toBe(first.edges[0]);
    expect(second.edges[0]!.label).toBe('rebalance');
    expect(second.edges[0]!.className).toBe('partitioned');
    expect(second.edges[1]).toBe(first.edges[1]);
  });

  it('gives a process node the handles its code and its hand-added tags name', () => {
    const doc = job();
    const coded = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'p' ? { ...n, params: { code: "({ onElement(r, ctx, out) { out.output('late', r) } })" } } : n)),
      layout: { ...doc.layout, p: { x: 0, y: 0, sideOutputs: ['audit'] } },
    };
    const p = jobToFlow(coded, NO_VIEW).nodes.find((n) => n.id === 'p')!;
    expect(p.data.outputs).toEqual(['out', 'late', 'audit', 'alerts']);
  });
});
