/**
 * What the IDE opens on start: a job from a share link (its code awaiting review), else the
 * workspace saved in this browser, else the first example.
 */
import { placeUnpositioned } from '../layout/place-nodes';
import type { AppStore } from '../store/app-store';
import { codeInJob } from '../store/code-listing';
import { FIRST_EXAMPLE, type LoadedExample } from './examples';
import { jobFromHash } from './share-link';
import type { SavedWorkspace } from './workspace-db';

export interface StartSources {
  readonly hash: string;
  /** Removes the job from the address once opened (the workspace keeps it from then on). */
  clearHash(): void;
  loadSaved(): Promise<SavedWorkspace | undefined>;
  loadExample(file: string): Promise<LoadedExample>;
}

export type OpenedFrom = 'link' | 'saved' | 'example' | 'nothing';

/** Opens a share link's job if the hash holds one; returns whether it did. */
export function openFromHash(store: AppStore, hash: string): boolean {
  const shared = jobFromHash(hash);
  if (shared === null) return false;
  if (typeof shared === 'string') {
    store.getState().notify(`Could not open the shared job: ${shared}`, 'error');
    return false;
  }
  const doc = placeUnpositioned(shared);
  store.getState().loadJob(doc, { untrustedCode: codeInJob(doc) });
  store.getState().notify('Opened a shared job');
  return true;
}

export async function openInitialJob(store: AppStore, from: StartSources): Promise<OpenedFrom> {
  if (openFromHash(store, from.hash)) {
    from.clearHash();
    return 'link';
  }
  // The user may open or edit a job before the reads below finish: theirs wins.
  const start = store.getState().loadCount;
  const untouched = () => store.getState().loadCount === start && store.getState().history.past.length === 0;
  try {
    const saved = await from.loadSaved();
    if (!untouched()) return 'nothing';
    if (saved?.sql) {
      void store.getState().openSql(saved.sql, { files: saved.files, ...(saved.jobId ? { jobId: saved.jobId } : {}) });
      return 'saved';
    }
    if (saved) {
      store.getState().loadJob(placeUnpositioned(saved.doc), { files: saved.files, untrustedCode: saved.untrustedCode, ...(saved.jobId ? { jobId: saved.jobId } : {}) });
      return 'saved';
    }
  } catch (e) {
    store.getState().notify(`Could not read the saved job: ${String(e)}`, 'error');
  }
  try {
    const example = await from.loadExample(FIRST_EXAMPLE);
    if (!untouched()) return 'nothing';
    store.getState().loadJob(placeUnpositioned(example.doc), { files: example.files });
    return 'example';
  } catch (e) {
    store.getState().notify(`Could not open the first example: ${String(e)}`, 'error');
    return 'nothing';
  }
}
