import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStorage } from '../../engine/index';
import type { CheckpointMetadata } from '../../engine/index';
import { createMemoryRunJournal } from '../persist/run-journal';
import { findResumePoint, forgetAfter } from './checkpoint-runs';

function metadata(id: number, tasks: string[] = [], kind: CheckpointMetadata['kind'] = 'checkpoint'): CheckpointMetadata {
  return { id, kind, triggeredAt: id, completedAt: id, parallelism: {}, size: 0, tasks };
}

const rec = (value: number) => ({ sink: 'out', value });

describe('findResumePoint', () => {
  it('resumes from the newest checkpoint whose results were journaled, with the results up to it', async () => {
    const storage = new MemoryCheckpointStorage();
    const journal = createMemoryRunJournal();
    for (const id of [1, 2, 3]) await storage.save({ metadata: metadata(id), blobs: [] });
    await journal.commit({ jobId: 'j', checkpointId: 1, records: [rec(1)] });
    await journal.commit({ jobId: 'j', checkpointId: 2, records: [rec(2), rec(3)] });
    // Checkpoint 3 was stored, but the tab closed before its results were journaled.
    const point = await findResumePoint(storage, journal, 'j');
    expect(point?.checkpointId).toBe(2);
    expect(point?.records).toEqual([rec(1), rec(2), rec(3)]);
  });

  it('skips a corrupt checkpoint and reports it', async () => {
    const storage = new MemoryCheckpointStorage();
    const journal = createMemoryRunJournal();
    await storage.save({ metadata: metadata(1), blobs: [] });
    await storage.save({ metadata: metadata(2, ['a#0']), blobs: [] });
    for (const id of [1, 2]) await journal.commit({ jobId: 'j', checkpointId: id, records: [rec(id)] });
    const corrupt: number[] = [];
    const point = await findResumePoint(storage, journal, 'j', (e) => corrupt.push(e.checkpointId));
    expect(point?.checkpointId).toBe(1);
    expect(corrupt).toEqual([2]);
  });

  it('finds nothing for another job or without commits', async () => {
    const storage = new MemoryCheckpointStorage();
    await storage.save({ metadata: metadata(1), blobs: [] });
    expect(await findResumePoint(storage, createMemoryRunJournal(), 'j')).toBeUndefined();
  });
});

describe('forgetAfter', () => {
  it('removes newer checkpoints and commits so a restart cannot pass the resumed results', async () => {
    const storage = new MemoryCheckpointStorage();
    const journal = createMemoryRunJournal();
    for (const id of [1, 2, 3]) {
      await storage.save({ metadata: metadata(id), blobs: [] });
      await journal.commit({ jobId: 'j', checkpointId: id, records: [] });
    }
    await forgetAfter(storage, journal, 'j', 1);
    expect((await storage.list()).map((m) => m.id)).toEqual([1]);
    expect((await journal.commits('j')).map((c) => c.checkpointId)).toEqual([1]);
    await forgetAfter(storage, journal, 'j', -1);
    expect(await storage.list()).toEqual([]);
  });
});
