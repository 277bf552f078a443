/**
 * The app's only bridge to the engine's runtime: validate, plan and run a job in slot workers
 * (Web Workers), streaming results and metrics back. User code runs only inside those
 * workers, never on the page's thread.
 */
import { JobFailure, MemoryIO, WorkerJob, browserSlotSpawner, formatJobError, planJob, restoreStateFor, savepointToText, validateJob } from '../../engine/index';
import type { CheckpointStats, CheckpointStorage, CollectedRecord, SlotReport, SubtaskMetrics, decodeCheckpoint } from '../../engine/index';

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
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(checked.errors.map(formatJobError).join('\n'));
  const io = new MemoryIO(files);
  const job = new WorkerJob(planJob(checked.job, parallelism ? { parallelism } : {}), { io, spawner: browserSlotSpawner });
  await job.run();
  return { results: io.collected, slots: [...job.slotReports].sort((a, b) => a.slotIndex - b.slotIndex) };
}

/** How a run ended. A failure names the node (or `slot-<n>` for a crashed worker). */
export type RunOutcome =
  | { readonly status: 'finished'; readonly slots: readonly SlotReport[] }
  | { readonly status: 'canceled'; readonly slots: readonly SlotReport[] }
  | { readonly status: 'failed'; readonly nodeId: string | null; readonly message: string; readonly slots: readonly SlotReport[] };

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
}

/** Where checkpoints of a run go and what it starts from. */
export interface StartOptions {
  /** Checkpoint storage for jobs with a `checkpointing` block (default: memory). */
  readonly storage?: CheckpointStorage;
  /** State to start from: a decoded checkpoint of this job. */
  readonly restoreFrom?: DecodedCheckpoint;
}

/** A job running in slot workers. */
export interface RunningJob {
  /** Terminates every slot worker; `done` then resolves as canceled. */
  cancel(): void;
  readonly done: Promise<RunOutcome>;
  /** Fault injection: kills slot worker `index` (any when omitted) as a crash. */
  killSlot(index?: number): void;
  /** Takes a savepoint of the running job; resolves with its eddy/savepoint@1 file text. */
  takeSavepoint(): Promise<string>;
}

/** Starts jobs; the store takes one, so tests can hand in another. */
export type JobStarter = (doc: unknown, files: Readonly<Record<string, string>>, callbacks: RunCallbacks, options?: StartOptions) => RunningJob;

/** How often results are handed to the page while a job runs (ms). */
const RESULT_FLUSH_MS = 100;
const METRICS_INTERVAL_MS = 250;

/**
 * Validates, plans at the job's own parallelism and starts a job in Web Worker slots. Results
 * reach `onResults` in batches (never one call per record); the last batch comes before `done`.
 */
export const startJobInWorkers: JobStarter = (doc, files, callbacks, options = {}) => {
  const checked = validateJob(doc);
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
  const io = new MemoryIO({ ...files }, (record) => pending.push(record));
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
      ...(options.restoreFrom ? { restore: restoreStateFor(plan, options.restoreFrom) } : {}),
      onCheckpoint: (stats) => {
        // The results this checkpoint committed were just published: hand them over first.
        if (stats.status === 'completed') flush();
        callbacks.onCheckpoint?.(stats);
      },
      onRestart: (attempt, failure) => callbacks.onRestart?.(attempt, failure.reason),
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
      if (e instanceof JobFailure) return { status: 'failed', nodeId: e.nodeId, message: e.reason, slots: slots() };
      return { status: 'failed', nodeId: null, message: e instanceof Error ? e.message : String(e), slots: slots() };
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
    takeSavepoint: async () => {
      if (!storage) throw new Error('savepoints need the job\'s checkpointing block');
      const metadata = await job.triggerSavepoint();
      return savepointToText(await storage.load(metadata.id));
    },
  };
};

/** A run that ended before it began (the job did not validate or plan). */
function notStarted(outcome: RunOutcome): RunningJob {
  return {
    cancel() {},
    done: Promise.resolve(outcome),
    killSlot() {},
    takeSavepoint: () => Promise.reject(new Error('the job is not running')),
  };
}
