/**
 * One timed run of a benchmark job — on the inline host, in slot workers (any SlotSpawner), or
 * as the hand-written loop — shared by the Node runner and the browser page. Browser-safe.
 *
 * The clock runs from just before the job is validated to the moment `run()` settles; for
 * workers that includes spawning the slots and loading the engine in them (reported separately
 * as the startup of an empty job). Results are counted, not kept: a collect sink that received
 * millions of records would otherwise measure the controller's memory rather than the engine.
 */
import { validateJob } from '../engine/graph/validate.js';
import type { JobDocument } from '../engine/graph/schema.js';
import type { CheckpointStats } from '../engine/checkpoint/coordinator.js';
import { runInline } from '../engine/host/inline-recovery.js';
import { type SlotSpawner, WorkerJob } from '../engine/host/worker-job.js';
import type { OperatorIO } from '../engine/operators/operator.js';
import { planJob } from '../engine/plan/plan-job.js';
import type { SlotStats, ThreadClock } from '../engine/host/slot-stats.js';
import { type RunOutput, handLoop } from './hand-loops.js';
import { type BenchParams, type JobName, jobDocument } from './jobs.js';

export type HostName = 'hand' | 'inline' | 'workers';

export interface RunSpec {
  job: JobName;
  host: HostName;
  /** 1 for hand and inline. */
  parallelism: number;
  params: BenchParams;
}

export interface RunResult extends RunOutput {
  ms: number;
  recordsPerSec: number;
  /** Checkpoints completed during the run (jobs with checkpointing). */
  checkpoints?: number;
  /** Per-thread figures (workers host): the controller's thread, the whole process, each slot. */
  threads?: ThreadFigures;
}

/** Where a run's time went, per thread (`npm run bench -- --threads` prints them); workers and inline hosts. */
export interface ThreadFigures {
  /** CPU of the thread that ran the controller (WorkerJob) — or the whole job, on the inline host — over the run; where known (Node). */
  mainCpuMs?: number;
  mainRunQueueMs?: number;
  /** CPU of the whole process over the run (every thread: main, slots, V8's GC and compiler helpers); where known. */
  processCpuMs?: number;
  /** Each slot's report, by slot index. */
  slots: SlotStats[];
}

/** What the runner's platform can tell about CPU time (Node: /proc/thread-self and process.cpuUsage). */
export interface CpuProbes {
  thread: ThreadClock;
  /** The whole process's CPU time (ms). */
  process: () => number;
}

/** An OperatorIO that counts what reaches collect sinks and sums window results' `value`. */
class CountingIO implements OperatorIO {
  results = 0;
  checksum = 0;
  readText(): string {
    throw new Error('the benchmark jobs read no files');
  }
  appendText(): void {}
  collect(_nodeId: string, _subtask: number, value: unknown): void {
    this.results++;
    const v = (value as { value?: unknown }).value;
    if (typeof v === 'number') this.checksum += v;
  }
}

/** Runs `spec` once and times it. `spawner` is required for the workers host. */
export async function runOnce(spec: RunSpec, spawner?: SlotSpawner, probes?: CpuProbes): Promise<RunResult> {
  const { job, host, parallelism, params } = spec;
  const main0 = probes?.thread() ?? null;
  const process0 = probes?.process() ?? 0;
  const t0 = performance.now();
  let threads: ThreadFigures | undefined;
  let output: RunOutput;
  if (host === 'hand') {
    output = handLoop(job, params);
  } else {
    const checked = validateJob(jobDocument(job, params));
    if (!checked.ok) throw new Error(`invalid benchmark job ${job}: ${JSON.stringify(checked.errors)}`);
    const plan = planJob(checked.job as JobDocument, { parallelism: host === 'inline' ? 1 : parallelism });
    const io = new CountingIO();
    let checkpoints = 0;
    const onCheckpoint = (stats: CheckpointStats) => {
      if (stats.status === 'completed') checkpoints++;
    };
    if (host === 'inline') {
      // The wall clock, as in the slots: periodic watermarks then fire every 200 ms during the
      // run (the virtual clock would hold them, and every window, until the source ends).
      // runInline gives a job with a checkpointing block its coordinator (in-memory storage).
      await runInline(plan, { io, clock: 'system', onCheckpoint });
      // The job ran on this thread: its CPU is the inline host's, beside the slots' figures.
      const main1 = probes?.thread() ?? null;
      if (main0 !== null && main1 !== null) threads = { mainCpuMs: main1.cpuMs - main0.cpuMs, slots: [], ...(probes ? { processCpuMs: probes.process() - process0 } : {}) };
    } else {
      if (!spawner) throw new Error('the workers host needs a slot spawner');
      const workerJob = new WorkerJob(plan, { io, spawner, onCheckpoint });
      await workerJob.run();
      const main1 = probes?.thread() ?? null;
      const slots = [...workerJob.slotReports].sort((a, b) => a.slotIndex - b.slotIndex).flatMap((r) => (r.stats ? [r.stats] : []));
      threads = { slots };
      if (main0 !== null && main1 !== null) {
        threads.mainCpuMs = main1.cpuMs - main0.cpuMs;
        if (main0.runQueueMs !== undefined && main1.runQueueMs !== undefined) threads.mainRunQueueMs = main1.runQueueMs - main0.runQueueMs;
      }
      if (probes) threads.processCpuMs = probes.process() - process0;
    }
    output = { results: io.results, checksum: io.checksum };
    if (plan.checkpointing) {
      const ms = performance.now() - t0;
      return { ...output, ms, recordsPerSec: params.records / (ms / 1000), checkpoints, ...(threads ? { threads } : {}) };
    }
  }
  const ms = performance.now() - t0;
  return { ...output, ms, recordsPerSec: params.records / (ms / 1000), ...(threads ? { threads } : {}) };
}
