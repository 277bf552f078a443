/** The Results tab: the run's summary, a choice of collect sink, and that sink's records. */
import { useState } from 'react';
import { CommandButton } from '../toolbar/CommandButton';
import { useApp } from '../store/app-store';
import { ResultsTable } from './ResultsTable';
import { RunSummary } from './RunSummary';

export function ResultsPanel() {
  const version = useApp((s) => s.resultsVersion);
  const results = useApp((s) => s.results);
  const nodes = useApp((s) => s.doc.nodes);
  const [chosen, setChosen] = useState<string | null>(null);
  // Every collect sink of the job (even before it receives a record), then any other that did.
  const sinks = [...new Set([...nodes.filter((n) => n.kind === 'sink.collect').map((n) => n.id), ...results.sinks()])];
  const sink = chosen !== null && sinks.includes(chosen) ? chosen : (sinks[0] ?? null);
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
      {sink !== null && <ResultsTable key={sink} sink={sink} values={results.of(sink)} />}
    </div>
  );
}
