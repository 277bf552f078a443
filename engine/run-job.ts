/**
 * Validate, plan and run a job to its end on the inline host, in memory. The shortest path
 * from a job document to its results: tests, examples and the lab use it.
 */
import type { Job } from './host/job.js';
import { type JobError, JobFailure, formatJobError } from './graph/errors.js';
import type { JobDocument } from './graph/schema.js';
import { validateJob } from './graph/validate.js';
import { InlineJob } from './host/inline-host.js';
import { type CollectedRecord, MemoryIO } from './host/memory-io.js';
import { planJob } from './plan/plan-job.js';
import type { JobFetch } from './host/job-fetch.js';
import { type SlotSpawner, WorkerJob } from './host/worker-job.js';

export interface RunJobOptions {
  /** Default parallelism (nodes with their own keep it). */
  parallelism?: number;
  /** Processing time: the wall clock, or virtual time that jumps ahead when the job waits. Default virtual. */
  clock?: 'system' | 'virtual';
  /** Input files by path or node id. */
  files?: Record<string, string>;
  batchSize?: number;
  /** `ctx.fetch` of async functions; default: relative URLs read `files` (see host/job-fetch). */
  fetch?: JobFetch;
  /** Run in slot workers spawned by this (Node worker threads, Web Workers); default: inline. */
  spawner?: SlotSpawner;
}

export interface JobResult {
  /** Records that reached collect sinks, in arrival order. */
  readonly results: readonly CollectedRecord[];
  /** Text written by file sinks, by path. */
  readonly files: Readonly<Record<string, string>>;
}

/** Thrown for a job that does not validate; carries every error. */
export class JobValidationError extends Error {
  constructor(readonly errors: readonly JobError[]) {
    super(`invalid job:\n${errors.map((e) => '  ' + formatJobError(e)).join('\n')}`);
    this.name = 'JobValidationError';
  }
}

export async function runJob(doc: unknown, options: RunJobOptions = {}): Promise<JobResult> {
  const checked = validateJob(doc);
  if (!checked.ok) throw new JobValidationError(checked.errors);
  if (options.parallelism !== undefined && options.parallelism > checked.job.maxParallelism) {
    throw new JobValidationError([
      { code: 'invalid-parallelism', field: 'parallelism', message: `parallelism ${options.parallelism} is above maxParallelism ${checked.job.maxParallelism} (the number of key groups)` },
    ]);
  }
  const plan = planJob(checked.job as JobDocument, options.parallelism !== undefined ? { parallelism: options.parallelism } : {});
  const io = new MemoryIO(options.files ?? {}, undefined, options.fetch ? { fetch: options.fetch } : {});
  const batch = options.batchSize ? { batchSize: options.batchSize } : {};
  const job: Job = options.spawner
    ? new WorkerJob(plan, { io, spawner: options.spawner, ...batch })
    : new InlineJob(plan, { io, clock: options.clock ?? 'virtual', ...batch });
  await job.run();
  return { results: io.collected, files: io.written };
}

export { JobFailure };
