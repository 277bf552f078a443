/**
 * The Problems tab: every validation error of the job (a node's problem selects that node), and
 * while a SQL script is open, the script's problems at their line:column.
 */
import { formatJobError } from '../../engine/index';
import { useApp, useAppStore } from '../store/app-store';

export function ProblemsPanel() {
  const store = useAppStore();
  const problems = useApp((s) => s.problems);
  const script = useApp((s) => s.sql?.name ?? null);
  const sqlProblems = useApp((s) => s.sqlProblems);
  if (problems.length === 0 && sqlProblems.length === 0) return <p className="muted">No problems: the job is valid.</p>;
  return (
    <ul className="problems" aria-label="Problems">
      {script !== null &&
        sqlProblems.map((p) => (
          <li key={`sql:${p.line}:${p.column}:${p.message}`}>
            {script}:{p.line}:{p.column}: {p.message}
          </li>
        ))}
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed whole; the same problem can appear twice
        <li key={`${i}:${p.code}:${p.nodeId ?? ''}:${p.field ?? ''}`}>
          {p.nodeId !== undefined && store.getState().doc.nodes.some((n) => n.id === p.nodeId) ? (
            <button type="button" className="link" onClick={() => store.getState().select([p.nodeId!])}>
              {formatJobError(p)}
            </button>
          ) : (
            formatJobError(p)
          )}
        </li>
      ))}
    </ul>
  );
}
