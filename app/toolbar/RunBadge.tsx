/** The run's status next to the Run button. */
import { useApp } from '../store/app-store';

const TEXT = { idle: '', running: 'Running…', restarting: 'Restarting…', finished: 'Finished', failed: 'Failed', canceled: 'Stopped' } as const;

export function RunBadge() {
  const status = useApp((s) => s.runStatus);
  if (status === 'idle') return null;
  return (
    <span className={`run-badge ${status}`} role="status" aria-label={`Run status: ${TEXT[status]}`}>
      {TEXT[status]}
    </span>
  );
}
