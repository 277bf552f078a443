/**
 * A function's operator state across a savepoint, on Apache Flink itself: a job whose `process`
 * function batches records in operator list state (the buffer, and the count of batches written)
 * is exported with `eddy export --to flink-java`, run in a MiniCluster and stopped with a
 * savepoint part way (test/flink/savepoint/SavepointRun.java: Job's own program, under an
 * environment that stops it once N sink lines were printed), then started again from that
 * savepoint. The lines of both runs together must be the uninterrupted run's, as Eddy prints
 * them — and Eddy's own stop-with-savepoint and restore must give them too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { decodeCheckpoint, restoreStateFor } from '../../engine/checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../../engine/checkpoint/storage.js';
import { validateJob } from '../../engine/graph/validate.js';
import { MemoryIO } from '../../engine/host/memory-io.js';
import { nodeSlotSpawner } from '../../engine/host/node/node-slots.js';
import { WorkerJob } from '../../engine/host/worker-job.js';
import { planJob } from '../../engine/plan/plan-job.js';
import { runJob } from '../../engine/run-job.js';
import { until } from '../../engine/testing/until.js';
import { savepointProject } from './savepoint/savepoint-project.js';

/** 40 generated records, 8 a second (so a savepoint falls in the middle), in batches of 3. */
const job = {
  format: 'eddy/job@1',
  name: 'Operator state across a savepoint',
  checkpointing: { intervalMs: 60000 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 40, ratePerSec: 8, seed: 7, keys: 3 } },
    {
      id: 'batcher',
      kind: 'process',
      parallelism: 1,
      params: {
        code: "({ onElement(r, ctx, out) { const buffer = ctx.operatorState.list('buffer'); buffer.add(r.value); const pending = buffer.get(); if (pending.length < 3) return; buffer.clear(); const written = ctx.operatorState.list('written'); const n = (written.get()[0] ?? 0) + 1; written.update([n]); out.collect({ batch: n, values: pending }); } })",
      },
    },
    { id: 'writes', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'batcher' },
    { from: 'batcher', to: 'writes' },
  ],
};

const sinkLines = (text: string) => text.split('\n').filter((l) => l.startsWith('{'));

it('a process function\'s operator state stopped with a savepoint and restored on Flink gives the uninterrupted output, as on Eddy', async () => {
  const uninterrupted = (await runJob(job)).results.map((r) => JSON.stringify({ sink: r.sink, value: r.value }));
  expect(uninterrupted).toHaveLength(13);

  // Eddy: stop with a savepoint after 4 batches, restore, the rest.
  // Collect-sink results are published when a checkpoint completes: frequent ones, to see the first batches early.
  const checked = validateJob({ ...job, checkpointing: { intervalMs: 50 } });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const plan = planJob(checked.job);
  const storage = new MemoryCheckpointStorage();
  const io1 = new MemoryIO();
  const first = new WorkerJob(plan, { io: io1, spawner: nodeSlotSpawner, storage });
  const running = first.run();
  await until(() => io1.collected.length >= 4);
  const savepoint = await first.stopWithSavepoint();
  await running;
  const io2 = new MemoryIO();
  await new WorkerJob(plan, { io: io2, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(plan, decodeCheckpoint(await storage.load(savepoint.id))) }).run();
  const eddyLines = [...io1.collected, ...io2.collected].map((r) => JSON.stringify({ sink: r.sink, value: r.value }));
  expect(io1.collected.length).toBeLessThan(uninterrupted.length);
  expect(eddyLines).toEqual(uninterrupted);

  // Flink: the exported project, the same stop and restore.
  const dir = mkdtempSync(join(tmpdir(), 'eddy-flink-savepoint-'));
  try {
    const java = savepointProject(job, 'savepoint.json', dir);
    const pathFile = join(dir, 'savepoint-path.txt');
    const before = sinkLines(java(['stop', '4', pathToFileURL(join(dir, 'savepoints')).href, pathFile]));
    const after = sinkLines(java(['restore', readFileSync(pathFile, 'utf8').trim()]));
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.length).toBeLessThan(uninterrupted.length);
    // One subtask writes: the lines are in order, the batch numbers going on from the savepoint.
    expect([...before, ...after]).toEqual(uninterrupted);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
