// fake-indexeddb stands in for the browser here; the browser path itself is tested in e2e/.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, latestUsableCheckpoint } from '../../checkpoint/restore.js';
import { crc32, encodeState } from '../../checkpoint/state-codec.js';
import type { CompletedCheckpoint } from '../../checkpoint/storage.js';
import { IndexedDbCheckpointStorage } from './indexeddb-storage.js';

function checkpoint(id: number, offset: number): CompletedCheckpoint {
  const bytes = encodeState({ src: { operator: { index: offset } } });
  return {
    metadata: { id, kind: 'checkpoint', triggeredAt: id, completedAt: id, parallelism: { src: 1 }, size: bytes.length, tasks: ['src#0'] },
    blobs: [{ task: 'src#0', bytes, crc32: crc32(bytes) }],
  };
}

describe('IndexedDB checkpoint storage', () => {
  it('saves, lists, loads and removes checkpoints of one job', async () => {
    const s = new IndexedDbCheckpointStorage('job-a');
    await s.save(checkpoint(1, 10));
    await s.save(checkpoint(2, 20));
    expect((await s.list()).map((m) => m.id)).toEqual([1, 2]);
    expect(decodeCheckpoint(await s.load(2)).byNode.src).toEqual([{ operator: { index: 20 } }]);
    await s.remove(1);
    expect((await s.list()).map((m) => m.id)).toEqual([2]);
    s.close();
  });

  it('keeps jobs apart, and survives reopening (a reloaded tab)', async () => {
    const a = new IndexedDbCheckpointStorage('job-b');
    await a.save(checkpoint(7, 70));
    a.close();
    const again = new IndexedDbCheckpointStorage('job-b');
    expect((await again.list()).map((m) => m.id)).toEqual([7]);
    expect(await new IndexedDbCheckpointStorage('job-c').list()).toEqual([]);
  });

  it('a checkpoint with a missing blob is reported and the previous one is used', async () => {
    const s = new IndexedDbCheckpointStorage('job-d');
    await s.save(checkpoint(1, 1));
    const broken = checkpoint(2, 2);
    await s.save({ metadata: broken.metadata, blobs: [] });
    const reported: string[] = [];
    const latest = await latestUsableCheckpoint(s, (e) => reported.push(e.message));
    expect(latest?.id).toBe(1);
    expect(reported).toEqual(['checkpoint 2 is unusable: the state of src#0 is missing']);
  });
});
