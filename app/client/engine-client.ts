/**
 * The app's only bridge to the engine: validate, plan and run a job in slot workers (Web
 * Workers). User code runs only inside those workers, never on the page's thread.
 */
import { MemoryIO, WorkerJob, browserSlotSpawner, planJob, validateJob, formatJobError } from '../../engine/index';
import type { CollectedRecord, SlotReport } from '../../engine/index';

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
