/**
 * Running a plan on the inline host with the plan's checkpointing and restart strategy: each
 * attempt is a fresh InlineJob; after a failure the next one starts from the latest usable
 * checkpoint. Without checkpointing and restarts it is just one InlineJob.
 */
import type { CheckpointStats } from '../checkpoint/coordinator.js';
import { WALL_CLOCK, createCoordinator, runWithRecovery, virtualRecoveryClock } from '../checkpoint/recovery.js';
import type { CorruptCheckpointError } from '../checkpoint/restore.js';
import { type CheckpointStorage, MemoryCheckpointStorage } from '../checkpoint/storage.js';
import type { JobFailure } from '../graph/errors.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { InlineJob, type InlineOptions } from './inline-host.js';

export interface InlineRunOptions extends Omit<InlineOptions, 'coordinator'> {
  storage?: CheckpointStorage;
  onCheckpoint?: (stats: CheckpointStats) => void;
  onRestart?: (attempt: number, failure: JobFailure) => void;
  onCorruptCheckpoint?: (error: CorruptCheckpointError) => void;
  /** Called with each attempt's job as it starts (tests use it to inject failures). */
  onAttempt?: (job: InlineJob) => void;
}

/** Runs to the end; rejects with the last failure once the restart strategy gives up. */
export async function runInline(plan: ExecutionPlan, options: InlineRunOptions): Promise<void> {
  const storage = options.storage ?? new MemoryCheckpointStorage();
  const coordinator = await createCoordinator(plan, storage, options.io, options.onCheckpoint);
  let canceled = false;
  await runWithRecovery({
    plan,
    storage,
    coordinator,
    initialRestore: options.restore,
    clock: options.clock === 'virtual' ? virtualRecoveryClock() : WALL_CLOCK,
    attempt: async (restore) => {
      const { restore: _, ...rest } = options;
      const job = new InlineJob(plan, { ...rest, ...(restore ? { restore } : {}), ...(coordinator ? { coordinator } : {}) });
      options.onAttempt?.(job);
      await job.run();
      if (job.status === 'canceled') canceled = true;
    },
    canceled: () => canceled,
    onRestarting: (n, failure) => options.onRestart?.(n, failure),
    onRunning: () => {},
    ...(options.onCorruptCheckpoint ? { onCorruptCheckpoint: options.onCorruptCheckpoint } : {}),
  });
}
