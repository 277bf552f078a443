/**
 * A file source's input in the browser: a file the user picks, kept with the workspace
 * (the job's `path` only means something to the CLI). Only its first lines are read here; a run
 * reads the rest slice by slice, so a file of hundreds of MB never becomes one string.
 */
import { useId } from 'react';
import { inputReady, readUpload } from '../client/input-files';
import { useApp, useAppStore } from '../store/app-store';

export function InputFileField({ nodeId, path }: { nodeId: string; path: string | undefined }) {
  const store = useAppStore();
  const id = useId();
  const byNode = useApp((s) => s.files[nodeId]);
  const byPath = useApp((s) => (path !== undefined ? s.files[path] : undefined));
  const input = byNode ?? byPath;
  return (
    <div className="field">
      <label htmlFor={id}>Input file</label>
      <input
        id={id}
        type="file"
        accept=".jsonl,.json,.csv,.txt"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file)
            readUpload(file).then(
              (upload) => store.getState().setFile(nodeId, upload),
              (e: unknown) => store.getState().notify(`Could not read ${file.name}: ${String(e)}`, 'error'),
            );
        }}
      />
      <p className="field-help">
        {input === undefined ? 'No input yet: pick a file for this source to read.' : `${inputReady(input)}${byNode === undefined ? ` (from ${path})` : ''}.`}
      </p>
    </div>
  );
}
