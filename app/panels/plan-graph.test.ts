import { describe, expect, it } from 'vitest';
import { type ExecutionPlan, planJob, validateJob } from '../../engine/index';
import { edgeLabel, footerText, planGraph } from './plan-graph';

function planOf(doc: unknown): ExecutionPlan {
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job);
}

/** datagen → watermarks ⇒ keyBy ⇒ window → sink at parallelism 2, the sink at 1: three tasks. */
const WINDOWS = {
  format: 'eddy/job@1',
  parallelism: 2,
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 10, ratePerSec: 100, seed: 1, keys: 2, stepMs: 10, startTs: 0 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0 } },
    { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
    { id: 'count', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'count' } } },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [
    { from: 'gen', to: 'wm' },
    { from: 'wm', to: 'by-key' },
    { from: 'by-key', to: 'count' },
    { from: 'count', to: 'out', partition: 'rebalance' },
  ],
};

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('plan graph', () => {
  it('draws one box per task with its chained operators, parallelism and slots', () => {
    const plan = planOf(WINDOWS);
    const g = planGraph(plan);
    expect(g.boxes.map((b) => b.id)).toEqual(plan.vertices.map((v) => v.id));
    const head = g.boxes.find((b) => b.operators[0] === 'gen (source.datagen)')!;
    expect(head.operators).toEqual(['gen (source.datagen)', 'wm (watermarks)']);
    expect(head.parallelism).toBe(2);
    expect(head.slots).toEqual([0, 1]);
    expect(footerText(head.parallelism, head.slots)).toBe('parallelism 2 · slots 0, 1');
    const sink = g.boxes.find((b) => b.operators.includes('out (sink.collect)'))!;
    expect(sink.slots).toEqual([0]);
  });

  it('draws one arrow per network edge, labelled with its partitioning, left to right', () => {
    const plan = planOf(WINDOWS);
    const g = planGraph(plan);
    expect(g.arrows).toHaveLength(plan.edges.length);
    expect(g.arrows.map((a) => a.label)).toEqual(['hash by key', 'rebalance']);
    expect(g.arrows.map((a) => a.channels)).toEqual(['2 → 2', '2 → 1']);
    const box = new Map(g.boxes.map((b) => [b.id, b]));
    for (const a of g.arrows) expect(box.get(a.to)!.x).toBeGreaterThan(box.get(a.from)!.x + box.get(a.from)!.width);
  });

  it('keeps boxes apart and inside the drawing', () => {
    const doc = {
      format: 'eddy/job@1',
      parallelism: 3,
      nodes: [
        { id: 'a', kind: 'source.collection', params: { records: [{ k: 'x' }] } },
        { id: 'b', kind: 'source.collection', params: { records: [{ k: 'y' }] } },
        { id: 'ka', kind: 'keyBy', params: { field: 'k' } },
        { id: 'kb', kind: 'keyBy', params: { field: 'k' } },
        { id: 'join', kind: 'connect', params: { code: '({ processElement1(l, ctx, out) { out.collect(l); }, processElement2(r, ctx, out) { out.collect(r); } })' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'a', to: 'ka' },
        { from: 'b', to: 'kb' },
        { from: 'ka', to: 'join', toPort: 'in1' },
        { from: 'kb', to: 'join', toPort: 'in2' },
        { from: 'join', to: 'out' },
      ],
    };
    const g = planGraph(planOf(doc));
    expect(g.boxes.length).toBeGreaterThanOrEqual(3);
    for (const [i, a] of g.boxes.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width).toBeLessThanOrEqual(g.width);
      expect(a.y + a.height).toBeLessThanOrEqual(g.height);
      for (const b of g.boxes.slice(i + 1)) expect(overlaps(a, b), `${a.id} and ${b.id}`).toBe(false);
    }
    // The two inputs of the connect arrive at different points.
    const into = g.arrows.filter((a) => a.to === g.boxes.find((b) => b.operators.some((o) => o.startsWith('join')))!.id);
    expect(into).toHaveLength(2);
    expect(new Set(into.map((a) => a.path.split(' ').slice(-1)[0])).size).toBe(2);
  });

  it('names side outputs and key code in edge labels', () => {
    const base = { index: 0, from: 'f', to: 't', input: 0 as const, fromVertex: 'f', toVertex: 't' };
    expect(edgeLabel({ ...base, port: 'late', partition: 'forward' })).toBe('forward [late]');
    expect(edgeLabel({ ...base, port: 'out', partition: 'hash', key: { code: '(r) => r.k', node: 'k', param: 'code' } })).toBe('hash by key code');
    expect(edgeLabel({ ...base, port: 'out', partition: 'broadcast' })).toBe('broadcast');
  });
});
