/**
 * The stepper's options and its state between two steps as plain data (a StepperSnapshot), in a
 * module of their own so the stepper reads in one sitting.
 */
import type { JobStatus } from '../host/job.js';
import type { OperatorIO, OperatorSnapshot } from '../operators/operator.js';
import type { TaskRuntime } from '../runtime/task.js';
import type { CausalChannelContents } from './causal-channel.js';
import type { SourceHoldsState } from './source-holds.js';
import type { AsyncCallLog, TraceCallsState } from './trace-calls.js';
import type { TraceCheckpointsState } from './trace-checkpoints.js';

export interface TraceOptions {
  /** Files for sources; file sinks write through it; collect sinks hand it their records. */
  io: OperatorIO;
  /** Start of virtual time (ms); default 0. */
  startTime?: number;
  /**
   * With the job's `checkpointing` block: also start a checkpoint after this many steps since
   * the last one (the interval is virtual time, which moves only when the job waits).
   */
  checkpointEverySteps?: number;
  /**
   * Characters of each output file (by path, or node id) already handed to `io`, shared by
   * every stepper of one trace: a stepper replaying steps after a step back writes only what
   * goes beyond (file sinks buffer lines, so their writes do not line up with steps).
   */
  filesWritten?: Record<string, number>;
  /** The state the trace started from (a restored checkpoint): a restart before any checkpoint completes goes back to it. */
  origin?: Record<string, OperatorSnapshot[]>;
  /**
   * Every async call of the trace and its outcome, shared by every stepper of one trace (as
   * `filesWritten`): a stepper replaying steps takes the recorded outcomes and calls nothing.
   */
  calls?: AsyncCallLog;
}

/**
 * The whole state of a stepper between two steps: its operators' snapshots through the
 * checkpoint machinery (`snapshotState`, the state codec) and what a checkpoint rightly leaves
 * out — channel contents with their causes, input gates, the clock, pending wakeups.
 */
export interface StepperSnapshot {
  readonly steps: number;
  readonly operators: Uint8Array;
  readonly runtime: StepperRuntime;
}

export interface StepperRuntime {
  readonly status: JobStatus;
  readonly now: number;
  readonly tasks: TaskRuntime[];
  readonly channels: CausalChannelContents[];
  readonly triggers: number[];
  readonly triggerId: number;
  readonly lastCheckpointTime: number;
  readonly lastCheckpointStep: number;
  readonly checkpointRunning: boolean;
  readonly checkpoints: TraceCheckpointsState | null;
  readonly written: Record<string, number>;
  readonly holds: SourceHoldsState;
  readonly failNext: { readonly node: string; readonly message: string } | null;
  /** The virtual times of the slots killed so far (the restart strategy counts them). */
  readonly failures?: number[];
  /** Async calls made so far and those in flight. */
  readonly calls?: TraceCallsState;
}
