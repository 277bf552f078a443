/**
 * Runs that are not (yet) a job in slots: one that starts once something has loaded, and one that
 * ended before it began. Small and free of the engine, so the page can start a run whose runner
 * (WorkerJob, the planner, the checkpoint readers: `engine-client.ts`) loads on the first Run.
 */
import type { JobStarter, RunOutcome, RunningJob } from './engine-client';

/** The store's default starter: loads the runner on the first Run, then starts the job in Web Worker slots. */
export const startJobOnDemand: JobStarter = (doc, files, callbacks, options) =>
  startLater(
    import('./engine-client').then((m) => m.startJobInWorkers(doc, files, callbacks, options)),
    'the job runner',
  );

/** A run that starts once `starting` resolves; canceling before then means it never starts. */
export function startLater(starting: Promise<RunningJob>, what: string): RunningJob {
  let canceled = false;
  const started = starting.then(
    (job) => {
      if (canceled) job.cancel();
      return job;
    },
    (e: unknown) => notStarted({ status: 'failed', nodeId: null, message: `Could not load ${what}: ${String(e)}`, slots: [] }),
  );
  return {
    cancel: () => {
      canceled = true;
      void started.then((job) => job.cancel());
    },
    done: started.then((job) => job.done),
    killSlot: (index) => void started.then((job) => job.killSlot(index)),
    chaos: (command) => started.then((job) => (job.chaos ? job.chaos(command) : Promise.reject(new Error('the job is not running')))),
    takeSavepoint: (o) => started.then((job) => job.takeSavepoint(o)),
    tap: (points, onSnapshot) => {
      let stop: (() => void) | null = null;
      let stopped = false;
      void started.then((job) => {
        if (!stopped && job.tap) stop = job.tap(points, onSnapshot);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}

/** A run that ended before it began (the job did not validate or plan). */
export function notStarted(outcome: RunOutcome): RunningJob {
  return {
    cancel() {},
    done: Promise.resolve(outcome),
    killSlot() {},
    chaos: () => Promise.reject(new Error('the job is not running')),
    takeSavepoint: () => Promise.reject(new Error('the job is not running')),
    tap: () => () => {},
  };
}
