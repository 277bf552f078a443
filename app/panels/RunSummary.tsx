/** One line on the last run: how it ended, how many results, and which slot workers ran what. */
import { useApp } from '../store/app-store';

export function RunSummary() {
  const status = useApp((s) => s.runStatus);
  const failure = useApp((s) => s.runFailure);
  const slots = useApp((s) => s.slots);
  // `results` grows in place; its version says when to read the count again.
  useApp((s) => s.resultsVersion);
  const total = useApp((s) => s.results).total;
  if (status === 'idle') return <p className="muted empty-state">No results yet — run the job (▶ Run, or Ctrl+Enter) to see what reaches its sinks here.</p>;
  const results = `${total} result${total === 1 ? '' : 's'}`;
  return (
    <div className="run-summary">
      {status === 'running' && <p role="status">Running… {results} so far</p>}
      {status === 'canceled' && <p role="status">Stopped. {results} before the stop.</p>}
      {status === 'failed' && failure && (
        <p role="alert" className="bad">
          Failed{failure.nodeId ? ` at node "${failure.nodeId}"` : ''}
          {failure.records !== undefined ? ` after ${failure.records} record${failure.records === 1 ? '' : 's'}` : ''}: {failure.message}
        </p>
      )}
      {(status === 'finished' || (status === 'failed' && slots.length > 0)) && (
        <p className="meta" data-testid="slots">
          {status === 'finished' ? 'Finished: ' : ''}
          {results} · ran in {slots.length} slot{slots.length === 1 ? '' : 's'}:{' '}
          {slots.map((s) => `${s.thread} (${s.subtasks.map((t) => `${t.vertex}#${t.index}`).join(', ')})`).join('; ')}
        </p>
      )}
    </div>
  );
}
