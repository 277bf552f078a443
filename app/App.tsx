/**
 * The start page until the IDE lands: the example jobs, each checked by the engine's
 * validator (parsing only — user code never runs on the page's main thread).
 */
import { useEffect, useState } from 'react';
import { formatJobError, validateJob } from '../engine/index';
import { type WorkerRun, runInWorkers } from './client/engine-client';

interface ExampleEntry {
  file: string;
  title: string;
  description: string;
}

interface LoadedExample extends ExampleEntry {
  doc: unknown;
  /** Input files the job's file sources read, by path. */
  files: Record<string, string>;
  nodes: number;
  edges: number;
  errors: string[];
}

async function loadExamples(): Promise<LoadedExample[]> {
  const index = (await (await fetch('examples/index.json')).json()) as ExampleEntry[];
  return Promise.all(
    index.map(async (entry) => {
      const doc = await (await fetch(`examples/${entry.file}`)).json();
      const result = validateJob(doc);
      const files: Record<string, string> = {};
      for (const node of Array.isArray(doc.nodes) ? doc.nodes : []) {
        if (node.kind === 'source.file' && typeof node.params?.path === 'string') {
          files[node.params.path] = await (await fetch(new URL(node.params.path, new URL(`examples/${entry.file}`, location.href)))).text();
        }
      }
      return {
        ...entry,
        doc,
        files,
        nodes: Array.isArray(doc.nodes) ? doc.nodes.length : 0,
        edges: Array.isArray(doc.edges) ? doc.edges.length : 0,
        errors: result.ok ? [] : result.errors.map(formatJobError),
      };
    }),
  );
}

export function App() {
  const [examples, setExamples] = useState<LoadedExample[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    loadExamples().then(setExamples, (e: unknown) => setFailure(String(e)));
  }, []);

  return (
    <main className="start">
      <header>
        <h1>Eddy</h1>
        <p>Apache Flink's DataStream model, its dashboard and a teaching lab — in one browser tab.</p>
      </header>
      <section aria-labelledby="examples-heading">
        <h2 id="examples-heading">Example jobs</h2>
        <p className="note">
          The visual editor is under construction. Run these jobs here, in Web Workers, or from the command line:{' '}
          <code>npx eddy run public/examples/&lt;file&gt;</code>
        </p>
        {failure && <p role="alert">Could not load the examples: {failure}</p>}
        {examples === null && !failure && <p>Loading examples…</p>}
        <ul className="examples">
          {examples?.map((ex) => (
            <li key={ex.file} aria-label={ex.title}>
              <h3>{ex.title}</h3>
              <p>{ex.description}</p>
              <p className="meta">
                <code>{ex.file}</code> · {ex.nodes} nodes · {ex.edges} edges ·{' '}
                {ex.errors.length === 0 ? <span className="ok">valid</span> : <span className="bad">{ex.errors.length} errors</span>}
              </p>
              {ex.errors.length === 0 && <RunPanel example={ex} />}
              {ex.errors.length > 0 && (
                <ul className="errors">
                  {ex.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

/** Runs one example in Web Workers and shows its results and where its subtasks ran. */
function RunPanel({ example }: { example: LoadedExample }) {
  const [run, setRun] = useState<WorkerRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [parallelism, setParallelism] = useState<number | undefined>(undefined);

  const start = () => {
    setRunning(true);
    setError(null);
    runInWorkers(example.doc, example.files, parallelism)
      .then(setRun, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setRunning(false));
  };

  return (
    <div className="run">
      <button type="button" onClick={start} disabled={running} aria-label={`Run ${example.title}`}>
        {running ? 'Running…' : 'Run in workers'}
      </button>{' '}
      <label>
        Parallelism{' '}
        <select
          aria-label={`Parallelism of ${example.title}`}
          value={parallelism ?? ''}
          onChange={(e) => setParallelism(e.target.value === '' ? undefined : Number(e.target.value))}
        >
          <option value="">as in the job</option>
          {[1, 2, 3, 4].map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      {error && <p role="alert">{error}</p>}
      {run && (
        <section aria-label={`Results of ${example.title}`}>
          <p className="meta" data-testid="slots">
            {run.results.length} results · ran in {run.slots.length} slot{run.slots.length === 1 ? '' : 's'}:{' '}
            {run.slots.map((s) => `${s.thread} (${s.subtasks.map((t) => `${t.vertex}#${t.index}`).join(', ')})`).join('; ')}
          </p>
          <pre className="results">{run.results.map((r) => JSON.stringify({ sink: r.sink, value: r.value })).join('\n')}</pre>
        </section>
      )}
    </div>
  );
}
