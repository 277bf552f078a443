import { describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import type { JobDocument } from '../graph/schema.js';
import { planJob } from '../plan/plan-job.js';
import { type DataTapSnapshot, tapPointsOf } from '../runtime/data-tap.js';
import { InlineJob } from './inline-host.js';
import { MemoryIO } from './memory-io.js';
import { nodeSlotSpawner } from './node/node-slots.js';
import { WorkerJob } from './worker-job.js';

const N = 2_000;
const gen = { id: 'gen', kind: 'source.datagen', params: { count: N, seed: 7, keys: 5, stepMs: 10 } };
const tag = { id: 'm', kind: 'map', params: { code: '(r) => ({ ...r, tagged: true })' } };

/** gen → m (chained) → keyBy → reduce → sink: gen→m is a chained edge, keyBy→r a network edge. */
const tappedJob = {
  format: 'eddy/job@1',
  nodes: [gen, tag, { id: 'k', kind: 'keyBy', params: { field: 'key' } }, { id: 'r', kind: 'reduce', params: { code: '(a, b) => ({ ...b, value: a.value + b.value })' } }, { id: 'out', kind: 'sink.collect' }],
  edges: [
    { from: 'gen', to: 'm' },
    { from: 'm', to: 'k' },
    { from: 'k', to: 'r' },
    { from: 'r', to: 'out' },
  ],
};

/** What left the last of `nodes` (a chain) on each subtask, in order: collected by a sink chained after it. */
async function streamPerSubtask(nodes: unknown[], parallelism: number): Promise<unknown[][]> {
  const ids = [...nodes.map((n) => (n as { id: string }).id), 'all'];
  const doc = { format: 'eddy/job@1', nodes: [...nodes, { id: 'all', kind: 'sink.collect' }], edges: ids.slice(1).map((to, i) => ({ from: ids[i], to })) };
  const perSubtask: unknown[][] = [];
  const io = new MemoryIO({}, (r, s) => (perSubtask[s] ??= []).push(r.value));
  await new InlineJob(plan(doc, parallelism), { io, clock: 'virtual' }).run();
  return perSubtask;
}

function plan(doc: unknown, parallelism: number) {
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job, { parallelism });
}

function expectLastRecords(snapshot: DataTapSnapshot, nodeId: string, stream: unknown[][], capacity: number): void {
  const subtasks = snapshot.subtasks.filter((s) => s.nodeId === nodeId);
  expect(subtasks.map((s) => s.subtask)).toEqual(stream.map((_, i) => i));
  for (const s of subtasks) {
    const all = stream[s.subtask]!;
    expect(s.count).toBe(all.length);
    expect(s.values).toEqual(all.slice(-capacity));
    expect(s.timestamps).toEqual(all.slice(-capacity).map((r) => (r as { ts: number }).ts));
  }
}

const keyByEdge = tapPointsOf(validated(tappedJob), 'k', 'out');

function validated(doc: unknown): JobDocument {
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.job;
}

describe('data taps', () => {
  it('tap an edge out of a keyBy at the node that feeds the keyBy', () => {
    expect(keyByEdge).toEqual([{ nodeId: 'm', port: 'out' }]);
  });

  for (const parallelism of [1, 2]) {
    it(`on the inline host at parallelism ${parallelism}: the last N records of a chained and a network edge`, async () => {
      const job = new InlineJob(plan(tappedJob, parallelism), { io: new MemoryIO(), clock: 'virtual' });
      const chained = job.startTap({ nodeId: 'gen', port: 'out' }, { capacity: 20 });
      const pushed: DataTapSnapshot[] = [];
      const network = job.startTap(keyByEdge, { onSnapshot: (s) => pushed.push(s) });
      await job.run();
      expectLastRecords(chained.snapshot(), 'gen', await streamPerSubtask([gen], parallelism), 20);
      const tagged = await streamPerSubtask([gen, tag], parallelism);
      expectLastRecords(network.snapshot(), 'm', tagged, 50);
      // The run pushed the final view.
      expectLastRecords(pushed.at(-1)!, 'm', tagged, 50);
    });

    it(`on Node worker slots at parallelism ${parallelism}: the last N records of a chained and a network edge`, async () => {
      const job = new WorkerJob(plan(tappedJob, parallelism), { io: new MemoryIO(), spawner: nodeSlotSpawner });
      // Started before the run: attached as the slots deploy, so they see every record.
      const chained = job.startTap({ nodeId: 'gen', port: 'out' }, { capacity: 20 });
      let pushes = 0;
      const network = job.startTap(keyByEdge, { onSnapshot: () => pushes++ });
      await job.run();
      expect(pushes).toBeGreaterThan(0);
      expectLastRecords(chained.snapshot(), 'gen', await streamPerSubtask([gen], parallelism), 20);
      expectLastRecords(network.snapshot(), 'm', await streamPerSubtask([gen, tag], parallelism), 50);
    });
  }

  it('stops seeing records once detached (inline, stepping)', () => {
    const job = new InlineJob(plan(tappedJob, 1), { io: new MemoryIO(), clock: 'virtual', batchSize: 1 });
    const tap = job.startTap({ nodeId: 'gen', port: 'out' }, { capacity: 5 });
    for (let i = 0; i < 40; i++) job.stepOnce();
    const seen = tap.snapshot().subtasks[0]!.count;
    expect(seen).toBeGreaterThan(0);
    tap.stop();
    for (let i = 0; i < 40; i++) job.stepOnce();
    expect(tap.snapshot().subtasks[0]!.count).toBe(seen);
    // A new tap sees records again: the port still works, only the old tap is gone.
    const again = job.startTap({ nodeId: 'gen', port: 'out' });
    for (let i = 0; i < 40; i++) job.stepOnce();
    expect(again.snapshot().subtasks[0]!.count).toBeGreaterThan(0);
  });

  it('stops receiving snapshots once detached (Node worker slots, a running job)', async () => {
    const slow = { ...tappedJob, nodes: [{ ...gen, params: { ...gen.params, count: 400, ratePerSec: 400 } }, ...tappedJob.nodes.slice(1)] };
    const job = new WorkerJob(plan(slow, 1), { io: new MemoryIO(), spawner: nodeSlotSpawner });
    const running = job.run();
    let pushes = 0;
    let stop = () => {};
    const first = new Promise<void>((resolve) => {
      const tap = job.startTap({ nodeId: 'gen', port: 'out' }, { onSnapshot: () => (pushes++, resolve()) });
      stop = () => tap.stop();
    });
    await first;
    stop();
    const atStop = pushes;
    await running;
    expect(atStop).toBe(1);
    expect(pushes).toBe(atStop);
  });

  it('rejects a node the plan does not run', () => {
    const job = new InlineJob(plan(tappedJob, 1), { io: new MemoryIO() });
    expect(() => job.startTap({ nodeId: 'k', port: 'out' })).toThrow(/does not run in this plan/);
  });
});
