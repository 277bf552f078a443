/**
 * Finding a checkpoint on disk from a path the user gave: a savepoint file, a checkpoint folder
 * (`DIR/chk-N`), or a checkpoint directory (its newest usable checkpoint). Shared by
 * `eddy run --from-savepoint` and `eddy state`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeCheckpoint } from '../checkpoint/restore.js';
import { messageOf } from '../graph/errors.js';
import { savepointFromText } from '../checkpoint/savepoint-file.js';
import type { CompletedCheckpoint } from '../checkpoint/storage.js';
import { FileCheckpointStorage, loadCheckpointFolder } from '../host/node/file-storage.js';

/** The stored checkpoint at `path`, verified (it decodes and every checksum holds). Throws with a sentence. */
export async function readCheckpointAt(path: string): Promise<CompletedCheckpoint> {
  const at = resolve(path);
  if (!existsSync(at)) throw new Error('no such file or directory');
  if (!statSync(at).isDirectory()) return verified(savepointFromText(readFileSync(at, 'utf8')));
  if (existsSync(join(at, '_metadata.json'))) return verified(await loadCheckpointFolder(at));
  const storage = new FileCheckpointStorage(at);
  const all = await storage.list();
  const unusable: string[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    try {
      return verified(await storage.load(all[i]!.id));
    } catch (e) {
      // Corrupt: try the one before, as recovery does; said if none is usable.
      unusable.push(`${all[i]!.kind} ${all[i]!.id}: ${messageOf(e)}`);
    }
  }
  throw new Error(unusable.length === 0 ? 'no usable checkpoint in this directory' : `no usable checkpoint in this directory (${unusable.join('; ')})`);
}

function verified(checkpoint: CompletedCheckpoint): CompletedCheckpoint {
  decodeCheckpoint(checkpoint);
  return checkpoint;
}
