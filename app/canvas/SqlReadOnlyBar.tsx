/**
 * Over the canvas while the job comes from a SQL script: the graph is what the script compiles
 * to, read-only, and one action makes it an editable job.
 */
import { useApp } from '../store/app-store';
import { CommandButton } from '../toolbar/CommandButton';

export function SqlReadOnlyBar() {
  const compiled = useApp((s) => s.doc.nodes.length > 0);
  return (
    <div className="sql-read-only" role="note" aria-label="Compiled from SQL">
      {compiled ? (
        <>
          <span>
            <strong>read-only:</strong> compiled from SQL
          </span>
          <CommandButton id="convertSql" />
        </>
      ) : (
        <span>The job the script compiles to shows here: run it (Ctrl+Enter)</span>
      )}
    </div>
  );
}
