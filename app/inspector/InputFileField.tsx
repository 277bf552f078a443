/**
 * A file source's input in the browser: a file the user picks, kept with the workspace
 * (the job's `path` only means something to the CLI).
 */
import { useId } from 'react';
import { useApp, useAppStore } from '../store/app-store';

export function InputFileField({ nodeId, path }: { nodeId: string; path: string | undefined }) {
  const store = useAppStore();
  const id = useId();
  const byNode = useApp((s) => s.files[nodeId]);
  const byPath = useApp((s) => (path !== undefined ? s.files[path] : undefined));
  const text = byNode ?? byPath;
  return (
    <div className="field">
      <label htmlFor={id}>Input file</label>
      <input
        id={id}
        type="file"
        accept=".jsonl,.json,.csv,.txt"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void file.text().then((t) => store.getState().setFile(nodeId, t));
        }}
      />
      <p className="field-help">
        {text === undefined ? 'No input yet: pick a file for this source to read.' : `${text.split('\n').filter(Boolean).length} lines ready${byNode === undefined ? ` (from ${path})` : ''}.`}
      </p>
    </div>
  );
}
