/** With no single node selected, the inspector shows the job itself: name and parallelism. */
import { useId } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { setJobField } from '../store/graph-ops';
import { fieldProblemText } from '../store/selectors';
import { FieldFrame, describedBy } from './fields/FieldFrame';

export function JobInspector() {
  const store = useAppStore();
  const nameId = useId();
  const maxId = useId();
  const name = useApp((s) => s.doc.name);
  const maxParallelism = useApp((s) => s.doc.maxParallelism);
  const nodes = useApp((s) => s.doc.nodes.length);
  const maxProblem = useApp(fieldProblemText(undefined, 'maxParallelism'));
  const seal = () => store.getState().sealHistory();
  return (
    <div className="job-inspector">
      <h2>Job</h2>
      <p className="muted">
        {nodes} node{nodes === 1 ? '' : 's'}. Select a node to edit it; the job's parallelism is in the toolbar.
      </p>
      <FieldFrame inputId={nameId} label="Job name" required={false} problem="">
        <input id={nameId} value={name ?? ''} onChange={(e) => store.getState().edit((d) => setJobField(d, 'name', e.target.value || undefined), 'job:name')} onBlur={seal} />
      </FieldFrame>
      <FieldFrame inputId={maxId} label="Max parallelism" required={false} description="Number of key groups: the upper bound for rescaling keyed state" problem={maxProblem}>
        <input
          id={maxId}
          type="number"
          min={1}
          value={maxParallelism ?? ''}
          placeholder="default: 128"
          onChange={(e) => store.getState().edit((d) => setJobField(d, 'maxParallelism', e.target.value === '' ? undefined : Number(e.target.value)), 'job:maxParallelism')}
          onBlur={seal}
          {...describedBy(maxId, maxProblem)}
        />
      </FieldFrame>
    </div>
  );
}
