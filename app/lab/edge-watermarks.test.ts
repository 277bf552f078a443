import { describe, expect, it } from 'vitest';
import { channelEnds, planForTrace, planShape, traceJob } from '../../engine/index';
import { edgeIdsOf } from '../store/graph-ops';
import { edgeWatermarks } from './edge-watermarks';
import type { TraceStep } from './trace-types';
import { watermarkFlowAt } from './watermark-flow';

interface Doc {
  readonly format: string;
  readonly name: string;
  readonly nodes: ReadonlyArray<{ readonly id: string; readonly kind: string; readonly params?: unknown }>;
  readonly edges: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/** Two sources into a union, keyed into a window chained with its sink. */
const twoSources: Doc = {
  format: 'eddy/job@1',
  name: 'Two sources',
  nodes: [
    { id: 'a', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'x', v: 1, ts: 1000 }, { $watermark: 4999 }, { k: 'x', v: 2, ts: 12000 }, { $watermark: 20000 }] } },
    { id: 'b', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'x', v: 10, ts: 2000 }, { $watermark: 15000 }] } },
    { id: 'u', kind: 'union' },
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'sum', field: 'v' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'a', to: 'u' },
    { from: 'b', to: 'u' },
    { from: 'u', to: 'by' },
    { from: 'by', to: 'w' },
    { from: 'w', to: 'out' },
  ],
};

function world(doc: Doc, parallelism?: number) {
  const { steps } = traceJob(doc, parallelism !== undefined ? { parallelism } : {});
  const plan = planForTrace(doc, parallelism);
  const ids = edgeIdsOf(doc.edges);
  const edges = doc.edges.map((e, i) => ({ id: ids[i]!, from: e.from, fromPort: 'out', to: e.to }));
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  const channels = channelEnds(plan);
  const at = (position: number) => edgeWatermarks(edges, kinds, planShape(plan), watermarkFlowAt(steps as TraceStep[], position - 1, channels), channels);
  /** The position right after the first step matching `pred`. */
  const rightAfter = (pred: (s: TraceStep) => boolean) => (steps as TraceStep[]).findIndex(pred) + 1;
  return { steps: steps as TraceStep[], at, rightAfter };
}

const wmIn = (node: string, watermark: number) => (s: TraceStep) => s.events.some((e) => e.type === 'watermark.in' && e['node'] === node && e['watermark'] === watermark);

describe('edge watermarks', () => {
  it('a network edge carries what its channels delivered; the union marks the input holding its minimum', () => {
    const { at, rightAfter } = world(twoSources);
    const start = at(0);
    expect(start.edges['a.out->u.in']!.text).toBe('none yet');
    expect(start.inputs['u']).toEqual([
      { from: 'a', text: 'none yet', holds: false },
      { from: 'b', text: 'none yet', holds: false },
    ]);
    // a's watermark 4999 reached the union; b has sent none: b holds the union back.
    const p = rightAfter(wmIn('u', 4999));
    expect(at(p).edges['a.out->u.in']!.text).toBe('00:00:04.999');
    expect(at(p).edges['b.out->u.in']!.text).toBe('none yet');
    expect(at(p).inputs['u']).toEqual([
      { from: 'a', text: '00:00:04.999', holds: false },
      { from: 'b', text: 'none yet', holds: true },
    ]);
    // One step before, the edge had nothing yet.
    expect(at(p - 1).edges['a.out->u.in']!.text).toBe('none yet');
    // b's 15000 arrives: a has ended (+∞), so b now holds the minimum; the keyed edges (through keyBy) carry the union's output.
    const q = rightAfter(wmIn('w', 15000));
    expect(at(q).inputs['u']).toEqual([
      { from: 'a', text: 'end of input', holds: false },
      { from: 'b', text: '00:00:15.000', holds: true },
    ]);
    expect(at(q).edges['u.out->by.in']!.text).toBe('00:00:15.000');
    expect(at(q).edges['by.out->w.in']!.text).toBe('00:00:15.000');
    // Inside w's task: the window forwards its input watermark to the sink.
    expect(at(q).edges['w.out->out.in']!.text).toBe('00:00:15.000');
    expect(at(q - 1).edges['w.out->out.in']!.text).toBe('none yet');
  });

  it('at parallelism 2 an edge is the minimum over its channels, each named in the detail', () => {
    const { at, rightAfter } = world(twoSources, 2);
    const p = rightAfter(wmIn('u', 4999));
    const a = at(p).edges['a.out->u.in']!;
    // a (one subtask) feeds both union subtasks round-robin: only one has heard 4999.
    expect(a.text).toBe('none yet');
    expect(a.detail).toMatch(/a\[0\] → u\[\d\]: 00:00:04\.999/);
    expect(a.detail).toMatch(/a\[0\] → u\[\d\]: none yet/);
  });

  it('an edge whose channels are all idle says idle, never "no watermark"', () => {
    const { steps, at } = world(twoSources);
    // b marked idle (WatermarkStatus.IDLE) at the union: the idle mark the chaos control sends.
    const idle: TraceStep = { step: steps.length, node: 'u', subtask: 0, events: [{ type: 'idle.in', node: 'u', channel: 1, port: 'in', idle: true }] };
    steps.splice(3, 0, idle);
    const w = at(4);
    expect(w.edges['b.out->u.in']).toMatchObject({ idle: true, text: 'idle' });
    expect(w.inputs['u']!.find((i) => i.from === 'b')).toEqual({ from: 'b', text: 'idle', holds: false });
  });

  it('a source chained with its next operator: the edge carries what the source emitted', () => {
    const chained: Doc = {
      ...twoSources,
      nodes: [...twoSources.nodes.slice(0, 2), { id: 'm', kind: 'map', params: { code: '(r) => r' } }, ...twoSources.nodes.slice(2)],
      edges: [{ from: 'a', to: 'm' }, { from: 'm', to: 'u' }, ...twoSources.edges.slice(1)],
    };
    const { at, rightAfter } = world(chained);
    const p = rightAfter((s) => s.events.some((e) => e.type === 'source.emit' && e['node'] === 'a' && e['watermark'] === 4999));
    expect(at(p).edges['a.out->m.in']!.text).toBe('00:00:04.999');
    expect(at(p - 1).edges['a.out->m.in']!.text).toBe('none yet');
  });
});
