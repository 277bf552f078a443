/**
 * Compare's controls: choose a node param and the value it takes in the second configuration
 * (a window's assigner, its allowed lateness…), start or stop comparing, and where the second
 * trace stands. The two timelines themselves are drawn by the lab's timeline view.
 */
import { useState } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { currentValueText, describeVariant, parseVariantValue, variableParams } from './compare';

export function ComparePanel() {
  const store = useAppStore();
  const variant = useApp((s) => s.labCompare);
  const status = useApp((s) => s.labCompareStatus);
  const problems = useApp((s) => s.labCompareProblems);
  const position = useApp((s) => s.labComparePosition);
  const length = useApp((s) => s.labCompareLength);
  const [editing, setEditing] = useState(false);
  if (variant !== null && !editing) {
    return (
      <div className="lab-compare" role="group" aria-label="Compare">
        <span>
          Comparing with <span className="mono">{describeVariant(variant)}</span>
          {status === 'opening' && ' (opening…)'}
          {status === 'ready' && ` · step ${position} of ${length ?? `${position}+`}`}
        </span>
        {status === 'invalid' && (
          <span role="alert" className="bad">
            {' '}
            {problems.join('; ')}
          </span>
        )}
        <button type="button" onClick={() => setEditing(true)}>
          Change comparison
        </button>
        <button type="button" onClick={() => store.getState().stopLabCompare()}>
          Stop comparing
        </button>
      </div>
    );
  }
  return editing || variant !== null ? <CompareForm onDone={() => setEditing(false)} /> : <StartCompare onStart={() => setEditing(true)} />;
}

function StartCompare({ onStart }: { onStart(): void }) {
  return (
    <div className="lab-compare" role="group" aria-label="Compare">
      <button type="button" onClick={onStart} title="Trace the same input through a second configuration, side by side">
        Compare…
      </button>
    </div>
  );
}

function CompareForm({ onDone }: { onDone(): void }) {
  const store = useAppStore();
  const nodes = useApp((s) => s.labDoc ?? s.doc).nodes;
  const first = nodes.find((n) => n.kind === 'window') ?? nodes[0];
  const [nodeId, setNodeId] = useState(first?.id ?? '');
  const node = nodes.find((n) => n.id === nodeId);
  const params = node ? variableParams(node) : [];
  const [param, setParam] = useState(params.includes('allowedLatenessMs') ? 'allowedLatenessMs' : (params[0] ?? ''));
  const [value, setValue] = useState(currentValueText(node, param));
  const [error, setError] = useState<string | null>(null);
  const chooseNode = (id: string) => {
    setNodeId(id);
    const n = nodes.find((x) => x.id === id);
    const p = n ? (variableParams(n)[0] ?? '') : '';
    setParam(p);
    setValue(currentValueText(n, p));
  };
  const start = () => {
    const v = parseVariantValue(nodeId, param, value);
    if (!v.ok) {
      setError(v.error);
      return;
    }
    setError(null);
    store.getState().startLabCompare({ node: nodeId, param, value: v.value });
    onDone();
  };
  return (
    <form
      className="lab-compare"
      aria-label="Compare"
      onSubmit={(e) => {
        e.preventDefault();
        start();
      }}
    >
      <span>Compare with</span>
      <select aria-label="Compare node" value={nodeId} onChange={(e) => chooseNode(e.target.value)}>
        {nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.id}
          </option>
        ))}
      </select>
      <select
        aria-label="Compare param"
        value={param}
        onChange={(e) => {
          setParam(e.target.value);
          setValue(currentValueText(node, e.target.value));
        }}
      >
        {params.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <span>=</span>
      <input aria-label="Compare value" className="mono" value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" disabled={param === ''}>
        Compare
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {error !== null && (
        <span role="alert" className="bad">
          {error}
        </span>
      )}
    </form>
  );
}
