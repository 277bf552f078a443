/**
 * A button for a command: its label (also its accessible name, so what the button shows is what
 * a screen reader or a test calls it), an optional decorative icon, and its shortcut or why it is
 * disabled as the title.
 */
import { memo } from 'react';
import { useCommand } from '../commands/CommandsContext';

export const CommandButton = memo(function CommandButton({ id, primary = false, icon, ellipsis = false, pressed }: { id: string; primary?: boolean; icon?: string; ellipsis?: boolean; pressed?: boolean }) {
  const { command, disabledReason, title, run } = useCommand(id);
  return (
    <button type="button" className={primary ? 'primary' : undefined} aria-label={command.label} aria-pressed={pressed} title={title} disabled={disabledReason !== ''} onClick={run}>
      {icon && <span aria-hidden="true">{icon} </span>}
      {command.label}
      {ellipsis && '…'}
    </button>
  );
});
