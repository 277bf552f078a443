/**
 * The jobs saved in this browser (IndexedDB): every job the user opened or built (or the SQL script
 * it is compiled from), by its id, with its input files and whether its shared code still awaits acceptance. Opening a job from
 * elsewhere (a share link, an example, a file) adds one; nothing overwrites another job.
 *
 * Which job a tab shows is the tab's own (sessionStorage): a reload reopens it even when another
 * tab saved a different job since; a new tab opens the job saved last.
 */
import type { InputFile } from '../client/input-files';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { CodeListing } from '../store/code-listing';
import type { EditableJob } from '../store/job-types';
import type { SqlScript } from '../store/sql-slice';

export interface SavedWorkspace {
  readonly doc: EditableJob;
  /** Input files: texts, and uploads kept as the files themselves (IndexedDB stores Blobs). */
  readonly files: Readonly<Record<string, InputFile>>;
  readonly untrustedCode: readonly CodeListing[] | null;
  readonly savedAt: number;
  /** The job's stable id (absent in workspaces saved before ids existed). */
  readonly jobId?: string;
  /** The SQL script the job is compiled from (absent or null for a visual job). */
  readonly sql?: SqlScript | null;
}

/** A saved job: a workspace with its id. */
export interface SavedJob extends SavedWorkspace {
  readonly jobId: string;
}

/** What the saved-jobs list shows of a job, without its files. */
export interface SavedJobSummary {
  readonly jobId: string;
  readonly name: string;
  readonly nodes: number;
  readonly savedAt: number;
  readonly unreviewedCode: boolean;
}

interface EddyDB extends DBSchema {
  /** Version 1's single workspace (key `current`); moved into `jobs` on upgrade. */
  workspace: { key: string; value: SavedWorkspace };
  jobs: { key: string; value: SavedJob; indexes: { savedAt: number } };
}

const TAB_KEY = 'eddy.tabJob';

function db(): Promise<IDBPDatabase<EddyDB>> {
  return openDB<EddyDB>('eddy', 2, {
    async upgrade(database, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) database.createObjectStore('workspace');
      const jobs = database.createObjectStore('jobs', { keyPath: 'jobId' });
      jobs.createIndex('savedAt', 'savedAt');
      if (oldVersion >= 1) {
        const old = await tx.objectStore('workspace').get('current');
        if (old) await tx.objectStore('jobs').put({ ...old, jobId: old.jobId ?? globalThis.crypto.randomUUID() });
      }
    },
  });
}

async function withDb<T>(f: (d: IDBPDatabase<EddyDB>) => Promise<T>): Promise<T> {
  const d = await db();
  try {
    return await f(d);
  } finally {
    d.close();
  }
}

/** The job this tab showed last (kept across reloads of the tab only). */
function tabJobId(): string | null {
  try {
    return sessionStorage.getItem(TAB_KEY);
  } catch {
    return null;
  }
}

function rememberTabJob(jobId: string): void {
  try {
    sessionStorage.setItem(TAB_KEY, jobId);
  } catch {
    // Storage refused (private mode): a reload then opens the job saved last.
  }
}

/** The job to reopen: this tab's, else the one saved last. */
export function loadWorkspace(): Promise<SavedJob | undefined> {
  return withDb(async (d) => {
    const mine = tabJobId();
    const own = mine ? await d.get('jobs', mine) : undefined;
    if (own) return own;
    const cursor = await d.transaction('jobs').store.index('savedAt').openCursor(null, 'prev');
    return cursor?.value;
  });
}

/** Saves the job under its id; a workspace without an id gets one (it is then a job of its own). */
export async function saveWorkspace(workspace: SavedWorkspace): Promise<void> {
  const job: SavedJob = { ...workspace, jobId: workspace.jobId ?? globalThis.crypto.randomUUID() };
  await withDb((d) => d.put('jobs', job));
  rememberTabJob(job.jobId);
}

export function loadSavedJob(jobId: string): Promise<SavedJob | undefined> {
  return withDb((d) => d.get('jobs', jobId));
}

export function deleteSavedJob(jobId: string): Promise<void> {
  return withDb((d) => d.delete('jobs', jobId));
}

/** Every saved job, the one saved last first. */
export function listSavedJobs(): Promise<SavedJobSummary[]> {
  return withDb(async (d) => {
    const all = await d.getAllFromIndex('jobs', 'savedAt');
    return all.reverse().map((j) => ({
      jobId: j.jobId,
      name: j.doc.name?.trim() || 'Untitled job',
      nodes: j.doc.nodes.length,
      savedAt: j.savedAt,
      unreviewedCode: j.untrustedCode !== null && j.untrustedCode.length > 0,
    }));
  });
}
