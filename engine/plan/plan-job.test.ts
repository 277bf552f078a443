import { describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import type { JobDocument } from '../graph/schema.js';
import { channelSources, channelTargets, type PlanEdge } from './execution-plan.js';
import { planJob } from './plan-job.js';

function job(doc: Record<string, unknown>): JobDocument {
  const r = validateJob({ format: 'eddy/job@1', ...doc });
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.job;
}

const src = { id: 'src', kind: 'source.collection', params: { records: [] } };

describe('planJob', () => {
  it('process.broadcast: keyed by in1 alone, in2 broadcast to every subtask', () => {
    const code = '({ processElement() {}, processBroadcastElement() {} })';
    const nodes = [src, { ...src, id: 'rules' }, { id: 'k', kind: 'keyBy', params: { field: 'id' } }, { id: 'bp', kind: 'process.broadcast', params: { code } }, { id: 'out', kind: 'sink.collect', params: {} }];
    const keyedPlan = planJob(
      job({
        parallelism: 2,
        nodes,
        edges: [
          { from: 'src', to: 'k' },
          { from: 'k', to: 'bp', toPort: 'in1' },
          { from: 'rules', to: 'bp', toPort: 'in2', partition: 'rebalance' },
          { from: 'bp', to: 'out' },
        ],
      }),
    );
    expect(keyedPlan.nodes.bp!.keying).toEqual({ type: 'keys', keys: [{ field: 'id', node: 'k', param: 'params.field' }] });
    expect(keyedPlan.edges.filter((x) => x.to === 'bp').map((x) => [x.input, x.partition])).toEqual([
      [0, 'hash'],
      [1, 'broadcast'],
    ]);
    const plain = planJob(
      job({
        nodes: nodes.filter((n) => n.id !== 'k'),
        edges: [
          { from: 'src', to: 'bp', toPort: 'in1' },
          { from: 'rules', to: 'bp', toPort: 'in2' },
          { from: 'bp', to: 'out' },
        ],
      }),
    );
    expect(plain.nodes.bp!.keying).toEqual({ type: 'none' });
    expect(plain.edges.find((x) => x.to === 'bp' && x.input === 1)?.partition).toBe('broadcast');
  });

  it('chains a forward pipeline of equal parallelism into one vertex', () => {
    const plan = planJob(
      job({
        nodes: [src, { id: 'm', kind: 'map', params: { code: '(r) => r' } }, { id: 'f', kind: 'filter', params: { code: '(r) => true' } }, { id: 'out', kind: 'sink.collect', params: {} }],
        edges: [
          { from: 'src', to: 'm' },
          { from: 'm', to: 'f' },
          { from: 'f', to: 'out' },
        ],
      }),
    );
    expect(plan.vertices.map((v) => v.nodes)).toEqual([['src', 'm', 'f', 'out']]);
    expect(plan.edges).toEqual([]);
    expect(plan.slots).toBe(1);
  });

  it('dissolves keyBy into a hash edge carrying the key, and keys the downstream node', () => {
    const plan = planJob(
      job({
        parallelism: 2,
        nodes: [
          { id: 'gen', kind: 'source.datagen', params: { count: 10 } },
          { id: 'k', kind: 'keyBy', params: { field: 'key' } },
          { id: 'r', kind: 'reduce', params: { code: '(a, b) => a' } },
          { id: 'out', kind: 'sink.collect', params: {} },
        ],
        edges: [
          { from: 'gen', to: 'k' },
          { from: 'k', to: 'r' },
          { from: 'r', to: 'out' },
        ],
      }),
    );
    expect(plan.nodes['k']).toBeUndefined();
    expect(plan.edges).toHaveLength(1);
    expect(plan.edges[0]).toMatchObject({ from: 'gen', to: 'r', partition: 'hash', key: { field: 'key', node: 'k', param: 'params.field' } });
    expect(plan.nodes['r']!.keying).toEqual({ type: 'keys', keys: [{ field: 'key', node: 'k', param: 'params.field' }] });
    expect(plan.vertices.map((v) => v.nodes)).toEqual([['gen'], ['r', 'out']]);
    expect(plan.slots).toBe(2);
  });

  it('runs a window on a non-keyed stream as windowAll at parallelism 1 with a constant key', () => {
    const plan = planJob(
      job({
        parallelism: 3,
        nodes: [
          { id: 'gen', kind: 'source.datagen', params: { count: 10 } },
          { id: 'w', kind: 'window', params: { assigner: { type: 'count', size: 2 }, function: { type: 'aggregate', fn: 'count' } } },
          { id: 'out', kind: 'sink.collect', params: {} },
        ],
        edges: [
          { from: 'gen', to: 'w' },
          { from: 'w', to: 'out' },
        ],
      }),
    );
    expect(plan.nodes['w']!.keying).toEqual({ type: 'constant' });
    expect(plan.nodes['w']!.parallelism).toBe(1);
    expect(plan.edges[0]).toMatchObject({ from: 'gen', to: 'w', partition: 'rebalance' });
    // The sink follows the job's default parallelism, so it is fed by rebalance too.
    expect(plan.edges[1]).toMatchObject({ from: 'w', to: 'out', partition: 'rebalance' });
  });

  it('does not chain across an explicit partition, a parallelism change or into a two-input node', () => {
    const plan = planJob(
      job({
        nodes: [
          src,
          { id: 'a', kind: 'map', params: { code: '(r) => r' } },
          { id: 'b', kind: 'map', parallelism: 2, params: { code: '(r) => r' } },
          { id: 'u', kind: 'union', parallelism: 2, params: {} },
          { id: 'out', kind: 'sink.collect', parallelism: 2, params: {} },
        ],
        edges: [
          { from: 'src', to: 'a', partition: 'rebalance' },
          { from: 'a', to: 'b' },
          { from: 'b', to: 'u' },
          { from: 'a', to: 'u' },
          { from: 'u', to: 'out' },
        ],
      }),
    );
    expect(plan.vertices.map((v) => v.nodes)).toEqual([['src'], ['a'], ['b'], ['u', 'out']]);
    expect(plan.edges.map((e) => `${e.from}->${e.to}:${e.partition}`)).toEqual(['src->a:rebalance', 'a->b:rebalance', 'b->u:forward', 'a->u:rebalance']);
  });

  it('hash-partitions both inputs of a join by their own keys', () => {
    const plan = planJob(
      job({
        nodes: [
          { id: 'l', kind: 'source.collection', params: { records: [] } },
          { id: 'r', kind: 'source.collection', params: { records: [] } },
          { id: 'j', kind: 'join.interval', params: { lowerMs: -5, upperMs: 5, leftKey: 'id', rightKey: '(x) => x.ref', code: '(a, b) => a' } },
          { id: 'out', kind: 'sink.collect', params: {} },
        ],
        edges: [
          { from: 'l', to: 'j', toPort: 'in1' },
          { from: 'r', to: 'j', toPort: 'in2' },
          { from: 'j', to: 'out' },
        ],
      }),
    );
    expect(plan.edges.slice(0, 2)).toMatchObject([
      { from: 'l', to: 'j', input: 0, partition: 'hash', key: { field: 'id', node: 'j', param: 'params.leftKey' } },
      { from: 'r', to: 'j', input: 1, partition: 'hash', key: { code: '(x) => x.ref', node: 'j', param: 'params.rightKey' } },
    ]);
  });

  it('the CLI parallelism overrides the job default but not a node of its own', () => {
    const plan = planJob(
      job({
        parallelism: 1,
        nodes: [
          { id: 'gen', kind: 'source.datagen', params: { count: 1 } },
          { id: 'm', kind: 'map', parallelism: 3, params: { code: '(r) => r' } },
          { id: 'out', kind: 'sink.collect', params: {} },
        ],
        edges: [
          { from: 'gen', to: 'm' },
          { from: 'm', to: 'out' },
        ],
      }),
      { parallelism: 4 },
    );
    expect(plan.nodes['gen']!.parallelism).toBe(4);
    expect(plan.nodes['m']!.parallelism).toBe(3);
    expect(plan.slots).toBe(4);
  });
});

describe('channel wiring', () => {
  const edge = (partition: PlanEdge['partition']): PlanEdge => ({ index: 0, from: 'a', port: 'out', to: 'b', input: 0, fromVertex: 'a', toVertex: 'b', partition });

  it('forward connects subtask i to subtask i only', () => {
    expect(channelTargets(edge('forward'), 3, 3, 2)).toEqual([2]);
  });

  it('rebalance connects every upstream subtask to every downstream one', () => {
    expect(channelTargets(edge('rebalance'), 2, 3, 1)).toEqual([0, 1, 2]);
  });

  it('rescale spreads one upstream subtask over a contiguous share downstream', () => {
    expect(channelTargets(edge('rescale'), 2, 4, 0)).toEqual([0, 1]);
    expect(channelTargets(edge('rescale'), 2, 4, 1)).toEqual([2, 3]);
    expect(channelSources(edge('rescale'), 4, 2, 1)).toEqual([2, 3]);
  });
});
