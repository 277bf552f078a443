/**
 * The workspace kept in IndexedDB: the job being edited (or the SQL script it is compiled from),
 * its input files and whether its shared code still awaits acceptance, so a reload reopens exactly where the user was.
 */
import { type DBSchema, openDB } from 'idb';
import type { CodeListing } from '../store/code-listing';
import type { EditableJob } from '../store/job-types';
import type { SqlScript } from '../store/sql-slice';

export interface SavedWorkspace {
  readonly doc: EditableJob;
  readonly files: Readonly<Record<string, string>>;
  readonly untrustedCode: readonly CodeListing[] | null;
  readonly savedAt: number;
  /** The job's stable id (absent in workspaces saved before ids existed). */
  readonly jobId?: string;
  /** The SQL script the job is compiled from (absent or null for a visual job). */
  readonly sql?: SqlScript | null;
}

interface EddyDB extends DBSchema {
  workspace: { key: string; value: SavedWorkspace };
}

const CURRENT = 'current';

function db() {
  return openDB<EddyDB>('eddy', 1, {
    upgrade(database) {
      database.createObjectStore('workspace');
    },
  });
}

export async function loadWorkspace(): Promise<SavedWorkspace | undefined> {
  const d = await db();
  try {
    return await d.get('workspace', CURRENT);
  } finally {
    d.close();
  }
}

export async function saveWorkspace(workspace: SavedWorkspace): Promise<void> {
  const d = await db();
  try {
    await d.put('workspace', workspace, CURRENT);
  } finally {
    d.close();
  }
}
