/**
 * From a job document to a TraceStepper: validation and planning as `runJob` does them, for
 * tests, the lab and anything else that starts from a document.
 */
import type { JobDocument } from '../graph/schema.js';
import { validateJob } from '../graph/validate.js';
import { MemoryIO } from '../host/memory-io.js';
import { planJob } from '../plan/plan-job.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { JobValidationError } from '../run-job.js';
import type { TraceStep } from './trace-recorder.js';
import { TraceStepper } from './trace-stepper.js';

/** The plan of a job document at a default parallelism; throws JobValidationError with every error. */
export function planForTrace(doc: unknown, parallelism?: number): ExecutionPlan {
  const checked = validateJob(doc);
  if (!checked.ok) throw new JobValidationError(checked.errors);
  if (parallelism !== undefined && parallelism > checked.job.maxParallelism) {
    throw new JobValidationError([
      { code: 'invalid-parallelism', field: 'parallelism', message: `parallelism ${parallelism} is above maxParallelism ${checked.job.maxParallelism} (the number of key groups)` },
    ]);
  }
  return planJob(checked.job as JobDocument, parallelism !== undefined ? { parallelism } : {});
}

/** Every step of a job from start to end, in memory (input files by path or node id). Throws a JobFailure when it fails. */
export function traceJob(doc: unknown, options: { parallelism?: number; files?: Record<string, string> } = {}): { steps: TraceStep[]; io: MemoryIO } {
  const io = new MemoryIO(options.files ?? {});
  const stepper = new TraceStepper(planForTrace(doc, options.parallelism), { io });
  const steps: TraceStep[] = [];
  for (let s = stepper.next(); s !== null; s = stepper.next()) steps.push(s);
  return { steps, io };
}
