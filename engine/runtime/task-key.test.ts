import { describe, expect, it } from 'vitest';
import { createCoordinator } from '../checkpoint/recovery.js';
import { MemoryCheckpointStorage } from '../checkpoint/storage.js';
import { validateJob } from '../graph/validate.js';
import { InlineJob } from '../host/inline-host.js';
import { MemoryIO } from '../host/memory-io.js';
import { planJob } from '../plan/plan-job.js';
import { subtaskOfTaskKey, taskKey } from './task-key.js';

describe('taskKey', () => {
  it('reads back the subtask of any vertex id a job may have', () => {
    for (const [vertex, subtask] of [['src', 0], ['key-by_2', 11], ['v-w1', 127]] as const) {
      const key = taskKey(vertex, subtask);
      expect(key.startsWith(vertex)).toBe(true);
      expect(subtaskOfTaskKey(key)).toBe(subtask);
    }
  });

  it('names the tasks a host builds exactly as the coordinator waits for them: their acknowledgements complete a checkpoint', async () => {
    const checked = validateJob({
      format: 'eddy/job@1',
      parallelism: 2,
      checkpointing: { intervalMs: 86_400_000, retained: 1 },
      nodes: [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { records: [{ k: 'a', v: 1, ts: 1 }], timestampField: 'ts' } },
        { id: 'k', kind: 'keyBy', params: { field: 'k' } },
        { id: 'm', kind: 'map', params: { code: '(r) => r' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [{ from: 'src', to: 'k' }, { from: 'k', to: 'm' }, { from: 'm', to: 'out' }],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const plan = planJob(checked.job);
    const io = new MemoryIO();
    const coordinator = (await createCoordinator(plan, new MemoryCheckpointStorage(), io))!;
    const job = new InlineJob(plan, { io, coordinator });
    const names = job.tasks.map((t) => t.name);
    expect(names).toEqual(plan.vertices.flatMap((v) => Array.from({ length: v.parallelism }, (_, s) => taskKey(v.id, s))));
    expect(names.length).toBeGreaterThan(2);
    const id = coordinator.begin()!;
    // A task the job does not have is no stand-in for one it has (Flink discards its acknowledgement).
    const [last, ...others] = names;
    const early = await Promise.all([...others, taskKey('no-such-vertex', 0)].map((name) => coordinator.acknowledge(id, name, new Uint8Array([1]))));
    expect(early.every((m) => m === undefined)).toBe(true);
    expect((await coordinator.acknowledge(id, last!, new Uint8Array([1])))?.id).toBe(id);
  });
});
