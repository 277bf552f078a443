/** A button for a command: its label, its shortcut or why it is disabled as the title. */
import { memo } from 'react';
import { useCommand } from '../commands/CommandsContext';

export const CommandButton = memo(function CommandButton({ id, primary = false, label, pressed }: { id: string; primary?: boolean; label?: string; pressed?: boolean }) {
  const { command, disabledReason, title, run } = useCommand(id);
  return (
    <button type="button" className={primary ? 'primary' : undefined} aria-label={command.label} aria-pressed={pressed} title={title} disabled={disabledReason !== ''} onClick={run}>
      {label ?? command.label}
    </button>
  );
});
