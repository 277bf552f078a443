/**
 * The toolbar, one row at 1280 px: the Job menu (new, saved, import, export, share, examples),
 * history and layout, the run controls (Run, Stop, the job's parallelism, the run's state), the
 * Checkpoints menu (fault injection and savepoints), the lab, and the status line. Every control
 * runs a command; its shortcut is in its tooltip.
 */
import { useApp } from '../store/app-store';
import { CommandButton } from './CommandButton';
import { CommandMenu, type MenuEntry } from './CommandMenu';
import { ParallelismField } from './ParallelismField';
import { RunBadge } from './RunBadge';
import { StatusLine } from './StatusLine';

/** The Job menu: what opens, saves and shares whole jobs. */
export const JOB_MENU: readonly MenuEntry[] = [
  { id: 'new' },
  { id: 'newSql' },
  { id: 'savedJobs', ellipsis: true },
  { id: 'import', ellipsis: true },
  { id: 'export' },
  { id: 'exportFlink', ellipsis: true },
  { id: 'share' },
  { id: 'examples', ellipsis: true },
];

/** The Checkpoints menu: fault injection and savepoints of the running job. */
export const CHECKPOINTS_MENU: readonly MenuEntry[] = [{ id: 'killSlot' }, { id: 'savepoint' }, { id: 'stopWithSavepoint' }, { id: 'importSavepoint', ellipsis: true }];

export function Toolbar() {
  const inLab = useApp((s) => s.labStatus !== 'off');
  return (
    <header className="toolbar">
      <h1>Eddy</h1>
      <div className="toolbar-group" role="group" aria-label="Job">
        <CommandMenu label="Job" entries={JOB_MENU} />
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <CommandButton id="undo" />
        <CommandButton id="redo" />
        <CommandButton id="autoLayout" />
      </div>
      <div className="toolbar-group" role="group" aria-label="Run">
        <CommandButton id="run" primary icon="▶" />
        <CommandButton id="stop" icon="■" />
        <ParallelismField />
        <RunBadge />
        <CommandMenu label="Checkpoints" entries={CHECKPOINTS_MENU} />
      </div>
      <div className="toolbar-group" role="group" aria-label="Lab">
        {/* A toggle keeps one name; pressed, it shows ✕ to say a press leaves. */}
        <CommandButton id="lab" {...(inLab ? { icon: '✕' } : {})} pressed={inLab} />
        <CommandButton id="lessons" />
      </div>
      <StatusLine />
    </header>
  );
}
