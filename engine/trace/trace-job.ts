/**
 * From a job document to a trace: validation and planning as `runJob` does them, for the lab,
 * tests and anything else that starts from a document.
 */
import { type CheckpointState, restoreStateFor } from '../checkpoint/restore.js';
import type { JobDocument } from '../graph/schema.js';
import { validateJob } from '../graph/validate.js';
import { type MemoryFetchOptions, MemoryIO } from '../host/memory-io.js';
import { planJob } from '../plan/plan-job.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { JobValidationError } from '../run-job.js';
import { JobErrorCode } from '../graph/error-codes.js';
import type { TraceStep } from './trace-recorder.js';
import { TraceSession } from './trace-session.js';
import { TraceStepper } from './trace-stepper.js';

/** The plan of a job document at a default parallelism; throws JobValidationError with every error. */
export function planForTrace(doc: unknown, parallelism?: number): ExecutionPlan {
  const checked = validateJob(doc);
  if (!checked.ok) throw new JobValidationError(checked.errors);
  if (parallelism !== undefined && parallelism > checked.job.maxParallelism) {
    throw new JobValidationError([
      { code: JobErrorCode.InvalidParallelism, field: 'parallelism', message: `parallelism ${parallelism} is above maxParallelism ${checked.job.maxParallelism} (the number of key groups)` },
    ]);
  }
  const live = checked.job.nodes.filter((n) => LIVE_KINDS.has(n.kind));
  if (live.length > 0) {
    throw new JobValidationError(
      live.map((n) => ({
        code: JobErrorCode.NotTraceable,
        nodeId: n.id,
        field: 'kind',
        message: `a ${n.kind} node talks to a server while the job runs, which stepping cannot replay; run the job instead, or record its input into a source.collection to step it`,
      })),
    );
  }
  return planJob(checked.job as JobDocument, parallelism !== undefined ? { parallelism } : {});
}

/** Kinds that talk to a server: their input is not the same on a replay, so they cannot be stepped. */
const LIVE_KINDS: ReadonlySet<string> = new Set(['source.websocket', 'sink.websocket', 'source.sse']);

/** Options of `traceJob`: the default parallelism, input files by path or node id, and where `ctx.fetch` reads (default: the files). */
export interface TraceJobOptions extends MemoryFetchOptions {
  parallelism?: number;
  files?: Record<string, string>;
}

/**
 * Every step of a job from start to end, in memory. Throws a JobFailure when it fails. A job
 * whose steps wait for async calls (asyncMap) needs `traceJobAsync`: this throws when one would.
 */
export function traceJob(doc: unknown, options: TraceJobOptions = {}): { steps: TraceStep[]; io: MemoryIO } {
  const { stepper, io } = stepperFor(doc, options);
  const steps: TraceStep[] = [];
  for (let s = stepper.next(); s !== null; s = stepper.next()) steps.push(s);
  if (stepper.awaiting !== null) throw new Error('the next step is an async call still in flight: trace this job with traceJobAsync');
  return { steps, io };
}

/** Every step of a job from start to end, in memory, waiting for its async calls' answers (see traceJob). */
export async function traceJobAsync(doc: unknown, options: TraceJobOptions = {}): Promise<{ steps: TraceStep[]; io: MemoryIO }> {
  const { stepper, io } = stepperFor(doc, options);
  const steps: TraceStep[] = [];
  for (let s = await stepper.nextAsync(); s !== null; s = await stepper.nextAsync()) steps.push(s);
  return { steps, io };
}

function stepperFor(doc: unknown, options: TraceJobOptions): { stepper: TraceStepper; io: MemoryIO } {
  const io = new MemoryIO(options.files ?? {}, undefined, fetchOptions(options));
  return { stepper: new TraceStepper(planForTrace(doc, options.parallelism), { io }), io };
}

function fetchOptions(o: MemoryFetchOptions): MemoryFetchOptions {
  return { ...(o.fetch !== undefined ? { fetch: o.fetch } : {}), ...(o.fetchBase !== undefined ? { fetchBase: o.fetchBase } : {}) };
}

export interface TraceDocumentOptions extends MemoryFetchOptions {
  /** Default parallelism (nodes with their own keep it). */
  parallelism?: number;
  /** Input files by path or node id. */
  files?: Record<string, string>;
  /** Steps between the snapshots a step back restores from (default 128). */
  snapshotEvery?: number;
  /** With the job's `checkpointing`: also start a checkpoint this many steps after the last one completed. */
  checkpointEverySteps?: number;
  /**
   * A checkpoint to start from, restored as `eddy run --from-savepoint` restores it (at the trace's
   * parallelism; state of a node the job lacks is an error unless `allowNonRestoredState`).
   */
  restoreFrom?: CheckpointState;
  allowNonRestoredState?: boolean;
  /** Start of virtual time (ms): a restored checkpoint's completion time, so its processing-time timers and TTLs are due as after a restore. */
  startTime?: number;
}

/**
 * A TraceSession over a job document, its output kept in memory: `io.collected` gets each
 * sink record once, when a step first produces it, whatever moves back and forth come between.
 * Throws JobValidationError with every error of an invalid document.
 */
export function createTraceSession(doc: unknown, options: TraceDocumentOptions = {}): { session: TraceSession; io: MemoryIO; plan: ExecutionPlan } {
  const io = new MemoryIO(options.files ?? {}, undefined, fetchOptions(options));
  const plan = planForTrace(doc, options.parallelism);
  const session = new TraceSession(plan, {
    io,
    ...(options.restoreFrom !== undefined ? { restore: restoreStateFor(plan, options.restoreFrom, options.allowNonRestoredState === true) } : {}),
    ...(options.startTime !== undefined ? { startTime: options.startTime } : {}),
    ...(options.snapshotEvery !== undefined ? { snapshotEvery: options.snapshotEvery } : {}),
    ...(options.checkpointEverySteps !== undefined ? { checkpointEverySteps: options.checkpointEverySteps } : {}),
  });
  return { session, io, plan };
}
