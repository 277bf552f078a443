/**
 * Entry: one store for the page, wired to the browser's services (jobs in Web Worker slots,
 * checkpoints and the run journal in IndexedDB, the lab's and SQL's workers), the IDE on it, then
 * the job to start with (share link, saved workspace or first example). Autosave starts only
 * after that, so an empty start never overwrites the saved job.
 */
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startTypeWarnings } from './code/type-warnings';
import { lessonIdFromHash } from './lessons/lesson-link';
import { type Autosave, startAutosave, workspaceOf } from './persist/autosave';
import { loadExample } from './persist/examples';
import { openFromHash, openInitialJob } from './persist/open-initial-job';
import { deleteSavedJob, loadWorkspace, saveWorkspace } from './persist/workspace-db';
import { IndexedDbCheckpointStorage } from '../engine/index';
import { workerLabClient } from './client/lab-client';
import { workerOutputComparer } from './client/output-comparer';
import { startJobOnDemand } from './client/running-job';
import { createIndexedDbRunJournal } from './persist/run-journal';
import { workerSqlService } from './sql/sql-service';
import { createAppStore } from './store/app-store';
import './app.css';

const store = createAppStore({
  startJob: startJobOnDemand,
  // One database per job id; each is opened when first used.
  checkpointEnv: { storageFor: (jobId) => new IndexedDbCheckpointStorage(jobId), journal: createIndexedDbRunJournal() },
  labClient: workerLabClient,
  sqlService: workerSqlService,
  outputComparer: workerOutputComparer(),
});
let autosave: Autosave | null = null;
const saveNow = () => (autosave ? autosave.saveNow() : saveWorkspace(workspaceOf(store.getState())));
const clearHash = () => history.replaceState(null, '', location.pathname + location.search);
/** Lessons load on demand, when a link names one. */
const openLessonById = (id: string) => import('./lessons/lesson-files').then((m) => m.openLessonById(store, id));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} saveNow={saveNow} />
  </StrictMode>,
);

/** A lesson's link (`#lesson=<id>`) opens that lesson; anything else as `openInitialJob` says. */
async function openFirst(): Promise<boolean> {
  const lesson = lessonIdFromHash(location.hash);
  if (lesson !== null) {
    const opened = await openLessonById(lesson);
    clearHash();
    if (opened) return true;
  }
  return (await openInitialJob(store, { hash: location.hash, clearHash, loadSaved: loadWorkspace, loadExample })) === 'link';
}

void openFirst().then(start, () => start(false));

function start(saveAtOnce: boolean) {
  autosave = startAutosave(store, saveWorkspace, undefined, deleteSavedJob);
  // TypeScript's errors in the job's code, checked in a worker of their own.
  startTypeWarnings(store);
  // The link left the address bar: the workspace keeps the job from now on.
  if (saveAtOnce) void autosave.saveNow();
  // A run that may be resumed after a reload needs its job (and job id) saved first.
  store.subscribe((s, prev) => {
    if (s.runStatus === 'running' && prev.runStatus !== 'running' && prev.runStatus !== 'restarting') void autosave?.saveNow();
  });
  // A checkpointed run this job left unfinished (the tab closed or reloaded) can resume.
  store.getState().checkResume().catch((e: unknown) => store.getState().notify(`Could not look for an unfinished run: ${String(e)}`, 'error'));
}

// A share link pasted into this tab's address bar opens without a reload.
window.addEventListener('hashchange', () => {
  if (openFromHash(store, location.hash)) clearHash();
  const lesson = lessonIdFromHash(location.hash);
  if (lesson !== null) void openLessonById(lesson).then((opened) => opened && clearHash());
});
