/**
 * The physical plan of a job as the runtime would deploy it, for the Execution plan tab: the
 * engine plans, the app only shows. Returns a sentence instead when the job does not plan.
 */
import { formatJobError, planJob, validateJob } from '../../engine/index';
import type { ExecutionPlan } from '../../engine/index';

export function planOf(doc: unknown): ExecutionPlan | string {
  const checked = validateJob(doc);
  if (!checked.ok) return `The job is not valid yet: ${formatJobError(checked.errors[0]!)}`;
  try {
    return planJob(checked.job);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
