/**
 * `Job.savepoint()` on the inline host (the worker host's: worker-job.test.ts): awaited by promise (no polling), the job goes on running, and
 * a job restored from the savepoint produces exactly the rest of the output.
 */
import { describe, expect, it } from 'vitest';
import type { CheckpointMetadata } from '../checkpoint/storage.js';
import { decodeCheckpoint, restoreStateFor } from '../checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../checkpoint/storage.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import { InlineJob } from './inline-host.js';
import { runInline } from './inline-recovery.js';
import type { Job } from './job.js';
import { MemoryIO } from './memory-io.js';

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));
const job = (gen: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  format: 'eddy/job@1',
  parallelism: 2,
  checkpointing: { intervalMs: 50, retained: 2 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { keys: 6, stepMs: 10, maxOutOfOrdernessMs: 50, ...gen } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 50, intervalMs: 0 } },
    { id: 'k', kind: 'keyBy', params: { field: 'key' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 2000 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: chain('gen', 'wm', 'k', 'w', 'out'),
  ...extra,
});
const plan = (doc: unknown) => {
  const c = validateJob(doc);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return planJob(c.job);
};
const lines = (xs: readonly { sink: string; value: unknown }[]) => xs.map((x) => JSON.stringify(x)).sort();

describe('Job.savepoint on the inline host', () => {
  it('is taken while the job runs (virtual clock); the job finishes, and a restore from it produces exactly the rest', async () => {
    const bounded = job({ count: 12_000, ratePerSec: 20_000 });
    const reference = lines((await runJob(job({ count: 12_000, ratePerSec: 20_000 }, { checkpointing: undefined }))).results);
    const io = new MemoryIO();
    const storage = new MemoryCheckpointStorage();
    let savepoint: Promise<CheckpointMetadata> | null = null;
    let atSavepoint: string[] = [];
    let statusAfter = '';
    await runInline(plan(bounded), {
      io,
      storage,
      clock: 'virtual',
      onAttempt: (j: InlineJob) => {
        const asJob: Job = j;
        savepoint = asJob.savepoint().then((m) => {
          statusAfter = j.status;
          return m;
        });
      },
      onCheckpoint: (s) => {
        if (s.kind === 'savepoint' && s.status === 'completed') atSavepoint = lines(io.collected);
      },
    });
    const metadata = await savepoint!;
    expect(metadata.kind).toBe('savepoint');
    expect(statusAfter).toBe('running');
    expect((await storage.list()).some((m) => m.id === metadata.id && m.kind === 'savepoint')).toBe(true);
    expect(lines(io.collected)).toEqual(reference);
    expect(atSavepoint.length).toBeLessThan(reference.length);

    const p = plan(bounded);
    const rest = new MemoryIO();
    await runInline(p, { io: rest, clock: 'virtual', restore: restoreStateFor(p, decodeCheckpoint(await storage.load(metadata.id))) });
    expect([...atSavepoint, ...lines(rest.collected)].sort()).toEqual(reference);
  });

  it('rejects without the checkpointing block, and after the job ended', async () => {
    const noCheckpoints = new InlineJob(plan(job({ count: 10 }, { checkpointing: undefined })), { io: new MemoryIO(), clock: 'virtual' });
    await expect(noCheckpoints.savepoint()).rejects.toThrow("savepoints need the job's checkpointing block");
    let finished: InlineJob | null = null;
    await runInline(plan(job({ count: 10 })), { io: new MemoryIO(), clock: 'virtual', onAttempt: (j) => (finished = j) });
    await expect(finished!.savepoint()).rejects.toThrow('the job is not running');
  });

  it('a savepoint the job does not live to take rejects, saying so', async () => {
    let attempt: InlineJob | null = null;
    let taken: Promise<unknown> | null = null;
    // The job ends (canceled) in its first round: the savepoint's barriers never go out.
    await runInline(plan(job({ count: 100 })), {
      io: new MemoryIO(),
      clock: 'virtual',
      onAttempt: (j) => {
        attempt = j;
        taken = j.savepoint();
        j.cancel();
      },
    });
    expect(attempt!.status).toBe('canceled');
    await expect(taken!).rejects.toThrow(/the savepoint was not taken|did not complete/);
  });
});
