import { describe, expect, it } from 'vitest';
import { CheckpointCoordinator, type CheckpointStats } from './coordinator.js';
import { planJob } from '../plan/plan-job.js';
import { createCoordinator } from './recovery.js';
import { MemoryCheckpointStorage } from './storage.js';
import { crc32 } from './state-codec.js';

const bytes = (s: string) => new TextEncoder().encode(s);

function setup(retained = 2) {
  const storage = new MemoryCheckpointStorage();
  const published: unknown[] = [];
  const stats: CheckpointStats[] = [];
  const c = new CheckpointCoordinator({
    storage,
    retained,
    parallelism: { src: 1, sink: 2 },
    tasks: ['src#0', 'sink#0', 'sink#1'],
    publish: (records) => published.push(...records.map((r) => r[2])),
    onStats: (s) => stats.push(s),
  });
  return { storage, published, stats, c };
}

describe('CheckpointCoordinator', () => {
  it('completes a checkpoint once every task acknowledged, and stores one blob per task', async () => {
    const { c, storage } = setup();
    const id = c.begin()!;
    expect(await c.acknowledge(id, 'src#0', bytes('a'))).toBeUndefined();
    expect(await c.acknowledge(id, 'sink#0', bytes('b'))).toBeUndefined();
    const meta = await c.acknowledge(id, 'sink#1', bytes('c'));
    expect(meta).toMatchObject({ id: 1, kind: 'checkpoint', size: 3, tasks: ['src#0', 'sink#0', 'sink#1'] });
    expect((await storage.load(1)).blobs.map((b) => b.task)).toEqual(['src#0', 'sink#0', 'sink#1']);
  });

  it('stores the CRC-32 a slot sent with its state, computes the others, and reports where the time went', async () => {
    let clock = 1000;
    const storage = new MemoryCheckpointStorage();
    const stats: CheckpointStats[] = [];
    const c = new CheckpointCoordinator({ storage, retained: 2, parallelism: { src: 1, sink: 1 }, tasks: ['src#0', 'sink#0'], publish: () => {}, onStats: (s) => stats.push(s), now: () => clock });
    const id = c.begin()!;
    const a = bytes('state of src');
    clock = 1040;
    // The slot's checksum is taken as sent (restore verifies it against the bytes).
    await c.acknowledge(id, 'src#0', a, 0, { crc32: crc32(a), encodeMs: 7, checksumMs: 3, sentAt: performance.timeOrigin + performance.now() - 5 });
    clock = 1090;
    await c.acknowledge(id, 'sink#0', bytes('state of sink'));
    const stored = await storage.load(id);
    expect(stored.blobs.map((b) => [b.task, b.crc32])).toEqual([
      ['src#0', crc32(a)],
      ['sink#0', crc32(bytes('state of sink'))],
    ]);
    const done = stats.find((s) => s.id === id && s.status === 'completed')!;
    expect(done.durationMs).toBe(90);
    expect(done.phases).toMatchObject({ encodeMs: 7, acknowledgedMs: 90 });
    // The slot's 3 ms plus the coordinator's own checksum of the task that sent none.
    expect(done.phases!.checksumMs).toBeGreaterThanOrEqual(3);
    expect(done.phases!.transferMs).toBeGreaterThanOrEqual(5);
    expect(done.phases!.storeMs).toBeGreaterThanOrEqual(0);
  });

  it('stores each task’s barrier alignment time in the checkpoint’s metadata', async () => {
    const { c, storage } = setup();
    const id = c.begin()!;
    await c.acknowledge(id, 'src#0', bytes('a'));
    await c.acknowledge(id, 'sink#0', bytes('b'), 12);
    await c.acknowledge(id, 'sink#1', bytes('c'), 250);
    const [meta] = await storage.list();
    expect(meta!.alignmentMs).toEqual({ 'src#0': 0, 'sink#0': 12, 'sink#1': 250 });
  });

  it('allows one checkpoint at a time', () => {
    const { c } = setup();
    expect(c.begin()).toBe(1);
    expect(c.begin()).toBeNull();
  });

  it('publishes results only when the checkpoint covering them completes (two-phase commit)', async () => {
    const { c, published } = setup();
    c.hold('sink#0', [['sink', 0, 'a']]);
    const id = c.begin()!;
    await c.acknowledge(id, 'src#0', bytes(''));
    await c.acknowledge(id, 'sink#0', bytes(''));
    // After sink#0's barrier: not covered by checkpoint 1.
    c.hold('sink#0', [['sink', 0, 'b']]);
    c.hold('sink#1', [['sink', 1, 'x']]);
    expect(published).toEqual([]);
    await c.acknowledge(id, 'sink#1', bytes(''));
    expect(published).toEqual(['a', 'x']);
    const id2 = c.begin()!;
    for (const t of ['src#0', 'sink#0', 'sink#1']) await c.acknowledge(id2, t, bytes(''));
    expect(published).toEqual(['a', 'x', 'b']);
  });

  it('keeps the results of a declined checkpoint for the next one', async () => {
    const { c, published, stats } = setup();
    c.hold('sink#0', [['sink', 0, 'a']]);
    const id = c.begin()!;
    await c.acknowledge(id, 'sink#0', bytes(''));
    c.decline(id, 'timed out');
    expect(stats.at(-1)).toMatchObject({ id: 1, status: 'declined', reason: 'timed out' });
    const id2 = c.begin()!;
    for (const t of ['src#0', 'sink#0', 'sink#1']) await c.acknowledge(id2, t, bytes(''));
    expect(published).toEqual(['a']);
  });

  it('discards uncommitted results on a failure, and publishes everything when the job finishes', async () => {
    const { c, published } = setup();
    c.hold('sink#0', [['sink', 0, 'lost']]);
    await c.abort();
    c.hold('sink#0', [['sink', 0, 'kept']]);
    c.finish();
    expect(published).toEqual(['kept']);
  });

  it('keeps only the retained number of checkpoints, but never deletes savepoints', async () => {
    const { c, storage } = setup(2);
    for (const kind of ['checkpoint', 'savepoint', 'checkpoint', 'checkpoint'] as const) {
      const id = c.begin(kind)!;
      for (const t of ['src#0', 'sink#0', 'sink#1']) await c.acknowledge(id, t, bytes(''));
    }
    expect((await storage.list()).map((m) => `${m.kind}:${m.id}`)).toEqual(['savepoint:2', 'checkpoint:3', 'checkpoint:4']);
  });

  it('reports a checkpoint whose storage fails as declined, and the job goes on', async () => {
    const { c, stats } = setup();
    const failing = { save: async () => Promise.reject(new Error('quota exceeded')), list: async () => [], load: async () => Promise.reject(new Error('none')), remove: async () => {} };
    const c2 = new CheckpointCoordinator({ storage: failing, retained: 1, parallelism: {}, tasks: ['a#0'], publish: () => {}, onStats: (s) => stats.push(s) });
    const id = c2.begin()!;
    await expect(c2.acknowledge(id, 'a#0', bytes(''))).rejects.toThrow('quota exceeded');
    expect(stats.at(-1)).toMatchObject({ status: 'declined', reason: 'storage failed: quota exceeded' });
    expect(c2.begin()).toBe(2);
    void c;
  });

  it('reports older checkpoints it cannot remove as a warning on the completed checkpoint, publishes, and prunes again next time', async () => {
    const storage = new MemoryCheckpointStorage();
    let refuse = true;
    const remove = storage.remove.bind(storage);
    storage.remove = async (id: number) => (refuse ? Promise.reject(new Error('permission denied')) : remove(id));
    const stats: CheckpointStats[] = [];
    const published: unknown[] = [];
    const c = new CheckpointCoordinator({ storage, retained: 1, parallelism: {}, tasks: ['a#0'], publish: (r) => published.push(...r.map((x) => x[2])), onStats: (s) => stats.push(s) });
    const savepoint = c.requestSavepoint(() => {});
    await c.acknowledge(1, 'a#0', bytes('s'));
    expect(await savepoint).toMatchObject({ id: 1, kind: 'savepoint' });
    for (const id of [2, 3]) {
      expect(c.begin()).toBe(id);
      c.hold('a#0', [['sink', 0, `r${id}`]]);
      expect(await c.acknowledge(id, 'a#0', bytes('x'))).toMatchObject({ id });
    }
    expect(stats.filter((s) => s.status === 'completed').map((s) => [s.id, s.warning])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, 'older checkpoints could not be removed: permission denied'],
    ]);
    expect(published).toEqual(['r2', 'r3']);
    expect((await storage.list()).map((m) => m.id)).toEqual([1, 2, 3]);
    refuse = false;
    expect(c.begin()).toBe(4);
    await c.acknowledge(4, 'a#0', bytes('x'));
    expect(stats.at(-1)).toMatchObject({ id: 4, status: 'completed' });
    expect(stats.at(-1)!.warning).toBeUndefined();
    expect((await storage.list()).map((m) => `${m.kind}:${m.id}`)).toEqual(['savepoint:1', 'checkpoint:4']);
  });

  it('takes a savepoint asked for during a checkpoint as soon as that completes; periodic checkpoints wait for it', async () => {
    const { c } = setup();
    const checkpoint = c.begin()!;
    const triggered: number[] = [];
    const savepoint = c.requestSavepoint((id) => triggered.push(id));
    expect(triggered).toEqual([]);
    for (const t of ['src#0', 'sink#0', 'sink#1']) await c.acknowledge(checkpoint, t, bytes(t));
    expect(triggered).toEqual([2]);
    expect(c.begin()).toBeNull();
    for (const t of ['src#0', 'sink#0', 'sink#1']) await c.acknowledge(2, t, bytes(t));
    expect(await savepoint).toMatchObject({ id: 2, kind: 'savepoint' });
    expect(c.begin()).toBe(3);
  });

  it('a savepoint waiting behind a declined checkpoint starts at once', async () => {
    const { c } = setup();
    const checkpoint = c.begin()!;
    const triggered: number[] = [];
    void c.requestSavepoint((id) => triggered.push(id));
    c.decline(checkpoint, 'timed out');
    expect(triggered).toEqual([2]);
    expect(c.inProgress).toBe(2);
  });

  it('nobody waits forever: a job that ends rejects the savepoint in progress and those queued, and the next attempt can checkpoint', async () => {
    const { c } = setup();
    const first = c.requestSavepoint(() => {});
    const second = c.requestSavepoint(() => {});
    const outcomes = Promise.allSettled([first, second]);
    c.finish();
    expect((await outcomes).map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'resolved'))).toEqual([
      'savepoint 1 was declined: the job finished',
      'the savepoint was not taken: the job finished first',
    ]);
    expect(c.inProgress).toBeNull();
    const failed = c.requestSavepoint(() => {});
    await c.abort();
    await expect(failed).rejects.toThrow('savepoint 2 was declined: the job failed');
    expect(c.begin()).not.toBeNull();
  });
});

describe('checkpoint ids after a restore', () => {
  it('go on after the restored savepoint, as Flink sets its id counter to the savepoint id + 1', async () => {
    const plan = planJob({
      format: 'eddy/job@1',
      checkpointing: { intervalMs: 100, mode: 'exactly-once', unaligned: false, retained: 1 },
      nodes: [
        { id: 'src', kind: 'source.collection', params: { records: [1] } },
        { id: 'out', kind: 'sink.collect', params: {} },
      ],
      edges: [{ from: 'src', to: 'out' }],
    } as never);
    const io = { readText: () => '', appendText: () => {}, collect: () => {} };
    expect((await createCoordinator(plan, new MemoryCheckpointStorage(), io))!.begin()).toBe(1);
    expect((await createCoordinator(plan, new MemoryCheckpointStorage(), io, undefined, 7))!.begin()).toBe(8);
  });
});
