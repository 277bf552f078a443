/**
 * The batched-writes example (a function's operator list state) stopped with a savepoint part
 * way, while orders wait in the buffer, and restored — at the same parallelism and with the rest
 * of the job at another — gives exactly its recorded output: the buffered orders and the batch
 * count come back from the savepoint, since the source does not read them again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, restoreStateFor } from '../engine/checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../engine/checkpoint/storage.js';
import { validateJob } from '../engine/graph/validate.js';
import { MemoryIO } from '../engine/host/memory-io.js';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { WorkerJob } from '../engine/host/worker-job.js';
import { planJob } from '../engine/plan/plan-job.js';
import { until } from '../engine/testing/until.js';

const dir = join(import.meta.dirname, '..', 'public', 'examples');
const expected = readFileSync(join(dir, 'expected', 'batched-writes.jsonl'), 'utf8').trim().split('\n').sort();

/** The example, slowed down so a savepoint falls in the middle, with checkpoints on. */
function slowJob() {
  const doc = JSON.parse(readFileSync(join(dir, 'batched-writes.json'), 'utf8'));
  for (const n of doc.nodes) if (n.kind === 'source.collection') n.params.ratePerSec = 6;
  return { ...doc, checkpointing: { intervalMs: 50, mode: 'exactly-once', retained: 2 } };
}

function plan(parallelism: number) {
  const checked = validateJob(slowJob());
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job, { parallelism });
}

const lines = (io: MemoryIO) => io.collected.map((r) => JSON.stringify({ sink: r.sink, value: r.value }));

describe('operator state across a savepoint', () => {
  it('the example stopped at parallelism 1 and restored at 1 and at 3 gives its recorded output', async () => {
    const storage = new MemoryCheckpointStorage();
    const io1 = new MemoryIO();
    const first = new WorkerJob(plan(1), { io: io1, spawner: nodeSlotSpawner, storage });
    const running = first.run();
    // Part way: after the first batch, and once the next order waits in the buffer.
    await until(() => io1.collected.length > 0);
    const savepoint = await first.stopWithSavepoint();
    await running;
    expect(io1.collected.length).toBeLessThan(expected.length);
    // The batch count lives only in the function's operator state: batches 2 and 3 need it back.
    const saved = JSON.stringify(decodeCheckpoint(await storage.load(savepoint.id)).byNode['batcher']);
    expect(saved).toMatch(/"written"/);
    for (const parallelism of [1, 3]) {
      const p = plan(parallelism);
      const io = new MemoryIO();
      await new WorkerJob(p, { io, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(p, decodeCheckpoint(await storage.load(savepoint.id))) }).run();
      expect([...lines(io1), ...lines(io)].sort(), `restored at parallelism ${parallelism}`).toEqual(expected);
    }
  });
});
