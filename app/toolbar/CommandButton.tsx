/** A button for a command: its label, its shortcut or why it is disabled as the title. */
import { memo } from 'react';
import { useCommand } from '../commands/CommandsContext';

export const CommandButton = memo(function CommandButton({ id, primary = false, label }: { id: string; primary?: boolean; label?: string }) {
  const { command, disabledReason, title, run } = useCommand(id);
  return (
    <button type="button" className={primary ? 'primary' : undefined} aria-label={command.label} title={title} disabled={disabledReason !== ''} onClick={run}>
      {label ?? command.label}
    </button>
  );
});
