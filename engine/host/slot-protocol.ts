/**
 * What the controller (job manager) and a slot worker say to each other. Control calls go
 * through comlink; records travel only on the channel ports handed over at deploy.
 */
import type { AckDetails } from '../checkpoint/coordinator.js';
import type { ParamProblem } from '../graph/errors.js';
import type { PortLike } from '../net/port-channel.js';
import type { OperatorSnapshot, SinkResult, StreamedLines } from '../operators/operator.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { SubtaskTapSnapshot, TapPoint } from '../runtime/data-tap.js';
import type { BarrierMode } from '../runtime/input-gate.js';
import type { ChaosCommand } from '../runtime/task-chaos.js';
import type { FetchedResponse } from './job-fetch.js';
import type { SlotStats } from './slot-stats.js';

/** One channel end this slot owns: from upstream subtask `from` to downstream subtask `to` on `edge`. */
export interface ChannelAssignment {
  readonly edge: number;
  readonly from: number;
  readonly to: number;
  /** The port for a channel that crosses slots; absent when both ends live in this slot. */
  readonly port?: PortLike;
  /** Which end this slot holds when the channel crosses slots. */
  readonly end?: 'send' | 'receive';
}

export interface SlotDeployment {
  readonly plan: ExecutionPlan;
  readonly slotIndex: number;
  /** The subtasks this slot runs. */
  readonly subtasks: ReadonlyArray<{ readonly vertex: string; readonly index: number }>;
  readonly channels: readonly ChannelAssignment[];
  /** Input file texts by node id (file sources). */
  readonly files: Readonly<Record<string, string>>;
  /** The controller reads standard input as a stream (`SlotEvents.readLines`): a file source with path "-" asks it for lines. */
  readonly readsLines?: true;
  /** The controller's `readLines` also streams files: file sources ask it for lines instead of reading `files`. */
  readonly streamsFiles?: true;
  readonly batchSize: number;
  /** Exclusive buffers (credits) per channel. */
  readonly channelCapacity: number;
  /** How often to push metrics (ms); 0 = never. */
  readonly metricsIntervalMs: number;
  /** With checkpointing: Flink's CheckpointingMode (exactly-once aligns barriers, at-least-once counts them). */
  readonly barrierMode?: BarrierMode;
  /** State to start from, by node id then subtask index. */
  readonly restore?: Readonly<Record<string, readonly OperatorSnapshot[]>>;
  /**
   * Shared memory of this slot's progress beacon (runtime/progress-beacon), which the
   * controller's watchdog reads; absent where SharedArrayBuffer is not available.
   */
  readonly progress?: SharedArrayBuffer;
  /** Chains (vertex ids) whose functions mark themselves per call: they hung in an earlier attempt. */
  readonly markedVertices?: readonly string[];
  /** The job's base URL when slots fetch by themselves (`OperatorIO.fetchBase`); else `ctx.fetch` goes through `SlotEvents.fetch`. */
  readonly fetchBase?: string;
}

/** Per-subtask metrics sample (Flink's names where they exist). */
export interface SubtaskMetrics {
  readonly vertex: string;
  readonly subtask: number;
  readonly slot: number;
  /** Per operator in the chain. */
  readonly operators: ReadonlyArray<{
    readonly nodeId: string;
    readonly recordsOut: number;
    /** Records emitted per second since the previous sample. */
    readonly recordsOutPerSecond: number;
    readonly outputWatermark: number;
    /**
     * The newest record timestamp emitted on the main output (−∞ before any timestamped record):
     * newestTimestamp − outputWatermark is how far the watermark lags the data.
     */
    readonly newestTimestamp: number;
    /** Whether the operator's output is marked idle (Flink's WatermarkStatus.IDLE). */
    readonly outputIdle: boolean;
    readonly stateKeys: number;
    /**
     * An estimate of the bytes the operator's keyed state and timers take in a checkpoint: a
     * sample of at most 32 rows encoded as the state codec does, scaled by the number of rows,
     * refreshed at most once a second. 0 for an operator without keyed state.
     */
    readonly stateBytes: number;
    /** A file source's malformed lines skipped (`ignoreParseErrors`, "errors" not wired); absent when none. */
    readonly skippedLines?: number;
  }>;
  readonly recordsIn: number;
  readonly recordsInPerSecond: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly bytesInPerSecond: number;
  readonly bytesOutPerSecond: number;
  /** Combined input watermark of the head operator. */
  readonly inputWatermark: number;
  /** Whether the head's combined input status is idle (the input gate's WatermarkStatus); false for a source. */
  readonly inputIdle: boolean;
  /** Shares of the last interval, in ms per second. */
  readonly busyMsPerSecond: number;
  readonly idleMsPerSecond: number;
  readonly backPressuredMsPerSecond: number;
  /** Queued input batches / exclusive buffers, 0…1. */
  readonly inputBufferUsage: number;
  /** Output channels without credit / all output channels, 0…1. */
  readonly outputBufferUsage: number;
}

/** Calls a slot makes back to the controller (a comlink proxy). */
export interface SlotEvents {
  /** Records that reached collect sinks: [sink node id, subtask, value]. */
  results(batch: SinkResult[]): void;
  /** Text a file sink appends. */
  fileText(nodeId: string, path: string | undefined, text: string): void;
  metrics(samples: SubtaskMetrics[]): void;
  /** Every subtask of the slot finished. */
  finished(slotIndex: number, report: SlotReport): void;
  /** `restartable` false: the cause suppresses restarts (see `suppressesRestarts`). */
  failed(slotIndex: number, nodeId: string, subtask: number, message: string, restartable: boolean, param?: ParamProblem): void;
  /** Task `task` (`vertex#subtask`) snapshotted checkpoint `id`; its state, encoded, with its CRC-32 and timings. */
  checkpointAck(id: number, task: string, state: Uint8Array, alignmentMs: number, details?: AckDetails): void;
  /** Unaligned checkpoint `id` took the state of task `task` now (results sent so far are covered); its ack follows. */
  checkpointCut(id: number, task: string): void;
  /**
   * The rings of data tap `tapId` in this slot's subtasks (values copied). Pushed a few times a
   * second while records arrive, and once more before `finished` or `failed`.
   */
  tap(tapId: number, snapshots: SubtaskTapSnapshot[]): void;
  /** Standard input's (or a streamed file's) lines from the controller's I/O (`OperatorIO.readLines`), when the deployment `readsLines`. */
  readLines(nodeId: string, fromLine: number, path?: string, fromByte?: number): Promise<StreamedLines>;
  /** `ctx.fetch` through the controller's I/O, for hosts whose slots cannot reach the job's base (the CLI's files). */
  fetch(url: string, init?: RequestInit): Promise<FetchedResponse>;
}

/** The slot's control API (exposed with comlink). */
export interface SlotApi {
  deploy(deployment: SlotDeployment, events: SlotEvents): void;
  start(): void;
  cancel(): void;
  /** Starts checkpoint `id` in every task of the slot (sources inject the barrier). */
  triggerCheckpoint(id: number, unaligned?: boolean): void;
  /** Attaches data tap `tapId` to the points' output ports in this slot's subtasks. */
  startTap(tapId: number, points: readonly TapPoint[], capacity: number): void;
  /** Detaches data tap `tapId`; unknown ids are ignored. */
  stopTap(tapId: number): void;
  /**
   * Applies a chaos control to this slot's running subtasks of `command.nodeId` (all of them, or
   * `command.subtask`); returns how many it reached. Between steps, never per record.
   */
  chaos(command: ChaosCommand): number;
  /** Where the slot runs and what it ran. */
  describe(): SlotReport;
}

/** Where a slot ran, and which subtasks: the proof that user code ran off the page's thread. */
export interface SlotReport {
  readonly slotIndex: number;
  /** True in a Web Worker or worker thread; false on a page or main thread. */
  readonly isWorker: boolean;
  /** The worker's name or thread id. */
  readonly thread: string;
  /** Whether a DOM `document` exists in this thread (never in a worker). */
  readonly hasDocument: boolean;
  readonly subtasks: ReadonlyArray<{ readonly vertex: string; readonly index: number; readonly recordsIn: number }>;
  /** Where the slot's thread spent the run (busy, yielding, waiting for credit or input; CPU where known). */
  readonly stats?: SlotStats;
}
