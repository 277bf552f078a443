import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStorage } from '../checkpoint/storage.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import type { InlineJob } from './inline-host.js';
import { runInline } from './inline-recovery.js';
import { MemoryIO } from './memory-io.js';

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));
const job = (extra: Record<string, unknown> = {}) => ({
  format: 'eddy/job@1',
  parallelism: 2,
  checkpointing: { intervalMs: 50, retained: 2 },
  restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 10 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 12_000, ratePerSec: 20_000, keys: 6, stepMs: 10, maxOutOfOrdernessMs: 50 } },
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

describe('inline host with checkpoints', () => {
  it('checkpoints on the wall clock and recovers from injected failures with the failure-free output', async () => {
    const reference = lines((await runJob(job({ checkpointing: undefined }))).results);
    const io = new MemoryIO();
    const storage = new MemoryCheckpointStorage();
    const restarts: string[] = [];
    // Fail the first two attempts part way through: once each has completed a checkpoint.
    let attempt: InlineJob | null = null;
    let failures = 0;
    await runInline(plan(job()), {
      io,
      storage,
      clock: 'system',
      onRestart: (n, f) => restarts.push(`${n} ${f.nodeId}: ${f.reason}`),
      onAttempt: (j: InlineJob) => (attempt = j),
      onCheckpoint: (stats) => {
        if (stats.status !== 'completed' || attempt === null || failures === 2) return;
        failures++;
        attempt.injectFailure('w', 'injected');
        attempt = null;
      },
    });
    expect(restarts).toEqual(['1 w: injected', '2 w: injected']);
    expect((await storage.list()).length).toBeGreaterThan(0);
    expect(lines(io.collected)).toEqual(reference);
  });

  it('on the virtual clock, a restart delay passes in virtual time: an hour-long delay does not hold the run', async () => {
    const reference = lines((await runJob(job({ checkpointing: undefined }))).results);
    const io = new MemoryIO();
    const restarts: number[] = [];
    let failed = false;
    await runInline(plan(job({ restart: { strategy: 'fixed-delay', attempts: 1, delayMs: 3_600_000 } })), {
      io,
      clock: 'virtual',
      onRestart: (n) => restarts.push(n),
      onAttempt: (j: InlineJob) => {
        if (failed) return;
        failed = true;
        j.injectFailure('w', 'injected');
      },
    });
    expect(restarts).toEqual([1]);
    expect(lines(io.collected)).toEqual(reference);
  });
});

describe('a checkpoint triggered after every source finished', () => {
  it('completes: a task whose upstream tasks all finished before the trigger gets no barrier and reports the state it finishes with', async () => {
    const { createCoordinator } = await import('../checkpoint/recovery.js');
    const { InlineJob } = await import('./inline-host.js');
    const p = plan({
      format: 'eddy/job@1',
      checkpointing: { intervalMs: 86_400_000, retained: 1 },
      nodes: [
        { id: 'a', kind: 'source.collection', params: { records: [{ k: 1, v: 1 }, { k: 2, v: 2 }, { k: 1, v: 3 }] } },
        { id: 'b', kind: 'source.collection', params: { records: [{ k: 1, v: 10 }] } },
        { id: 'u', kind: 'union' },
        { id: 'key', kind: 'keyBy', params: { field: 'k' } },
        { id: 'sum', kind: 'reduce', params: { code: '(x, y) => ({ k: x.k, v: x.v + y.v })' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [{ from: 'a', to: 'u' }, { from: 'b', to: 'u' }, ...chain('u', 'key', 'sum', 'out')],
    });
    const io = new MemoryIO();
    const storage = new MemoryCheckpointStorage();
    const coordinator = (await createCoordinator(p, storage, io))!;
    const job = new InlineJob(p, { io, clock: 'virtual', coordinator });
    // Step until both sources finished while the reduce's task has not yet read their end.
    while (!job.tasks.filter((t) => t.isSource).every((t) => t.state === 'finished')) expect(job.stepOnce()).toBe(true);
    expect(job.tasks.filter((t) => !t.isSource).some((t) => t.state === 'running')).toBe(true);
    const id = coordinator.begin()!;
    for (const t of job.tasks) t.triggerCheckpoint(id, false);
    while (job.stepOnce());
    expect(coordinator.inProgress).toBeNull();
    expect((await storage.list()).map((m) => m.id)).toEqual([id]);
  });
});
