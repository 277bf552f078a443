import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, restoreStateFor } from '../checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../checkpoint/storage.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { until } from '../testing/until.js';
import { MemoryIO } from './memory-io.js';
import { nodeSlotSpawner } from './node/node-slots.js';
import { WorkerJob, type WorkerJobOptions } from './worker-job.js';

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));

/** A keyed job with window state and process-function state and timers. */
function statefulJob(extra: Record<string, unknown> = {}, ratePerSec = 20_000, count = 40_000) {
  return {
    format: 'eddy/job@1',
    checkpointing: { intervalMs: 100, mode: 'exactly-once', retained: 2 },
    restart: { strategy: 'fixed-delay', attempts: 10, delayMs: 50 },
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { count, ratePerSec, seed: 11, keys: 20, startTs: 0, stepMs: 10, maxOutOfOrdernessMs: 100 } },
      { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 100, intervalMs: 0 } },
      { id: 'k', kind: 'keyBy', params: { field: 'key' } },
      {
        // Counts records per key and 5-second bucket; a bucket is complete when the watermark
        // passes its end, so what it emits does not depend on how inputs interleave.
        id: 'count',
        kind: 'process',
        params: {
          code: `({
            onElement(r, ctx, out) {
              const bucket = Math.floor(r.ts / 5000) * 5000;
              const counts = ctx.state.map('counts');
              counts.put(bucket, (counts.get(bucket) ?? 0) + 1);
              ctx.timers.registerEventTime(bucket + 4999);
            },
            onTimer(ts, ctx, out) {
              const counts = ctx.state.map('counts');
              out.collect({ key: ctx.key, bucket: ts - 4999, seen: counts.get(ts - 4999) });
              counts.remove(ts - 4999);
            },
          })`,
        },
      },
      { id: 'k2', kind: 'keyBy', params: { field: 'key' } },
      { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 20000 }, function: { type: 'aggregate', fn: 'sum', field: 'seen' } } },
      { id: 'out', kind: 'sink.collect' },
      { id: 'gen-out', kind: 'filter', params: { code: '(r) => r.value === 7' } },
      { id: 'sevens', kind: 'sink.collect' },
    ],
    edges: [...chain('gen', 'wm', 'k', 'count', 'k2', 'w', 'out'), ...chain('wm', 'gen-out', 'sevens')],
    ...extra,
  };
}

function plan(job: unknown, parallelism?: number) {
  const checked = validateJob(job);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job, parallelism ? { parallelism } : {});
}

const lines = (io: MemoryIO) => io.collected.map((r) => JSON.stringify(r)).sort();

async function run(job: unknown, parallelism: number, options: Partial<WorkerJobOptions> = {}) {
  const io = new MemoryIO();
  const w = new WorkerJob(plan(job, parallelism), { io, spawner: nodeSlotSpawner, ...options });
  await w.run();
  return { io, job: w };
}

describe('checkpoints and recovery in worker slots', () => {
  it('completes checkpoints while running and publishes results only when they complete', async () => {
    const storage = new MemoryCheckpointStorage();
    const { io, job } = await run(statefulJob(), 2, { storage });
    const completed = job.checkpoints.filter((c) => c.status === 'completed');
    expect(completed.length).toBeGreaterThan(3);
    expect(completed.every((c) => (c.size ?? 0) > 0)).toBe(true);
    // Alignment time is reported for every subtask (the window's subtasks align two channels).
    expect(Object.keys(completed[0]!.alignmentMs ?? {}).sort()).toEqual(['count#0', 'count#1', 'gen#0', 'gen#1', 'w#0', 'w#1']);
    expect((await storage.list()).length).toBe(2); // retained
    // The stored metadata keeps every task's alignment time, for the checkpoint browser.
    for (const m of await storage.list()) expect(Object.keys(m.alignmentMs ?? {}).sort()).toEqual([...m.tasks].sort());
    const reference = lines((await run(statefulJob({ checkpointing: undefined }), 1)).io);
    expect(lines(io)).toEqual(reference);
  });

  it('survives repeated slot kills with exactly the failure-free output', async () => {
    const reference = lines((await run(statefulJob({ checkpointing: undefined }, 1_000_000), 2)).io);
    const restarts: string[] = [];
    const { io, job } = await run(statefulJob(), 2, {
      chaos: { kills: 3, seed: 7, minDelayMs: 300, maxDelayMs: 900 },
      onRestart: (n, f) => restarts.push(`${n}: ${f.message}`),
    });
    expect(restarts.length).toBe(3);
    expect(restarts[0]).toContain('crashed');
    expect(job.status).toBe('finished');
    expect(lines(io)).toEqual(reference);
  });

  it('goes on without checkpoints when the storage is full: each is declined with the reason, no restart, the output whole', async () => {
    // Storage that accepts the first checkpoint, then is full (as IndexedDB's QuotaExceededError).
    class FullAfterOne extends MemoryCheckpointStorage {
      saves = 0;
      override async save(c: Parameters<MemoryCheckpointStorage['save']>[0]): Promise<void> {
        if (++this.saves > 1) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return super.save(c);
      }
    }
    const storage = new FullAfterOne();
    const restarts: number[] = [];
    const reference = lines((await run(statefulJob({ checkpointing: undefined }), 1)).io);
    const { io, job } = await run(statefulJob(), 2, { storage, onRestart: (n) => restarts.push(n) });
    expect(restarts).toEqual([]);
    expect(job.status).toBe('finished');
    expect(lines(io)).toEqual(reference);
    const declined = job.checkpoints.filter((c) => c.status === 'declined');
    expect(declined.length).toBeGreaterThan(0);
    expect(declined[0]!.reason).toBe('storage failed: The quota has been exceeded.');
    expect((await storage.list()).map((m) => m.id)).toEqual([1]);
  });

  it('fails after the restart strategy’s attempts', async () => {
    const failing = statefulJob({ restart: { strategy: 'fixed-delay', attempts: 2, delayMs: 10 } });
    (failing.nodes[7] as { params: { code: string } }).params.code = "(r) => { if (r.value === 50) throw new Error('fifty'); return true; }";
    const restarts: number[] = [];
    const io = new MemoryIO();
    const job = new WorkerJob(plan(failing, 1), { io, spawner: nodeSlotSpawner, onRestart: (n) => restarts.push(n) });
    await expect(job.run()).rejects.toMatchObject({ nodeId: 'gen-out', reason: expect.stringMatching(/^fifty \(line 1, column \d+ of the node's code\) on record /) });
    expect(restarts).toEqual([1, 2]);
  });

  it('does not restart for a cause that suppresses restarts, whichever thread it came from', async () => {
    // What a restored state of another type throws (StateTypeChangedError) says so the same way.
    const failing = statefulJob({ restart: { strategy: 'fixed-delay', attempts: 5, delayMs: 10 } });
    (failing.nodes[7] as { params: { code: string } }).params.code =
      "(r) => { if (r.value === 50) throw Object.assign(new Error('every attempt fails alike'), { suppressRestarts: true }); return true; }";
    const restarts: number[] = [];
    const job = new WorkerJob(plan(failing, 1), { io: new MemoryIO(), spawner: nodeSlotSpawner, onRestart: (n) => restarts.push(n) });
    await expect(job.run()).rejects.toMatchObject({ nodeId: 'gen-out', restartable: false });
    expect(restarts).toEqual([]);
  });

  it('falls back to the previous checkpoint when the latest is corrupt', async () => {
    const storage = new MemoryCheckpointStorage();
    const reported: string[] = [];
    const reference = lines((await run(statefulJob({ checkpointing: undefined }, 1_000_000, 100_000), 1)).io);
    const io = new MemoryIO();
    const published = new Map<number, number>();
    let target = 0;
    let reachedTarget!: () => void;
    const targetReached = new Promise<void>((resolve) => (reachedTarget = resolve));
    const corrupted: number[] = [];
    const job = new WorkerJob(plan(statefulJob({ checkpointing: { intervalMs: 100, retained: 1000 } }, 20_000, 100_000), 1), {
      io,
      storage,
      spawner: nodeSlotSpawner,
      onCorruptCheckpoint: (e) => reported.push(e.message),
      onCheckpoint: (s) => {
        if (s.status !== 'completed') return;
        published.set(s.id, io.collected.length);
        // The first checkpoint from the third on that published results: corrupt it, and any
        // completed after it before the kill, and kill a slot — the restore must use the one
        // before it, and what it published is produced again.
        if (target === 0 && s.id >= 3 && io.collected.length > (published.get(s.id - 1) ?? Number.POSITIVE_INFINITY)) {
          target = s.id;
          reachedTarget();
        }
      },
    });
    const running = job.run();
    // The source is slowed (at most one record per ms) until the kill — the restarted attempt
    // runs at its rate — so however loaded the machine, the input cannot end before the kill.
    await until(() => job.slotApis.length > 0);
    await job.applyChaos({ kind: 'slow', nodeId: 'gen', delayMs: 1, seconds: 3600 });
    // Once the target checkpoint completed (a job that ended first fails the expectations below).
    await Promise.race([targetReached, running]);
    if (target !== 0) {
      for (let id = Math.max(...published.keys()); id >= target; id--) {
        storage.corrupt(id);
        corrupted.push(id);
      }
      job.slotKillForTests(0);
    }
    await running;
    expect(corrupted.length).toBeGreaterThan(0);
    expect(reported).toEqual(corrupted.map((id) => `checkpoint ${id} is unusable: the state of gen#0 fails its checksum`));
    expect(job.restarts).toBe(1);
    // Nothing is lost. What the corrupted checkpoints had published is produced again from the one before —
    // the price of falling back past a completed checkpoint (Flink's transactional sinks pay it too).
    const got = lines(io);
    expect([...new Set(got)].sort()).toEqual([...new Set(reference)].sort());
    expect(got.length).toBeGreaterThan(reference.length);
  });

  it('restores a savepoint at another parallelism (1 → 3, then 3 → 2) with the uninterrupted result', async () => {
    const job = statefulJob({}, 10_000, 30_000);
    const reference = lines((await run(statefulJob({ checkpointing: undefined }, 1_000_000, 30_000), 1)).io);
    const storage = new MemoryCheckpointStorage();
    const collected: string[] = [];
    // Each part stops with a savepoint while its source still has records: the source is slowed
    // (at most one record per ms) as soon as it runs, however loaded the machine.
    const slowed = async (running: WorkerJob) => {
      await until(() => running.slotApis.length > 0);
      await running.applyChaos({ kind: 'slow', nodeId: 'gen', delayMs: 1, seconds: 3600 });
    };
    // 1: run at parallelism 1, stop with a savepoint part way.
    const io1 = new MemoryIO();
    const first = new WorkerJob(plan(job, 1), { io: io1, spawner: nodeSlotSpawner, storage });
    const running = first.run();
    await slowed(first);
    // Part way: a checkpoint has completed and published results.
    await until(() => io1.collected.length > 0);
    const sp1 = await first.stopWithSavepoint();
    await running;
    collected.push(...lines(io1));
    // 2: restore at 3, stop again with a savepoint.
    const plan3 = plan(job, 3);
    const io2 = new MemoryIO();
    const second = new WorkerJob(plan3, { io: io2, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(plan3, decodeCheckpoint(await storage.load(sp1.id))) });
    const running2 = second.run();
    await slowed(second);
    await until(() => io2.collected.length > 0);
    const sp2 = await second.stopWithSavepoint();
    await running2;
    collected.push(...lines(io2));
    // 3: restore at 2 and run to the end.
    const plan2 = plan(job, 2);
    const io3 = new MemoryIO();
    await new WorkerJob(plan2, { io: io3, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(plan2, decodeCheckpoint(await storage.load(sp2.id))) }).run();
    collected.push(...lines(io3));
    expect(sp1.kind).toBe('savepoint');
    expect(io1.collected.length).toBeGreaterThan(0);
    const sorted = collected.sort();
    const extra = sorted.filter((l, i) => l !== reference[i]);
    expect(extra.slice(0, 3)).toEqual([]);
    expect(sorted).toEqual(reference);
  });
});
