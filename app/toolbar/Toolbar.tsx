/** The toolbar: run controls, the job's parallelism, history, layout, files and examples. */
import { useApp } from '../store/app-store';
import { CommandButton } from './CommandButton';
import { ParallelismField } from './ParallelismField';
import { RunBadge } from './RunBadge';
import { StatusLine } from './StatusLine';

export function Toolbar() {
  const inLab = useApp((s) => s.labStatus !== 'off');
  return (
    <header className="toolbar">
      <h1>Eddy</h1>
      <div className="toolbar-group" role="group" aria-label="Run">
        <CommandButton id="run" primary label="▶ Run" />
        <CommandButton id="stop" label="■ Stop" />
        <CommandButton id="killSlot" />
        <CommandButton id="savepoint" />
        <CommandButton id="stopWithSavepoint" />
        <CommandButton id="importSavepoint" label="Import savepoint…" />
        <ParallelismField />
        <RunBadge />
      </div>
      <div className="toolbar-group" role="group" aria-label="Lab">
        <CommandButton id="lab" label={inLab ? '✕ Leave lab' : 'Lab'} pressed={inLab} />
        <CommandButton id="lessons" />
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <CommandButton id="undo" />
        <CommandButton id="redo" />
        <CommandButton id="autoLayout" />
      </div>
      <div className="toolbar-group" role="group" aria-label="Job">
        <CommandButton id="new" />
        <CommandButton id="import" label="Import…" />
        <CommandButton id="export" label="Export" />
        <CommandButton id="share" label="Share" />
        <CommandButton id="examples" />
      </div>
      <StatusLine />
    </header>
  );
}
