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
        <CommandButton id="run" primary icon="▶" />
        <CommandButton id="stop" icon="■" />
        <CommandButton id="killSlot" />
        <CommandButton id="savepoint" />
        <CommandButton id="stopWithSavepoint" />
        <CommandButton id="importSavepoint" ellipsis />
        <ParallelismField />
        <RunBadge />
      </div>
      <div className="toolbar-group" role="group" aria-label="Lab">
        {/* A toggle keeps one name; pressed, it shows ✕ to say a press leaves. */}
        <CommandButton id="lab" {...(inLab ? { icon: '✕' } : {})} pressed={inLab} />
        <CommandButton id="lessons" />
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <CommandButton id="undo" />
        <CommandButton id="redo" />
        <CommandButton id="autoLayout" />
      </div>
      <div className="toolbar-group" role="group" aria-label="Job">
        <CommandButton id="new" />
        <CommandButton id="newSql" />
        <CommandButton id="savedJobs" ellipsis />
        <CommandButton id="import" ellipsis />
        <CommandButton id="export" />
        <CommandButton id="exportFlink" ellipsis />
        <CommandButton id="share" />
        <CommandButton id="examples" />
      </div>
      <StatusLine />
    </header>
  );
}
