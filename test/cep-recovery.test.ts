/**
 * `cep.pattern` keeps its partial matches, buffered records and timers in keyed state: a job
 * stopped with a savepoint and restored at another parallelism (1 → 3 → 2), or killed and
 * recovered from checkpoints, gives exactly the output of an uninterrupted run.
 */
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, restoreStateFor } from '../engine/checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../engine/checkpoint/storage.js';
import { validateJob } from '../engine/graph/validate.js';
import { MemoryIO } from '../engine/host/memory-io.js';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { WorkerJob } from '../engine/host/worker-job.js';
import { planJob } from '../engine/plan/plan-job.js';
import { until } from '../engine/testing/until.js';

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));

/** Low values twice in a row, then a high one, within 2 s per key; timeouts to a side output. */
function cepJob(checkpointing: boolean, ratePerSec: number) {
  return {
    format: 'eddy/job@1',
    ...(checkpointing ? { checkpointing: { intervalMs: 100, mode: 'exactly-once', retained: 2 }, restart: { strategy: 'fixed-delay', attempts: 10, delayMs: 50 } } : {}),
    nodes: [
      // Timestamps unique and increasing per source subtask: CEP orders a key's events by timestamp and
      // equal ones by arrival, which at parallelism 3 depends on the channels' interleaving (in Flink
      // too, without an EventComparator), so ties would make the expected output a matter of luck.
      { id: 'gen', kind: 'source.datagen', params: { count: 20_000, ratePerSec, seed: 5, keys: 7, startTs: 0, stepMs: 10, maxOutOfOrdernessMs: 0 } },
      { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 50, intervalMs: 0 } },
      { id: 'k', kind: 'keyBy', params: { field: 'key' } },
      {
        id: 'cep',
        kind: 'cep.pattern',
        params: {
          pattern: [
            { name: 'low', type: 'begin', where: '(r) => r.value % 100 < 20', times: 2 },
            { name: 'high', type: 'followedBy', where: '(r, ctx) => r.value % 100 > 80 + ctx.getEventsForPattern("low").length' },
          ],
          withinMs: 2000,
          afterMatchSkip: 'skipPastLastEvent',
          select: '(m, ctx) => ({ key: ctx.key, low: m.low.map((r) => r.ts), high: m.high[0].ts })',
          timeoutOutput: 'timeouts',
          timeoutSelect: '(m, ts) => ({ low: m.low.map((r) => r.ts), at: ts })',
        },
      },
      { id: 'out', kind: 'sink.collect' },
      { id: 'late', kind: 'sink.collect' },
    ],
    edges: [...chain('gen', 'wm', 'k', 'cep', 'out'), { from: 'cep', to: 'late', fromPort: 'timeouts' }],
  };
}

function plan(job: unknown, parallelism: number) {
  const checked = validateJob(job);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job, { parallelism });
}

const lines = (io: MemoryIO) => io.collected.map((r) => JSON.stringify(r)).sort();

async function reference(): Promise<string[]> {
  const io = new MemoryIO();
  await new WorkerJob(plan(cepJob(false, 1_000_000), 1), { io, spawner: nodeSlotSpawner }).run();
  return lines(io);
}

describe('cep.pattern state in checkpoints', () => {
  it('restores a savepoint at another parallelism (1 → 3, then 3 → 2) with the uninterrupted result', async () => {
    const expected = await reference();
    expect(expected.length).toBeGreaterThan(50);
    const job = cepJob(true, 2_000);
    // Each phase stops with a savepoint while its source still has records: the source is slowed
    // (at most one record per ms) as soon as it runs, so however loaded the machine, the savepoint
    // comes long before the input would end.
    const slowed = async (running: WorkerJob) => {
      await until(() => running.slotApis.length > 0);
      await running.applyChaos({ kind: 'slow', nodeId: 'gen', delayMs: 1, seconds: 3600 });
    };
    const storage = new MemoryCheckpointStorage();
    const collected: string[] = [];
    const io1 = new MemoryIO();
    const first = new WorkerJob(plan(job, 1), { io: io1, spawner: nodeSlotSpawner, storage });
    const running1 = first.run();
    await slowed(first);
    await until(() => io1.collected.length > 0);
    const sp1 = await first.stopWithSavepoint();
    await running1;
    collected.push(...lines(io1));

    const plan3 = plan(job, 3);
    const io2 = new MemoryIO();
    const second = new WorkerJob(plan3, { io: io2, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(plan3, decodeCheckpoint(await storage.load(sp1.id))) });
    const running2 = second.run();
    await slowed(second);
    await until(() => io2.collected.length > 0);
    const sp2 = await second.stopWithSavepoint();
    await running2;
    collected.push(...lines(io2));

    const plan2 = plan(job, 2);
    const io3 = new MemoryIO();
    await new WorkerJob(plan2, { io: io3, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(plan2, decodeCheckpoint(await storage.load(sp2.id))) }).run();
    collected.push(...lines(io3));
    expect(collected.sort()).toEqual(expected);
  });

  it('survives slot kills with exactly the failure-free output', async () => {
    const expected = await reference();
    const restarts: number[] = [];
    const io = new MemoryIO();
    const job = new WorkerJob(plan(cepJob(true, 10_000), 2), {
      io,
      spawner: nodeSlotSpawner,
      chaos: { kills: 2, seed: 3, minDelayMs: 300, maxDelayMs: 900 },
      onRestart: (n) => restarts.push(n),
    });
    await job.run();
    expect(restarts).toEqual([1, 2]);
    expect(lines(io)).toEqual(expected);
  });
});
