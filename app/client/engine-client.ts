/**
 * The app's only bridge to the engine's runtime: validate, plan and run a job in slot workers
 * (Web Workers), streaming results and metrics back. User code runs only inside those
 * workers, never on the page's thread.
 */
import { JobFailure, MemoryIO, WorkerJob, browserSlotSpawner, formatJobError, functionTimeoutOf, planJob, restoreStateFor, savepointToText } from '../../engine/index';
import type { ChaosCommand, CheckpointStats, CheckpointStorage, CollectedRecord, DataTapSnapshot, JobError, SlotReport, Stall, SubtaskMetrics, TapPoint, decodeCheckpoint } from '../../engine/index';
import { fullCodeCheck, validateFully, validateOnPage } from './job-validation';
import { notStarted, startLater } from './running-job';
import type { InputFile } from './input-files';
import { StreamedInputIO } from './streamed-input-io';
import { jobFetchBase } from './fetch-base';
import { decodeCheckpoint as decodeCheckpointState, savepointFromText } from '../../engine/index';

/** A decoded checkpoint to start from (what `decodeCheckpoint` returns). */
export type DecodedCheckpoint = ReturnType<typeof decodeCheckpoint>;

export interface WorkerRun {
  readonly results: readonly CollectedRecord[];
  readonly slots: readonly SlotReport[];
}

/**
 * Runs a job document to its end in Web Workers. `files` are input texts by path;
 * `parallelism` replaces the job's default parallelism.
 */
export async function runInWorkers(doc: unknown, files: Record<string, string> = {}, parallelism?: number): Promise<WorkerRun> {
  const checked = await validateFully(doc);
  if (!checked.ok) throw new Error(checked.errors.map(formatJobError).join('\n'));
  const io = new MemoryIO(files, undefined, { fetchBase: jobFetchBase() });
  const job = new WorkerJob(planJob(checked.job, parallelism ? { parallelism } : {}), { io, spawner: browserSlotSpawner });
  await job.run();
  return { results: io.collected, slots: [...job.slotReports].sort((a, b) => a.slotIndex - b.slotIndex) };
}

/**
 * How a run ended. A failure names the node, or the slot whose worker crashed (`crashedSlot`);
 * when a param of the node proved wrong as it started, `param` is that problem as validation
 * would name it (code, node, field such as `params.code`, and the message without the field).
 */
export type RunOutcome =
  | { readonly status: 'finished'; readonly slots: readonly SlotReport[] }
  | { readonly status: 'canceled'; readonly slots: readonly SlotReport[] }
  | {
      readonly status: 'failed';
      readonly nodeId: string | null;
      readonly crashedSlot?: number;
      readonly message: string;
      readonly param?: JobError;
      readonly slots: readonly SlotReport[];
    };

/** The outcome of a run that ended with `error` (a `JobFailure` names its node, crashed slot or wrong param). */
export function failedOutcome(error: unknown, slots: readonly SlotReport[]): RunOutcome & { status: 'failed' } {
  if (!(error instanceof JobFailure)) return { status: 'failed', nodeId: null, message: error instanceof Error ? error.message : String(error), slots };
  const crashed = error.origin.kind === 'slot' ? { crashedSlot: error.origin.slot } : {};
  const param = error.jobError;
  return { status: 'failed', nodeId: error.nodeId, ...crashed, message: error.reason, ...(param !== null ? { param } : {}), slots };
}

export interface RunCallbacks {
  /** Records that reached collect sinks since the last call, in arrival order. */
  onResults(batch: readonly CollectedRecord[]): void;
  /** Samples of the subtasks of one slot. */
  onMetrics(samples: readonly SubtaskMetrics[]): void;
  /**
   * A checkpoint changed state. When one completes, the results it commits have already
   * reached `onResults`, so what arrived so far is exactly what checkpoints covered.
   */
  onCheckpoint?(stats: CheckpointStats): void;
  /** The job failed and restarts from its latest checkpoint (attempt counts from 1). */
  onRestart?(attempt: number, reason: string): void;
  /**
   * A restart found checkpoint `checkpointId` unusable (a blob missing or failing its checksum):
   * `message` says why, and the previous checkpoint is tried instead.
   */
  onCorruptCheckpoint?(checkpointId: number, message: string): void;
  /**
   * Slot `slot` has been stuck inside one function for over a second (a few times a second while
   * it lasts), or moves again (`null`). At `stall.timeoutMs` the watchdog fails the job.
   */
  onUnresponsive?(slot: number, stall: SlotStall | null): void;
}

/** A slot stuck in a function, as the watchdog sees it, with the timeout that ends it. */
export interface SlotStall extends Stall {
  readonly timeoutMs: number;
}

/** Where checkpoints of a run go and what it starts from. */
export interface StartOptions {
  /** Checkpoint storage for jobs with a `checkpointing` block (default: memory). */
  readonly storage?: CheckpointStorage;
  /** State to start from: a decoded checkpoint of this job. */
  readonly restoreFrom?: DecodedCheckpoint;
  /** Start even when `restoreFrom` holds state of nodes the job no longer has (that state is dropped). */
  readonly allowNonRestoredState?: boolean;
}

/** A savepoint file read back: what it is, and its state ready to start a run from. */
export interface SavepointFile {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly jobName?: string;
  /** Parallelism of each node when the savepoint was taken. */
  readonly parallelism: Readonly<Record<string, number>>;
  readonly state: DecodedCheckpoint;
}

/**
 * Reads an `eddy/savepoint@1` file (as "Take savepoint" downloads it, or the CLI writes it) and
 * verifies every blob's checksum. Throws an Error whose message says what is wrong with the file.
 */
export function readSavepointFile(text: string): SavepointFile {
  const checkpoint = savepointFromText(text);
  const { metadata } = checkpoint;
  if (typeof metadata.id !== 'number' || !Array.isArray(metadata.tasks) || metadata.parallelism === null || typeof metadata.parallelism !== 'object') {
    throw new Error('the savepoint file\'s metadata lacks its id, tasks or parallelism');
  }
  try {
    const state = decodeCheckpointState(checkpoint);
    return { id: metadata.id, kind: metadata.kind, ...(metadata.jobName ? { jobName: metadata.jobName } : {}), parallelism: metadata.parallelism, state };
  } catch (e) {
    throw new Error(e instanceof Error ? e.message : String(e));
  }
}

/** A job running in slot workers. */
export interface RunningJob {
  /** Terminates every slot worker; `done` then resolves as canceled. */
  cancel(): void;
  readonly done: Promise<RunOutcome>;
  /** Fault injection: kills slot worker `index` (any when omitted) as a crash. */
  killSlot(index?: number): void;
  /**
   * A chaos control (docs/ide.md, "Chaos"): sent to the slots over their control channel;
   * resolves with the subtasks it reached, rejects with a message naming the node and field.
   * Optional so a test's starter need not have it.
   */
  chaos?(command: ChaosCommand): Promise<number>;
  /**
   * Takes a savepoint of the running job; resolves with its eddy/savepoint@1 file text. With
   * `stop`, the job is canceled right after it (Flink's stop-with-savepoint): the results the
   * savepoint committed have been handed over, nothing after it.
   */
  takeSavepoint(options?: { readonly stop?: boolean }): Promise<string>;
  /**
   * Starts a data tap on output ports: `onSnapshot` gets the last records that left them (per
   * subtask, values copied) a few times a second while records arrive, and once more when the
   * job ends. Returns the function that stops it. A port the job does not run taps nothing.
   * Optional so a test's starter need not tap.
   */
  tap?(points: readonly TapPoint[], onSnapshot: (snapshot: DataTapSnapshot) => void): () => void;
}

/** Starts jobs; the store takes one, so tests can hand in another. `files`: file sources' inputs by node id or path. */
export type JobStarter = (doc: unknown, files: Readonly<Record<string, InputFile>>, callbacks: RunCallbacks, options?: StartOptions) => RunningJob;

/** How often results are handed to the page while a job runs (ms). */
const RESULT_FLUSH_MS = 100;
const METRICS_INTERVAL_MS = 250;

/**
 * Validates, plans at the job's own parallelism and starts a job in Web Worker slots. Results
 * reach `onResults` in batches (never one call per record); the last batch comes before `done`.
 */
export const startJobInWorkers: JobStarter = (doc, files, callbacks, options = {}) => {
  const page = validateOnPage(doc);
  // Code that is not plain JavaScript: nothing starts before the full check has judged it.
  if (!page.complete) return startLater(fullCodeCheck().then(() => startJobInWorkers(doc, files, callbacks, options)), 'the code checker');
  const checked = page.result;
  if (!checked.ok) {
    const first = checked.errors[0]!;
    return notStarted({ status: 'failed', nodeId: first.nodeId ?? null, message: checked.errors.map(formatJobError).join('\n'), slots: [] });
  }
  let pending: CollectedRecord[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    callbacks.onResults(batch);
  };
  const timer = setInterval(flush, RESULT_FLUSH_MS);
  // Inputs are read as the file sources ask, slice by slice: an upload is never one string.
  const io = new StreamedInputIO(files, (record) => pending.push(record), { fetchBase: jobFetchBase() });
  let job: WorkerJob;
  const storage = options.storage;
  try {
    const plan = planJob(checked.job);
    job = new WorkerJob(plan, {
      io,
      spawner: browserSlotSpawner,
      metricsIntervalMs: METRICS_INTERVAL_MS,
      onMetrics: (samples) => callbacks.onMetrics(samples),
      ...(storage ? { storage } : {}),
      ...(options.restoreFrom ? { restore: restoreStateFor(plan, options.restoreFrom, options.allowNonRestoredState ?? false), restoredCheckpointId: options.restoreFrom.id } : {}),
      onCheckpoint: (stats) => {
        // The results this checkpoint committed were just published: hand them over first.
        if (stats.status === 'completed') flush();
        callbacks.onCheckpoint?.(stats);
      },
      onRestart: (attempt, failure) => callbacks.onRestart?.(attempt, failure.reason),
      onCorruptCheckpoint: (error) => callbacks.onCorruptCheckpoint?.(error.checkpointId, error.message),
      onUnresponsive: (slot, stall) => callbacks.onUnresponsive?.(slot, stall === null ? null : { ...stall, timeoutMs: functionTimeoutOf(plan) }),
    });
  } catch (e) {
    clearInterval(timer);
    return notStarted({ status: 'failed', nodeId: null, message: e instanceof Error ? e.message : String(e), slots: [] });
  }
  const slots = () => [...job.slotReports].sort((a, b) => a.slotIndex - b.slotIndex);
  const done = job.run().then(
    (): RunOutcome => {
      flush();
      return job.status === 'canceled' ? { status: 'canceled', slots: slots() } : { status: 'finished', slots: slots() };
    },
    (e: unknown): RunOutcome => {
      flush();
      if (job.status === 'canceled') return { status: 'canceled', slots: slots() };
      return failedOutcome(e, slots());
    },
  );
  void done.finally(() => clearInterval(timer));
  return {
    cancel: () => {
      pending = [];
      job.cancel();
    },
    done,
    killSlot: (index) => job.slotKillForTests(index ?? Math.floor(Math.random() * job.slotCount)),
    chaos: (command) => job.applyChaos(command),
    takeSavepoint: async ({ stop = false } = {}) => {
      if (!storage) throw new Error('savepoints need the job\'s checkpointing block');
      const metadata = await job.triggerSavepoint();
      if (stop) {
        // What the savepoint committed is published: hand it over, then stop before anything else is.
        flush();
        job.cancel();
      }
      return savepointToText(await storage.load(metadata.id));
    },
    tap: (points, onSnapshot) => {
      try {
        const handle = job.startTap(points, { onSnapshot });
        return () => handle.stop();
      } catch {
        // The document changed since the run started: that node does not run in it.
        return () => {};
      }
    },
  };
};

