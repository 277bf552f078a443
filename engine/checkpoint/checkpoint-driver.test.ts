/**
 * CheckpointDriver: the one place both hosts trigger checkpoints and savepoints from. Here with a
 * real coordinator, then on the inline host's virtual clock (the worker host's timer: worker-job.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import type { InlineJob } from '../host/inline-host.js';
import { runInline } from '../host/inline-recovery.js';
import { MemoryIO } from '../host/memory-io.js';
import { planJob } from '../plan/plan-job.js';
import { CheckpointCoordinator } from './coordinator.js';
import { CheckpointDriver } from './periodic-trigger.js';
import { MemoryCheckpointStorage } from './storage.js';

const bytes = new Uint8Array([1]);

function driven(checkpointing: { intervalMs: number; unaligned?: boolean }, timeoutMs?: number) {
  const coordinator = new CheckpointCoordinator({ storage: new MemoryCheckpointStorage(), retained: 5, parallelism: {}, tasks: ['a#0'], publish: () => {} });
  const sent: Array<[number, boolean]> = [];
  const driver = new CheckpointDriver(coordinator, checkpointing, timeoutMs, (id, unaligned) => sent.push([id, unaligned]));
  return { coordinator, sent, driver };
}

describe('CheckpointDriver', () => {
  it('sends a periodic checkpoint\'s barriers when due, in the job\'s barrier mode', async () => {
    const { coordinator, sent, driver } = driven({ intervalMs: 1000, unaligned: true });
    driver.tick(0);
    driver.tick(999);
    expect(sent).toEqual([]);
    driver.tick(1000);
    expect(sent).toEqual([[1, true]]);
    await coordinator.acknowledge(1, 'a#0', bytes);
    driver.tick(1500);
    driver.tick(2000);
    expect(sent).toEqual([
      [1, true],
      [2, true],
    ]);
  });

  it('sends a savepoint\'s barriers aligned once the checkpoint in progress completes, and resolves when it is stored', async () => {
    const { coordinator, sent, driver } = driven({ intervalMs: 1000, unaligned: true });
    driver.tick(0);
    driver.tick(1000);
    const started: number[] = [];
    const savepoint = driver.savepoint((id) => started.push(id));
    expect(sent).toEqual([[1, true]]);
    await coordinator.acknowledge(1, 'a#0', bytes);
    expect(sent).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(started).toEqual([2]);
    // Periodic checkpoints wait for the savepoint.
    driver.tick(5000);
    expect(sent.length).toBe(2);
    await coordinator.acknowledge(2, 'a#0', bytes);
    expect(await savepoint).toMatchObject({ id: 2, kind: 'savepoint' });
  });

  it('declines a checkpoint that outlives its timeout, on the host\'s clock', () => {
    const { coordinator, driver } = driven({ intervalMs: 100 }, 500);
    driver.tick(0);
    driver.tick(100);
    expect(coordinator.inProgress).toBe(1);
    driver.tick(601);
    expect(coordinator.history.at(-1)).toMatchObject({ id: 1, status: 'declined', reason: 'timed out after 500 ms' });
  });
});

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));
const job = (intervalMs: number, gen: Record<string, unknown>) => {
  const checked = validateJob({
    format: 'eddy/job@1',
    checkpointing: { intervalMs },
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { keys: 4, ...gen } },
      { id: 'k', kind: 'keyBy', params: { field: 'key' } },
      { id: 'sum', kind: 'reduce', params: { code: '(a, b) => ({ ...a, value: a.value + b.value })' } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: chain('gen', 'k', 'sum', 'out'),
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job);
};

describe('periodic checkpoints through the driver', () => {
  it('on the inline host\'s virtual clock: triggered at the same virtual times every run, exactly an interval apart', async () => {
    const triggerTimes = async () => {
      const times: number[] = [];
      let attempt: InlineJob | null = null;
      await runInline(job(1000, { count: 10_000, ratePerSec: 1000 }), {
        io: new MemoryIO(),
        clock: 'virtual',
        onAttempt: (j) => (attempt = j),
        onCheckpoint: (s) => {
          if (s.status === 'in-progress') times.push(attempt!.now());
        },
      });
      return times;
    };
    const first = await triggerTimes();
    // 10 s of virtual time, one checkpoint a second from the first second on: a checkpoint being
    // stored holds virtual time, so none is late however slow the thread or the storage.
    expect(first.slice(0, 9)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    expect(await triggerTimes()).toEqual(first);
  });
});
