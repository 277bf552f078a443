/**
 * The job lifecycle around checkpoints, shared by every host: the coordinator for a plan, and
 * the loop that runs an attempt, and after a failure waits as the restart strategy says and
 * runs the next attempt from the latest usable checkpoint.
 */
import { JobFailure } from '../graph/errors.js';
import type { OperatorIO, OperatorSnapshot } from '../operators/operator.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { CheckpointCoordinator, type CheckpointStats } from './coordinator.js';
import { effectiveRestart } from '../graph/effective-restart.js';
import { createRestartStrategy } from './restart-strategy.js';
import { type CorruptCheckpointError, latestUsableCheckpoint, restoreStateFor } from './restore.js';
import type { CheckpointStorage } from './storage.js';
import { taskKey } from '../runtime/task-key.js';

/**
 * The coordinator of a plan with checkpointing; null without. Ids continue after stored ones and
 * after the checkpoint the job was restored from (Flink's restoreSavepoint sets the id counter to
 * the savepoint's id + 1).
 */
export async function createCoordinator(
  plan: ExecutionPlan,
  storage: CheckpointStorage,
  io: OperatorIO,
  onStats?: (stats: CheckpointStats) => void,
  restoredCheckpointId = 0,
): Promise<CheckpointCoordinator | null> {
  const cp = plan.checkpointing;
  if (!cp) return null;
  const stored = await storage.list();
  return new CheckpointCoordinator(
    {
      storage,
      retained: cp.retained,
      ...(plan.name !== undefined ? { jobName: plan.name } : {}),
      parallelism: Object.fromEntries(Object.values(plan.nodes).map((n) => [n.id, n.parallelism])),
      maxParallelism: plan.maxParallelism,
      tasks: plan.vertices.flatMap((v) => Array.from({ length: v.parallelism }, (_, i) => taskKey(v.id, i))),
      publish: (records) => {
        for (const [sink, subtask, value, kind] of records) io.collect(sink, subtask, value, kind);
      },
      ...(onStats ? { onStats } : {}),
    },
    Math.max(stored.at(-1)?.id ?? 0, restoredCheckpointId) + 1,
  );
}

/** The clock restarts are timed with: when a failure happened, and the wait before the next attempt. */
export interface RecoveryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Wall time: the worker host, and the inline host on the system clock. */
export const WALL_CLOCK: RecoveryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Virtual time for the inline host on its virtual clock: a restart delay passes at once and moves
 * this clock on by the delay, so the restart strategy sees the times it would in a real run
 * (a failure-rate strategy counts failures a delay apart) and the run does not wait.
 */
export function virtualRecoveryClock(): RecoveryClock {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

export interface RecoveryLoop {
  readonly plan: ExecutionPlan;
  readonly storage: CheckpointStorage;
  readonly coordinator: CheckpointCoordinator | null;
  /** State of the first attempt (a savepoint), and of restarts that find no checkpoint. */
  readonly initialRestore: Record<string, OperatorSnapshot[]> | undefined;
  /** Runs one attempt to its end; rejects with its failure. */
  attempt(restore: Record<string, OperatorSnapshot[]> | undefined): Promise<void>;
  canceled(): boolean;
  onRestarting(attempt: number, failure: JobFailure): void;
  onRunning(): void;
  onCorruptCheckpoint?(error: CorruptCheckpointError): void;
  /** Default: the wall clock. */
  readonly clock?: RecoveryClock;
}

/** Runs attempts until one finishes (resolves), the job is canceled, or the strategy gives up (rejects). */
export async function runWithRecovery(loop: RecoveryLoop): Promise<void> {
  const strategy = createRestartStrategy(effectiveRestart(loop.plan).strategy);
  const clock = loop.clock ?? WALL_CLOCK;
  let restore = loop.initialRestore;
  for (let restarts = 0; ; ) {
    try {
      await loop.attempt(restore);
      // Canceled (stop, stop-with-savepoint): what no checkpoint covers was never committed.
      if (loop.canceled()) await loop.coordinator?.abort();
      else loop.coordinator?.finish();
      return;
    } catch (e) {
      const failure = JobFailure.ofJob(e);
      if (loop.canceled()) return;
      await loop.coordinator?.abort();
      // A cause that fails every attempt alike (a restored state of another type): no restart.
      if (!failure.restartable) throw failure;
      const delay = strategy.onFailure(clock.now());
      if (delay === null) throw failure;
      loop.onRestarting(++restarts, failure);
      await clock.sleep(delay);
      if (loop.canceled()) return;
      loop.onRunning();
      const latest = loop.plan.checkpointing ? await latestUsableCheckpoint(loop.storage, (err) => loop.onCorruptCheckpoint?.(err)) : undefined;
      restore = latest ? restoreStateFor(loop.plan, latest) : loop.initialRestore;
    }
  }
}
