/**
 * Saves the workspace shortly after each change of the job, its SQL script, its files or its trust state, and
 * on demand (⌘/Ctrl+S). Saves run one at a time, in order, so an older save never lands last.
 */
import type { AppState, AppStore } from '../store/app-store';
import type { SavedWorkspace } from './workspace-db';

export interface Autosave {
  /** Saves now; resolves when the write is done. */
  saveNow(): Promise<void>;
  stop(): void;
}

export function workspaceOf(s: AppState): SavedWorkspace {
  return { doc: s.doc, files: s.files, untrustedCode: s.untrustedCode, savedAt: Date.now(), jobId: s.jobId, sql: s.sql };
}

/**
 * `forget` deletes a saved job: a shared job declined before its code ran is not kept among the
 * saved jobs (it was saved when it opened, so a reload could still offer it).
 */
export function startAutosave(store: AppStore, save: (w: SavedWorkspace) => Promise<void>, delayMs = 400, forget?: (jobId: string) => Promise<void>): Autosave {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();
  const saveNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const snapshot = workspaceOf(store.getState());
    chain = chain.then(() => save(snapshot)).catch((e: unknown) => store.getState().notify(`Could not save the job in this browser: ${String(e)}`, 'error'));
    return chain;
  };
  const unsubscribe = store.subscribe((s, prev) => {
    const declined = s.declinedJobId;
    // After any save of it still in the chain, so none lands after the delete.
    if (forget && declined !== null && declined !== prev.declinedJobId) chain = chain.then(() => forget(declined)).catch((e: unknown) => store.getState().notify(`Could not forget the declined job: ${String(e)}`, 'error'));
    if (s.doc === prev.doc && s.files === prev.files && s.untrustedCode === prev.untrustedCode && s.jobId === prev.jobId && s.sql === prev.sql) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void saveNow(), delayMs);
  });
  return {
    saveNow,
    stop: () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}
