/** The latest message (saved, imported, copied, errors), announced to screen readers; cut to one line, its tooltip holds the whole text. */
import { useApp } from '../store/app-store';

export function StatusLine() {
  const status = useApp((s) => s.status);
  return (
    <div className={`status-line ${status?.tone ?? ''}`} role="status" aria-live="polite" data-testid="status-line" key={status?.seq} title={status?.text}>
      {status?.text}
    </div>
  );
}
