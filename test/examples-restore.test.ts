/**
 * Every example job also gives its recorded output when it fails halfway and restarts from the
 * checkpoint it took there (the house style asks golden jobs to survive a restore): the inline
 * host steps the job to the middle of its run, takes a checkpoint, drops everything after it,
 * and a fresh attempt restores the checkpoint and runs to the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoordinator } from '../engine/checkpoint/recovery.js';
import { latestUsableCheckpoint, restoreStateFor } from '../engine/checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../engine/checkpoint/storage.js';
import { validateJob } from '../engine/graph/validate.js';
import { InlineJob } from '../engine/host/inline-host.js';
import { MemoryIO } from '../engine/host/memory-io.js';
import { planJob } from '../engine/plan/plan-job.js';
import { until } from '../engine/testing/until.js';

const dir = join(import.meta.dirname, '..', 'public', 'examples');
/**
 * Stepping is synchronous, so a job whose async calls must settle between steps (asyncMap) is not
 * stepped here: test/async-io.test.ts restores it from a checkpoint with calls in flight.
 */
const stepsAsync = (file: string) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: { kind: string }[] }).nodes.some((n) => n.kind === 'asyncMap');
const index = (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Array<{ file: string; title: string }>).filter((e) => e.file.endsWith('.json') && !stepsAsync(e.file));

function load(file: string) {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const files: Record<string, string> = {};
  for (const n of doc.nodes) if (n.kind === 'source.file') files[n.params.path] = readFileSync(join(dir, n.params.path), 'utf8');
  const expected = readFileSync(join(dir, 'expected', file.replace(/\.json$/, '.jsonl')), 'utf8').trim().split('\n');
  // Checkpoints only when the test takes one: the periodic interval is out of reach.
  const checked = validateJob({ ...doc, checkpointing: { intervalMs: 86_400_000, retained: 1 } });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return { plan: planJob(checked.job), files, expected };
}

describe('example jobs restored from a checkpoint taken halfway', () => {
  for (const { file, title } of index) {
    it(`${title} (${file}) gives its recorded output after failing and restoring`, async () => {
      const { plan, files, expected } = load(file);
      // The steps of an undisturbed run; the checkpoint is taken halfway.
      const reference = new InlineJob(plan, { io: new MemoryIO(files), clock: 'virtual' });
      let total = 0;
      while (reference.stepOnce()) total++;

      const io = new MemoryIO(files);
      const storage = new MemoryCheckpointStorage();
      const coordinator = (await createCoordinator(plan, storage, io))!;
      const first = new InlineJob(plan, { io, clock: 'virtual', coordinator });
      for (let i = 0; i < total / 2; i++) first.stepOnce();
      const id = coordinator.begin()!;
      for (const t of first.tasks) t.triggerCheckpoint(id, false);
      while (coordinator.inProgress === id && first.stepOnce());
      await until(async () => (await storage.list()).some((m) => m.id === id));
      // The attempt fails here: what the checkpoint does not cover is discarded.
      await coordinator.abort();

      const checkpoint = await latestUsableCheckpoint(storage, (e) => {
        throw e;
      });
      const second = new InlineJob(plan, { io, clock: 'virtual', coordinator, restore: restoreStateFor(plan, checkpoint!) });
      await second.run();
      coordinator.finish();
      const lines = io.collected.map((x) => JSON.stringify({ sink: x.sink, value: x.value }));
      expect(lines.sort()).toEqual([...expected].sort());
    });
  }
});
