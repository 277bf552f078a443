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

export function startAutosave(store: AppStore, save: (w: SavedWorkspace) => Promise<void>, delayMs = 400): Autosave {
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
