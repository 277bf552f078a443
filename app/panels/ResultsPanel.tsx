/**
 * The Results tab: the run's summary, a choice of collect sink, and that sink's records. A sink
 * of a SQL script shows its rows as Flink prints them with their row kind (`op`), or — "Current
 * table" — the table its changelog amounts to.
 */
import { useMemo, useState } from 'react';
import type { SinkSchema } from '../../engine/sql/compile';
import { applyChangelog } from '../sql/changelog-table';
import { sqlCellText } from '../sql/sql-values';
import { useApp } from '../store/app-store';
import type { ResultBuffer } from '../store/result-buffer';
import { CommandButton } from '../toolbar/CommandButton';
import { ResultsTable, type SqlRowView } from './ResultsTable';
import { RunSummary } from './RunSummary';

export function ResultsPanel() {
  const version = useApp((s) => s.resultsVersion);
  const results = useApp((s) => s.results);
  const nodes = useApp((s) => s.doc.nodes);
  const sqlSinks = useApp((s) => s.sqlSinks);
  const [chosen, setChosen] = useState<string | null>(null);
  // Every collect sink of the job (even before it receives a record), then any other that did.
  const sinks = [...new Set([...nodes.filter((n) => n.kind === 'sink.collect').map((n) => n.id), ...results.sinks()])];
  const sink = chosen !== null && sinks.includes(chosen) ? chosen : (sinks[0] ?? null);
  const schema = sink !== null ? sqlSinks.find((s) => s.name === sink) : undefined;
  return (
    <div className="results-panel" data-version={version}>
      <div className="results-bar">
        <div>
          <h2 className="panel-title">Results</h2>
          <RunSummary />
        </div>
        <CommandButton id="downloadResults" />
      </div>
      {sinks.length > 0 && (
        <div className="sink-choice" role="group" aria-label="Collect sinks">
          {sinks.map((s) => (
            <button key={s} type="button" aria-pressed={s === sink} onClick={() => setChosen(s)}>
              {s} <span className="count">{results.of(s).length}</span>
            </button>
          ))}
        </div>
      )}
      {sink !== null && (schema ? <SqlResults key={sink} sink={sink} schema={schema} results={results} version={version} /> : <ResultsTable key={sink} sink={sink} values={results.of(sink)} />)}
    </div>
  );
}

/** A SQL sink's changelog (rows with `op`) or its current table. */
function SqlResults({ sink, schema, results, version }: { sink: string; schema: SinkSchema; results: ResultBuffer; version: number }) {
  const [view, setView] = useState<'changelog' | 'table'>('changelog');
  const values = results.of(sink);
  const ops = results.opsOf(sink);
  const types = useMemo(() => new Map(schema.columns.map((c) => [c.name, c.type])), [schema]);
  const columns = useMemo(() => schema.columns.map((c) => c.name), [schema]);
  const wide = useMemo(() => new Set(schema.columns.filter((c) => c.type.name === 'TIMESTAMP' || c.type.name === 'TIMESTAMP_LTZ').map((c) => c.name)), [schema]);
  const cell = useMemo(() => (column: string, v: unknown) => sqlCellText(types.get(column), v), [types]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the buffer grows in place; version says it did
  const current = useMemo(() => (view === 'table' ? applyChangelog(values, ops) : []), [view, values, ops, version]);
  const rowView: SqlRowView = view === 'changelog' ? { columns, cell, ops, wide } : { columns, cell, wide };
  return (
    <div className="sql-results">
      <div className="sql-result-view" role="group" aria-label="Result view">
        <button type="button" aria-pressed={view === 'changelog'} onClick={() => setView('changelog')}>
          Changelog
        </button>
        <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
          Current table
        </button>
      </div>
      {view === 'changelog' ? (
        <ResultsTable key="changelog" sink={sink} values={values} sql={rowView} />
      ) : (
        <ResultsTable key="table" sink={sink} values={current} sql={rowView} label={`Current table of ${sink}`} />
      )}
    </div>
  );
}
