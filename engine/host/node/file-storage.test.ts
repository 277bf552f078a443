import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileCheckpointStorage } from './file-storage.js';

describe('FileCheckpointStorage.list', () => {
  it('has no checkpoints before its folder exists', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'eddy-storage-')), 'not-yet');
    expect(await new FileCheckpointStorage(dir).list()).toEqual([]);
  });

  it('says why when its folder cannot be read (a file in its place), rather than seeing no checkpoints', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eddy-storage-')), 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(new FileCheckpointStorage(file).list()).rejects.toThrow(/ENOTDIR/);
  });
});
