/**
 * "Import savepoint": pick an `eddy/savepoint@1` file (from "Take savepoint", "Stop with
 * savepoint" or the CLI's `--savepoint`) and run the current job from its state, at the job's
 * current parallelism (keyed state and source positions are redistributed on restore).
 */
import { useId, useState } from 'react';
import { type SavepointFile, readSavepointFile } from '../client/engine-client';
import { useApp, useAppStore } from '../store/app-store';
import { Modal } from './Modal';

type Picked = { readonly name: string; readonly savepoint: SavepointFile } | { readonly name: string; readonly error: string };

/** "a=2, b=1": a savepoint's parallelism per node, in a line. */
function parallelismLine(p: Readonly<Record<string, number>>): string {
  const values = new Set(Object.values(p));
  if (values.size === 1) return String([...values][0]);
  return Object.entries(p)
    .map(([node, n]) => `${node}=${n}`)
    .join(', ');
}

export function SavepointDialog() {
  const store = useAppStore();
  const fileId = useId();
  const allowId = useId();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [allowNonRestored, setAllowNonRestored] = useState(false);
  const parallelism = useApp((s) => s.doc.parallelism ?? 1);
  const nodes = useApp((s) => s.doc.nodes);
  const blocker = useApp((s) => s.runBlocker());
  const close = () => store.getState().closeDialog();

  const onFile = (file: File | undefined) => {
    if (!file) return setPicked(null);
    void file.text().then(
      (text) => {
        try {
          setPicked({ name: file.name, savepoint: readSavepointFile(text) });
        } catch (e) {
          setPicked({ name: file.name, error: e instanceof Error ? e.message : String(e) });
        }
      },
      (e: unknown) => setPicked({ name: file.name, error: `could not read the file: ${String(e)}` }),
    );
  };

  const savepoint = picked && 'savepoint' in picked ? picked.savepoint : null;
  const ids = new Set(nodes.map((n) => n.id));
  const orphans = savepoint ? Object.keys(savepoint.state.byNode).filter((id) => !ids.has(id)) : [];
  const run = () => {
    if (!savepoint) return;
    store.getState().runJob({ savepoint: { id: savepoint.id, state: savepoint.state, allowNonRestoredState: allowNonRestored } });
    close();
  };
  return (
    <Modal label="Import savepoint" onClose={close}>
      <p>Runs this job from a savepoint file's state, at the job's current parallelism ({parallelism}). The new run produces what follows the savepoint.</p>
      <div className="field">
        <label htmlFor={fileId}>Savepoint file</label>
        <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => onFile(e.target.files?.[0])} />
      </div>
      {picked && 'error' in picked && (
        <p className="field-problem" role="alert">
          Could not read {picked.name}: {picked.error}
        </p>
      )}
      {savepoint && (
        <p className="meta" data-testid="savepoint-summary">
          {savepoint.kind === 'savepoint' ? 'Savepoint' : 'Checkpoint'} {savepoint.id}
          {savepoint.jobName ? ` of “${savepoint.jobName}”` : ''}, taken at parallelism {parallelismLine(savepoint.parallelism)}
          {Object.values(savepoint.parallelism).some((p) => p !== parallelism) ? `; its state is redistributed to parallelism ${parallelism}` : ''}.
        </p>
      )}
      {orphans.length > 0 && (
        <p className={allowNonRestored ? 'meta' : 'field-problem'}>
          It holds state of node{orphans.length === 1 ? '' : 's'} this job lacks: {orphans.join(', ')}.{' '}
          {allowNonRestored ? 'That state is dropped.' : 'Allow non-restored state to drop it.'}
        </p>
      )}
      <div className="field checkbox">
        <input id={allowId} type="checkbox" checked={allowNonRestored} onChange={(e) => setAllowNonRestored(e.target.checked)} />
        <label htmlFor={allowId}>Allow non-restored state</label>
        <p className="field-help">Start even when the savepoint holds state of nodes that are no longer in the job (Flink's --allowNonRestoredState).</p>
      </div>
      <div className="modal-actions">
        <button type="button" className="primary" disabled={!savepoint || blocker !== null} title={blocker ?? undefined} onClick={run}>
          Run from savepoint
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
