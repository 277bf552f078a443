/**
 * The Problems tab: every validation error of the job (it cannot run), then a param the last run
 * found wrong as its node started (while the job is the one that ran), then the type warnings of
 * its code (it can); a node's entry selects that node. While a SQL script is open, the script's
 * problems come first, at their line:column.
 */
import { formatJobError } from '../../engine/index';
import { useApp, useAppStore } from '../store/app-store';
import { formatCodeWarning } from '../store/graph-slice';
import { runProblemOf } from '../store/run-slice';

export function ProblemsPanel() {
  const store = useAppStore();
  const validation = useApp((s) => s.problems);
  const runProblem = useApp(runProblemOf);
  const problems = runProblem === null ? validation : [...validation, runProblem];
  const script = useApp((s) => s.sql?.name ?? null);
  const sqlProblems = useApp((s) => s.sqlProblems);
  const warnings = useApp((s) => s.typeWarnings);
  const select = (nodeId: string | undefined, text: string) =>
    nodeId !== undefined && store.getState().doc.nodes.some((n) => n.id === nodeId) ? (
      <button type="button" className="link" onClick={() => store.getState().select([nodeId])}>
        {text}
      </button>
    ) : (
      text
    );
  return (
    <>
      {script !== null && sqlProblems.length > 0 && (
        <ul className="problems" aria-label="Script problems">
          {sqlProblems.map((p) => (
            <li key={`sql:${p.line}:${p.column}:${p.message}`}>
              <button type="button" className="link" onClick={() => store.getState().revealSql(p.line, p.column)}>
                {script}:{p.line}:{p.column}: {p.message}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problems.length === 0 ? (
        script !== null && sqlProblems.length > 0 ? null : (
          <p className="muted">{warnings.length === 0 ? 'No problems: the job is valid.' : 'No problems: the job is valid and can run.'}</p>
        )
      ) : (
        <ul className="problems" aria-label="Problems">
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed whole; the same problem can appear twice
            <li key={`${i}:${p.code}:${p.nodeId ?? ''}:${p.field ?? ''}`}>{select(p.nodeId, formatJobError(p))}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <>
          <p className="muted">Type warnings: TypeScript's errors in the code. The job runs anyway, and may fail where they are.</p>
          <ul className="problems warnings" aria-label="Type warnings">
            {warnings.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: warnings are recomputed whole
              <li key={`${i}:${w.nodeId}:${w.field}:${w.line}`}>{select(w.nodeId, formatCodeWarning(w))}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
