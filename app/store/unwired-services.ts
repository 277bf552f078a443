/**
 * What a store has when its host handed in no service of a kind (a test that never runs a job,
 * steps the lab or compiles SQL): each says so when used, naming the option to hand in. The page
 * wires the browser's services in `main.tsx`; the store itself imports none of them.
 */
import type { CheckpointStorage } from '../../engine/index';
import type { JobStarter } from '../client/engine-client';
import type { LabClient, LabClientFactory } from '../client/lab-client';
import type { CheckpointEnv } from '../client/run-orchestrator';
import { notStarted } from '../client/running-job';
import type { RunJournal } from '../persist/run-journal';
import type { SqlService } from '../sql/sql-service';

const missing = (what: string, option: string) => new Error(`this store was created without ${what} (createAppStore({ ${option} }))`);

/** Every run fails at once, saying no job starter was handed in. */
export const unwiredStartJob: JobStarter = () => notStarted({ status: 'failed', nodeId: null, message: missing('a job starter', 'startJob').message, slots: [] });

/** Storage and journal that refuse every operation: a checkpointed run goes on without stored checkpoints, saying why. */
export const unwiredCheckpointEnv: CheckpointEnv = (() => {
  const refuse = () => Promise.reject(missing('checkpoint storage', 'checkpointEnv'));
  const storage: CheckpointStorage = { save: refuse, list: refuse, load: refuse, remove: refuse };
  const journal: RunJournal = { begin: refuse, commit: refuse, end: refuse, marker: refuse, commits: refuse, dropCommits: refuse };
  return { storageFor: () => storage, journal };
})();

/** A lab whose every step is refused. */
export const unwiredLabClient: LabClientFactory = (): LabClient => {
  const refuse = () => Promise.reject(missing('a lab client', 'labClient'));
  return { open: refuse, goTo: refuse, runUntil: refuse, intervene: refuse, removeIntervention: refuse, clearInterventions: refuse, close: () => {} };
};

/** SQL that is never checked or compiled. */
export const unwiredSqlService: SqlService = (() => {
  const refuse = () => Promise.reject(missing('a SQL service', 'sqlService'));
  return { check: refuse, complete: refuse, catalog: refuse, forFlink: refuse };
})();
