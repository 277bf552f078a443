/**
 * Checkpoints on the file system (the CLI's --checkpoint-dir): one folder per checkpoint with a
 * blob per subtask and `_metadata.json`, written last and atomically (rename), so a folder
 * without it is an unfinished checkpoint and is never listed.
 */
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptCheckpointError } from '../../checkpoint/restore.js';
import type { CheckpointMetadata, CheckpointStorage, CompletedCheckpoint } from '../../checkpoint/storage.js';

interface MetadataFile {
  metadata: CheckpointMetadata;
  blobs: Array<{ task: string; crc32: number; file: string }>;
}

const fileOf = (task: string) => task.replace(/[^A-Za-z0-9_-]/g, '_') + '.bin';

export class FileCheckpointStorage implements CheckpointStorage {
  constructor(readonly dir: string) {}

  private folder(id: number): string {
    return join(this.dir, `chk-${id}`);
  }

  async save(checkpoint: CompletedCheckpoint): Promise<void> {
    const folder = this.folder(checkpoint.metadata.id);
    await mkdir(folder, { recursive: true });
    const index: MetadataFile = { metadata: checkpoint.metadata, blobs: [] };
    for (const blob of checkpoint.blobs) {
      const file = fileOf(blob.task);
      await writeFile(join(folder, file), blob.bytes);
      index.blobs.push({ task: blob.task, crc32: blob.crc32, file });
    }
    await writeFile(join(folder, '_metadata.json.tmp'), JSON.stringify(index, null, 1));
    await rename(join(folder, '_metadata.json.tmp'), join(folder, '_metadata.json'));
  }

  async list(): Promise<CheckpointMetadata[]> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (e) {
      // No folder yet: no checkpoints. Any other error (no permission, not a folder) is said.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: CheckpointMetadata[] = [];
    for (const e of entries) {
      if (!/^chk-\d+$/.test(e)) continue;
      try {
        out.push((JSON.parse(await readFile(join(this.dir, e, '_metadata.json'), 'utf8')) as MetadataFile).metadata);
      } catch {
        // Unfinished or damaged: not a completed checkpoint.
      }
    }
    return out.sort((a, b) => a.id - b.id);
  }

  async load(id: number): Promise<CompletedCheckpoint> {
    return loadCheckpointFolder(this.folder(id));
  }

  async remove(id: number): Promise<void> {
    await rm(this.folder(id), { recursive: true, force: true });
  }
}

/** Reads one checkpoint folder (`…/chk-N`). A missing blob rejects, naming it. */
export async function loadCheckpointFolder(folder: string): Promise<CompletedCheckpoint> {
  const index = JSON.parse(await readFile(join(folder, '_metadata.json'), 'utf8')) as MetadataFile;
  const blobs = [];
  for (const b of index.blobs) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(join(folder, b.file)));
    } catch {
      throw new CorruptCheckpointError(index.metadata.id, `the state of ${b.task} is missing`);
    }
    blobs.push({ task: b.task, crc32: b.crc32, bytes });
  }
  return { metadata: index.metadata, blobs };
}
