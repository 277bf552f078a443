/**
 * The physical plan of a job as the runtime would deploy it, for the Execution plan tab: the
 * engine plans, the app only shows. Returns a sentence instead when the job does not plan.
 */
import { formatJobError, planJob } from '../../engine/index';
import { validateOnPage } from './job-validation';
import type { ExecutionPlan } from '../../engine/index';

export function planOf(doc: unknown): ExecutionPlan | string {
  // Planning needs no code: code still waiting for the full check does not hold the plan back.
  const checked = validateOnPage(doc).result;
  if (!checked.ok) return `The job is not valid yet: ${formatJobError(checked.errors[0]!)}`;
  try {
    return planJob(checked.job);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
