/**
 * The app's only bridge to the engine's runtime: validate, plan and run a job in slot workers
 * (Web Workers), streaming results and metrics back. User code runs only inside those
 * workers, never on the page's thread.
 */
import { JobFailure, MemoryIO, WorkerJob, browserSlotSpawner, formatJobError, planJob, validateJob } from '../../engine/index';
import type { CollectedRecord, SlotReport, SubtaskMetrics } from '../../engine/index';

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
}

/** A job running in slot workers. */
export interface RunningJob {
  /** Terminates every slot worker; `done` then resolves as canceled. */
  cancel(): void;
  readonly done: Promise<RunOutcome>;
}

/** Starts jobs; the store takes one, so tests can hand in another. */
export type JobStarter = (doc: unknown, files: Readonly<Record<string, string>>, callbacks: RunCallbacks) => RunningJob;

/** How often results are handed to the page while a job runs (ms). */
const RESULT_FLUSH_MS = 100;
const METRICS_INTERVAL_MS = 250;

/**
 * Validates, plans at the job's own parallelism and starts a job in Web Worker slots. Results
 * reach `onResults` in batches (never one call per record); the last batch comes before `done`.
 */
export const startJobInWorkers: JobStarter = (doc, files, callbacks) => {
  const checked = validateJob(doc);
  if (!checked.ok) {
    const first = checked.errors[0]!;
    return { cancel() {}, done: Promise.resolve({ status: 'failed', nodeId: first.nodeId ?? null, message: checked.errors.map(formatJobError).join('\n'), slots: [] }) };
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
  try {
    job = new WorkerJob(planJob(checked.job), {
      io,
      spawner: browserSlotSpawner,
      metricsIntervalMs: METRICS_INTERVAL_MS,
      onMetrics: (samples) => callbacks.onMetrics(samples),
    });
  } catch (e) {
    clearInterval(timer);
    return { cancel() {}, done: Promise.resolve({ status: 'failed', nodeId: null, message: e instanceof Error ? e.message : String(e), slots: [] }) };
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
  };
};
