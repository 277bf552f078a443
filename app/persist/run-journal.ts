/**
 * What outlives the tab for a checkpointed run, in IndexedDB (`eddy-runs`): a marker while a
 * run is in progress (so a reopened page can offer to resume it), and the results each
 * completed checkpoint committed. Results of checkpoint n are written in one transaction, so a
 * commit record of n exists only with all of n's results: a resume starts from the newest
 * checkpoint with a commit record and keeps exactly the results up to it.
 */
import { type DBSchema, openDB } from 'idb';
import type { CollectedRecord } from '../../engine/index';

export interface RunMarker {
  readonly jobId: string;
  readonly startedAt: number;
}

export interface CommitRecord {
  readonly jobId: string;
  readonly checkpointId: number;
  readonly records: readonly CollectedRecord[];
}

/** The journal's operations; the browser's lives in IndexedDB, tests can use memory. */
export interface RunJournal {
  begin(jobId: string): Promise<void>;
  /** Results committed by checkpoint `checkpointId` (since the previous commit). */
  commit(record: CommitRecord): Promise<void>;
  /** The run ended (finished, failed or stopped): nothing to resume. */
  end(jobId: string): Promise<void>;
  marker(jobId: string): Promise<RunMarker | undefined>;
  /** Commit records of a job, oldest first. */
  commits(jobId: string): Promise<CommitRecord[]>;
  /** Forgets commit records after checkpoint `afterId` (all of them with -1). */
  dropCommits(jobId: string, afterId: number): Promise<void>;
}

interface RunsDB extends DBSchema {
  runs: { key: string; value: RunMarker };
  commits: { key: [string, number]; value: CommitRecord; indexes: { job: string } };
}

function db() {
  return openDB<RunsDB>('eddy-runs', 1, {
    upgrade(database) {
      database.createObjectStore('runs', { keyPath: 'jobId' });
      database.createObjectStore('commits', { keyPath: ['jobId', 'checkpointId'] }).createIndex('job', 'jobId');
    },
  });
}

/** The run journal in this browser's IndexedDB. */
export function createIndexedDbRunJournal(): RunJournal {
  let opened: ReturnType<typeof db> | null = null;
  const open = () => (opened ??= db());
  return {
    begin: async (jobId) => void (await (await open()).put('runs', { jobId, startedAt: Date.now() })),
    commit: async (record) => void (await (await open()).put('commits', record)),
    end: async (jobId) => void (await (await open()).delete('runs', jobId)),
    marker: async (jobId) => (await open()).get('runs', jobId),
    commits: async (jobId) => ((await (await open()).getAllFromIndex('commits', 'job', jobId)) as CommitRecord[]).sort((a, b) => a.checkpointId - b.checkpointId),
    dropCommits: async (jobId, afterId) => {
      const d = await open();
      const tx = d.transaction('commits', 'readwrite');
      for (const key of await tx.store.index('job').getAllKeys(jobId)) if (key[1] > afterId) void tx.store.delete(key);
      await tx.done;
    },
  };
}

/** A journal in memory (tests). */
export function createMemoryRunJournal(): RunJournal {
  const runs = new Map<string, RunMarker>();
  const commits = new Map<string, CommitRecord>();
  const ofJob = (jobId: string) => [...commits.values()].filter((c) => c.jobId === jobId).sort((a, b) => a.checkpointId - b.checkpointId);
  return {
    begin: async (jobId) => void runs.set(jobId, { jobId, startedAt: Date.now() }),
    commit: async (record) => void commits.set(`${record.jobId}#${record.checkpointId}`, record),
    end: async (jobId) => void runs.delete(jobId),
    marker: async (jobId) => runs.get(jobId),
    commits: async (jobId) => ofJob(jobId),
    dropCommits: async (jobId, afterId) => {
      for (const c of ofJob(jobId)) if (c.checkpointId > afterId) commits.delete(`${jobId}#${c.checkpointId}`);
    },
  };
}
