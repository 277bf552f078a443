/**
 * Starting checkpointed runs in the browser: a fresh run forgets the job's old checkpoints and
 * commits (so a restart never falls back to another run's state); a resumed run starts from the
 * newest stored checkpoint whose committed results were journaled, drops anything newer, and
 * hands back the results committed up to it — together with what the resumed run commits,
 * exactly the results of an undisturbed run.
 */
import { CorruptCheckpointError, decodeCheckpoint } from '../../engine/index';
import type { CheckpointStorage, CollectedRecord } from '../../engine/index';
import type { RunJournal } from '../persist/run-journal';
import type { DecodedCheckpoint } from './engine-client';

export interface ResumePoint {
  readonly checkpointId: number;
  readonly state: DecodedCheckpoint;
  /** Results committed up to and including the checkpoint, in commit order. */
  readonly records: readonly CollectedRecord[];
}

/** The newest usable checkpoint with journaled results; undefined when there is none. */
export async function findResumePoint(
  storage: CheckpointStorage,
  journal: RunJournal,
  jobId: string,
  onCorrupt: (error: CorruptCheckpointError) => void = () => {},
): Promise<ResumePoint | undefined> {
  const commits = await journal.commits(jobId);
  const committed = new Set(commits.map((c) => c.checkpointId));
  const candidates = (await storage.list()).filter((m) => m.kind === 'checkpoint' && committed.has(m.id));
  for (let i = candidates.length - 1; i >= 0; i--) {
    const id = candidates[i]!.id;
    try {
      const state = decodeCheckpoint(await storage.load(id));
      return { checkpointId: id, state, records: commits.filter((c) => c.checkpointId <= id).flatMap((c) => c.records) };
    } catch (e) {
      onCorrupt(e instanceof CorruptCheckpointError ? e : new CorruptCheckpointError(id, (e as Error).message));
    }
  }
  return undefined;
}

/** Removes stored checkpoints and commit records newer than `checkpointId` (all with -1). */
export async function forgetAfter(storage: CheckpointStorage, journal: RunJournal, jobId: string, checkpointId: number): Promise<void> {
  for (const m of await storage.list()) if (m.id > checkpointId) await storage.remove(m.id);
  await journal.dropCommits(jobId, checkpointId);
}
