/**
 * The SQL script's pane, in the palette's place while a SQL script is open: the script's name, a
 * file picker for each filesystem table (the browser cannot read the script's folder), the
 * editor (Monaco, loaded on first use) and the script's problems, each a button that puts the
 * cursor on it.
 */
import { bytesText, inputReady, readUpload } from '../client/input-files';
import type * as Monaco from 'monaco-editor';
import { Suspense, lazy, useEffect, useId, useRef } from 'react';
import { CODE_FONT_FAMILY, CODE_FONT_SIZE, CODE_LINE_HEIGHT } from '../code/code-font';
import { useApp, useAppStore } from '../store/app-store';

const SqlEditor = lazy(() => import('./SqlEditor'));

export function SqlPane() {
  const name = useApp((s) => s.sql?.name ?? '');
  const problems = useApp((s) => s.sqlProblems);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const reveal = (line: number, column: number) => {
    const e = editor.current;
    if (!e) return;
    e.revealLineInCenter(line);
    e.setPosition({ lineNumber: line, column });
    e.focus();
  };
  // A problem chosen elsewhere (the Problems tab) puts the cursor on it here too.
  const request = useApp((s) => s.sqlReveal);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reveal reads only the editor ref
  useEffect(() => {
    if (request) reveal(request.line, request.column);
  }, [request]);
  return (
    <section className="sql-pane" aria-label="SQL script">
      <header className="sql-head">
        <h2 className="panel-title">{name}</h2>
        <span className="sql-lang">Flink SQL</span>
      </header>
      <SqlFiles />
      <div className="sql-editor">
        <Suspense fallback={<SqlFallback />}>
          <SqlEditor
            onEditor={(e) => {
              editor.current = e;
            }}
          />
        </Suspense>
      </div>
      <div className="sql-problems" role="region" aria-label="SQL problems">
        {problems.length === 0 ? (
          <p className="sql-ok">No problems</p>
        ) : (
          <ul>
            {problems.map((p) => (
              <li key={`${p.line}:${p.column}:${p.message}`}>
                <button type="button" className="link" onClick={() => reveal(p.line, p.column)}>
                  <span className="sql-pos">
                    {p.line}:{p.column}
                  </span>{' '}
                  {p.message}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function SqlFallback() {
  const text = useApp((s) => s.sql?.text ?? '');
  return (
    <pre className="code-editor loading" aria-busy="true" style={{ fontFamily: CODE_FONT_FAMILY, fontSize: CODE_FONT_SIZE, lineHeight: `${CODE_LINE_HEIGHT}px` }}>
      {text || ' '}
    </pre>
  );
}

/** A file input per filesystem table of the compiled job, keyed by the table's `path`. */
function SqlFiles() {
  const nodes = useApp((s) => s.doc.nodes);
  const tables = nodes.filter((n) => n.kind === 'source.file' && typeof n.params?.path === 'string');
  if (tables.length === 0) return null;
  return (
    <div className="sql-files">
      {tables.map((n) => (
        <TableFile key={n.id} table={n.id} path={n.params!.path as string} />
      ))}
    </div>
  );
}

function TableFile({ table, path }: { table: string; path: string }) {
  const store = useAppStore();
  const id = useId();
  const input = useApp((s) => s.files[path]);
  return (
    <div className="sql-file">
      <label htmlFor={id}>
        Table <strong>{table}</strong> reads <code>{path}</code>
      </label>
      <input
        id={id}
        type="file"
        aria-label={`File for table ${table}`}
        accept=".jsonl,.json,.csv,.txt"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          // Its first lines only: a run reads the rest slice by slice.
          readUpload(file).then(
            (upload) => {
              store.getState().setFile(path, upload);
              store.getState().notify(`Table ${table} reads ${file.name} (${upload.complete ? `${upload.head.split('\n').filter(Boolean).length} lines` : bytesText(file.size)})`);
            },
            (e: unknown) => store.getState().notify(`Could not read ${file.name}: ${String(e)}`, 'error'),
          );
        }}
      />
      <span className="field-help">{input === undefined ? 'No file yet: upload one to run.' : `${inputReady(input)}.`}</span>
    </div>
  );
}
