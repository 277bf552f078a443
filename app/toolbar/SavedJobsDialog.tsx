/**
 * The jobs saved in this browser, by name: open one (the job open now stays saved, and Undo
 * reopens it) or delete one that is not open.
 */
import { useCallback, useEffect, useState } from 'react';
import { formatWallClock } from '../format/time';
import { placeUnpositioned } from '../layout/place-nodes';
import { type SavedJobSummary, deleteSavedJob, listSavedJobs, loadSavedJob } from '../persist/workspace-db';
import { useApp, useAppStore } from '../store/app-store';
import { Modal } from './Modal';

export function SavedJobsDialog() {
  const store = useAppStore();
  const currentId = useApp((s) => s.jobId);
  const [jobs, setJobs] = useState<SavedJobSummary[] | null>(null);
  const [failure, setFailure] = useState('');
  const refresh = useCallback(() => {
    listSavedJobs().then(setJobs, (e: unknown) => setFailure(String(e)));
  }, []);
  useEffect(refresh, [refresh]);
  const close = () => store.getState().closeDialog();
  const open = async (entry: SavedJobSummary) => {
    const saved = await loadSavedJob(entry.jobId);
    if (!saved) return setFailure(`“${entry.name}” is no longer saved`);
    store.getState().loadJob(placeUnpositioned(saved.doc), { files: saved.files, untrustedCode: saved.untrustedCode, jobId: saved.jobId });
    store.getState().notify(`Opened “${entry.name}” (Undo reopens the previous job)`);
    close();
  };
  const remove = (entry: SavedJobSummary) => deleteSavedJob(entry.jobId).then(refresh, (e: unknown) => setFailure(String(e)));
  return (
    <Modal label="Saved jobs" onClose={close}>
      {failure && <p role="alert">Could not read the saved jobs: {failure}</p>}
      {jobs === null && !failure && <p>Loading saved jobs…</p>}
      {jobs?.length === 0 && <p className="empty-state">No job is saved in this browser yet: edit a job, or press Ctrl+S, and it is kept here.</p>}
      <ul className="examples" aria-label="Saved jobs">
        {jobs?.map((job) => {
          const current = job.jobId === currentId;
          return (
            <li key={job.jobId} aria-label={job.name}>
              <div>
                <h3>
                  {job.name}
                  {current && <span className="meta"> · open now</span>}
                </h3>
                <p className="meta">
                  {job.nodes} nodes · saved {formatWallClock(job.savedAt)}
                  {job.unreviewedCode && ' · shared code not reviewed yet'}
                </p>
              </div>
              <button type="button" aria-label={`Delete ${job.name}`} disabled={current} title={current ? 'The job open now cannot be deleted' : undefined} onClick={() => void remove(job)}>
                Delete
              </button>
              <button type="button" className="primary" aria-label={`Open ${job.name}`} disabled={current} onClick={() => void open(job)}>
                Open
              </button>
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}
