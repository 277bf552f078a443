/**
 * What every host's job is to its caller (the CLI, the IDE's run client, the tests): one status
 * type, run to the end, cancel, savepoints and data taps. The inline host runs one attempt on this
 * thread (`InlineJob`; `runInline` adds checkpoints and restarts around it); the worker host runs
 * the job with its restarts in slot workers (`WorkerJob`).
 */
import type { CheckpointMetadata } from '../checkpoint/storage.js';
import type { DataTapHandle, TapOptions, TapPoint } from '../runtime/data-tap.js';

/** Flink's job states that Eddy has: `restarting` only on a host that restarts by itself. */
export type JobStatus = 'created' | 'running' | 'restarting' | 'finished' | 'failed' | 'canceled';

export interface Job {
  readonly status: JobStatus;
  /** Runs to the end; rejects with a JobFailure when the job fails for good. */
  run(): Promise<void>;
  /** Stops the job; `run` then resolves and the status is `canceled`. */
  cancel(): void;
  /**
   * Takes a savepoint of the running job, which goes on running (Flink's aligned savepoint): after
   * a checkpoint in progress, before the next periodic one. Resolves when it is stored; rejects
   * without the job's checkpointing block, when the job is not running, or when it ends first.
   */
  savepoint(): Promise<CheckpointMetadata>;
  /** The last records that left the given output ports (see `runtime/data-tap.ts`). */
  startTap(points: TapPoint | readonly TapPoint[], options?: TapOptions): DataTapHandle;
}
